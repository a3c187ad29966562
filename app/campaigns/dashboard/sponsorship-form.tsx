import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	SubmitButton,
	useResetAfterSuccess,
} from '#app/components/form-fields.tsx'
import { SPONSOR_ROWS, sponsorshipFormSchema } from '#app/gift-aid/sponsorship-schema.ts'
import { DashboardPanel } from './dashboard-panel.tsx'

type Props = {
	token: string
	lastResult?: SubmissionResult<string[]>
	currency: string
	/** The event's charity pays participants' costs: ask whether a sponsor is the participant or family. */
	askParticipantOrFamily: boolean
}

type SponsorFields = ReturnType<
	FieldMetadata<{
		title?: string
		firstName?: string
		lastName?: string
		houseNameOrNumber?: string
		postcode?: string
		amount?: string
		paidOn?: string
		giftAid?: boolean
		participantOrFamily?: boolean
	}>['getFieldset']
>

function Field({
	field,
	label,
	type = 'text',
	inputMode,
	autoComplete,
}: {
	field: SponsorFields['firstName']
	label: string
	type?: 'text' | 'date'
	inputMode?: 'decimal'
	autoComplete?: string
}) {
	return (
		<div>
			<label htmlFor={field.id} className="field-label">
				{label}
			</label>
			<input
				{...getInputProps(field, { type })}
				key={field.key}
				inputMode={inputMode}
				autoComplete={autoComplete ?? 'off'}
				className="field-input"
			/>
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

function SponsorRow({
	index,
	fields,
	currency,
	askParticipantOrFamily,
}: {
	index: number
	fields: SponsorFields
	currency: string
	askParticipantOrFamily: boolean
}) {
	return (
		<fieldset className="rounded-lg border border-stone-200 p-3">
			<legend className="px-1 font-semibold">Sponsor {index + 1}</legend>
			<div className="grid gap-3 sm:grid-cols-2">
				<Field field={fields.firstName} label="First name or initial" />
				<Field field={fields.lastName} label="Last name" />
				<Field field={fields.houseNameOrNumber} label="House name or number" />
				<Field field={fields.postcode} label="Postcode" />
				<Field field={fields.amount} label={`Amount (${currency})`} inputMode="decimal" />
				<Field field={fields.paidOn} label="Date paid" type="date" />
			</div>
			<div className="mt-3 space-y-2">
				<label className="flex items-start gap-2">
					<input {...getInputProps(fields.giftAid, { type: 'checkbox' })} key={fields.giftAid.key} className="mt-1" />
					<span>Gift Aid ticked on the form</span>
				</label>
				{askParticipantOrFamily ? (
					<label className="flex items-start gap-2">
						<input
							{...getInputProps(fields.participantOrFamily, { type: 'checkbox' })}
							key={fields.participantOrFamily.key}
							className="mt-1"
						/>
						<span>This sponsor is me or my family (no Gift Aid: the charity pays my costs)</span>
					</label>
				) : null}
				<FieldErrors id={fields.giftAid.errorId} errors={fields.giftAid.errors} />
			</div>
		</fieldset>
	)
}

/**
 * Cash collected on a sponsorship form, copied in sponsor by sponsor as on
 * HMRC's form: each sponsor's gift waits for the team's confirmation, and a
 * sponsor who ticked Gift Aid gets their own declaration.
 */
export function SponsorshipFormSection({ token, lastResult, currency, askParticipantOrFamily }: Props) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'record-sponsorship',
		lastResult,
		// Every row is there from the start, with or without JavaScript.
		defaultValue: { sponsors: Array.from({ length: SPONSOR_ROWS }, () => ({})) },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: sponsorshipFormSchema }),
	})
	useResetAfterSuccess(form, 'record-sponsorship')
	const sponsors = fields.sponsors.getFieldList()
	return (
		<DashboardPanel
			id="sponsorship"
			heading="Record a sponsorship form"
			intro={`Collected cash on a paper sponsorship form? Copy each sponsor in (up to ${SPONSOR_ROWS} at a time). Where a sponsor ticked Gift Aid, their name, house name or number and postcode let us claim 25p on every £1; each gift counts once our team confirms it.`}
		>
			<Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
				<input type="hidden" name="intent" value="record-sponsorship" />
				<FormTokenInput token={token} />
				<FormErrors id={form.errorId} errors={form.errors} />
				{sponsors.slice(0, SPONSOR_ROWS).map((row, i) => (
					<SponsorRow
						key={row.key}
						index={i}
						fields={row.getFieldset()}
						currency={currency}
						askParticipantOrFamily={askParticipantOrFamily}
					/>
				))}
				<SubmitButton
					pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'record-sponsorship'}
				>
					Record sponsorship
				</SubmitButton>
			</Form>
		</DashboardPanel>
	)
}
