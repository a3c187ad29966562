import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { FieldErrors, FormErrors, SubmitButton, TextField } from '#app/components/form-fields.tsx'
import { feeRefundSchema } from './fee-refund-schema.ts'

/**
 * The amount to refund (what is left of the fee by default) and a reason for
 * the audit log. `refundedBefore` goes with the form, so a resent form names
 * the same cumulative refund as the first.
 */
export function FeeRefundForm({
	lastResult,
	currency,
	locale,
	leftMinor,
	left,
	leftText,
	refundedBefore,
}: {
	lastResult?: SubmissionResult<string[]> | null
	currency: string
	locale: string
	leftMinor: number
	/** What is left, written as money ("£15.00"). */
	left: string
	/** What is left, as a person would type it ("15"). */
	leftText: string
	refundedBefore: number
}) {
	const navigation = useNavigation()
	const schema = feeRefundSchema({ currency, locale, leftMinor })
	const [form, fields] = useForm({
		id: `fee-refund-${refundedBefore}`,
		lastResult,
		defaultValue: { amount: leftText, reason: '' },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const hintId = `${fields.amount.id}-hint`
	return (
		<Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
			<FormErrors id={form.errorId} errors={form.errors} />
			<input type="hidden" name="refundedBefore" value={refundedBefore} />
			<div>
				<label htmlFor={fields.amount.id} className="field-label">
					Amount to refund ({currency})
				</label>
				<p id={hintId} className="mb-1 text-sm text-muted">
					Up to {left}, what is left of the fee. Refund part of it by typing less.
				</p>
				<input
					{...getInputProps(fields.amount, { type: 'text', ariaDescribedBy: hintId })}
					key={fields.amount.key}
					inputMode="decimal"
					autoComplete="off"
					className="field-input"
				/>
				<FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
			</div>
			<TextField field={fields.reason} label="Reason (kept in the audit log)" optional />
			<SubmitButton pending={navigation.state !== 'idle'}>Refund</SubmitButton>
		</Form>
	)
}
