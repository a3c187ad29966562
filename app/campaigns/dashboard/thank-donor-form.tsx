import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { thankDonorSchema } from '#app/campaigns/campaign-schema.ts'
import { FieldErrors, FormErrors, FormTokenInput } from '#app/components/form-fields.tsx'

export function ThankDonorForm({
	donationId,
	donorName,
	token,
	lastResult,
}: {
	donationId: string
	donorName: string
	token: string
	lastResult?: SubmissionResult<string[]>
}) {
	const mine = lastResult?.initialValue?.donationId === donationId ? lastResult : undefined
	const [form, fields] = useForm({
		id: `thank-${donationId}`,
		lastResult: mine,
		constraint: getZodConstraint(thankDonorSchema),
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: thankDonorSchema }),
	})
	return (
		<details className="text-sm" open={Boolean(mine)}>
			<summary className="cursor-pointer font-semibold text-brand wrap-anywhere">Say thank you to {donorName}</summary>
			<Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
				<input type="hidden" name="intent" value="thank-donor" />
				<input type="hidden" name="donationId" value={donationId} />
				<FormTokenInput token={token} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<label htmlFor={fields.message.id} className="field-label">
					Your message
				</label>
				<textarea {...getTextareaProps(fields.message)} key={fields.message.key} rows={3} className="field-input" />
				<FieldErrors id={fields.message.errorId} errors={fields.message.errors} />
				<p className="text-muted">We email it for you; their address stays private.</p>
				<button type="submit" className="btn-primary px-4 py-2 text-sm">
					Send thank-you
				</button>
			</Form>
		</details>
	)
}

/**
 * A thank-you refused for a gift that can no longer be thanked (refunded or
 * taken back after its form was shown): the form is gone, so the reason is
 * shown beside the gift.
 */
export function ThanksRefusal({
	donationId,
	lastResult,
}: {
	donationId: string
	lastResult?: SubmissionResult<string[]>
}) {
	if (lastResult?.initialValue?.donationId !== donationId) return null
	return <FormErrors errors={lastResult.error?.[''] ?? undefined} />
}
