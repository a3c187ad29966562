import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { offlineDonationSchema } from '#app/campaigns/campaign-schema.ts'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	SubmitButton,
	TextField,
	useResetAfterSuccess,
} from '#app/components/form-fields.tsx'
import { DashboardPanel } from './dashboard-panel.tsx'

type Props = {
	/** How many offline gifts wait for the team's confirmation. */
	pendingCount: number
	token: string
	lastResult?: SubmissionResult<string[]>
	currency: string
}

/** Cash or a cheque the fundraiser collected: recorded as pending until the team confirms it. */
export function OfflineGiftSection({ pendingCount, ...form }: Props) {
	return (
		<DashboardPanel
			id="offline"
			heading="Record an offline gift"
			intro="Collected cash or a cheque? Record it here; it shows as pending and counts once our team confirms it."
		>
			{pendingCount > 0 ? (
				<p className="mt-2 text-sm">
					{pendingCount} offline {pendingCount === 1 ? 'gift is' : 'gifts are'} waiting for confirmation.
				</p>
			) : null}
			<OfflineDonationForm {...form} />
		</DashboardPanel>
	)
}

function OfflineDonationForm({ token, lastResult, currency }: Omit<Props, 'pendingCount'>) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'record-offline',
		lastResult,
		constraint: getZodConstraint(offlineDonationSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: offlineDonationSchema }),
	})
	useResetAfterSuccess(form, 'record-offline')
	return (
		<Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
			<input type="hidden" name="intent" value="record-offline" />
			<FormTokenInput token={token} />
			<FormErrors id={form.errorId} errors={form.errors} />
			<div>
				<label htmlFor={fields.amount.id} className="field-label">
					Amount ({currency})
				</label>
				<input
					{...getInputProps(fields.amount, { type: 'text' })}
					key={fields.amount.key}
					inputMode="decimal"
					className="field-input"
				/>
				<FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
			</div>
			<TextField field={fields.donorName} label="Donor's name" />
			<TextField
				field={fields.note}
				label="Note"
				hint="For example: cash from the bake sale, cheque no. 100234."
				optional
			/>
			<SubmitButton
				pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'record-offline'}
			>
				Record gift
			</SubmitButton>
		</Form>
	)
}
