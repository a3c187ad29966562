import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { FieldErrors, TextField } from '#app/components/form-fields.tsx'
import { MESSAGE_MAX } from '#app/donations/donation-schema.ts'

type Field<T> = FieldMetadata<T | undefined>

/** Who is giving: name, email for the receipt, and an optional message for the page. */
export function DonorDetails({
	donorName,
	donorEmail,
	message,
}: {
	donorName: Field<string>
	donorEmail: Field<string>
	message: Field<string>
}) {
	return (
		<>
			<div className="grid gap-5 sm:grid-cols-2">
				<TextField field={donorName} label="Your name" autoComplete="name" />
				<TextField
					field={donorEmail}
					label="Email address"
					type="email"
					autoComplete="email"
					hint="For your receipt."
				/>
			</div>
			<div>
				<label htmlFor={message.id} className="field-label">
					Message <span className="font-normal text-muted">(optional, shown on the page)</span>
				</label>
				<textarea
					{...getTextareaProps(message)}
					key={message.key}
					rows={3}
					maxLength={MESSAGE_MAX}
					className="field-input"
				/>
				<p className="mt-1 text-sm text-muted">Up to {MESSAGE_MAX} characters.</p>
				<FieldErrors id={message.errorId} errors={message.errors} />
			</div>
		</>
	)
}

/** What the page shows of the gift, and who may write to the donor afterwards. */
export function PrivacyChoices({
	fields,
	organiser,
	charityName,
}: {
	fields: Record<
		'anonymous' | 'hideAmount' | 'updatesOptIn' | 'shareEmailWithFundraiser' | 'marketingOptIn',
		Field<boolean>
	>
	organiser: string
	charityName: string
}) {
	const choices = [
		{ field: fields.anonymous, label: "Don't show my name publicly (you'll appear as “Anonymous”)" },
		{ field: fields.hideAmount, label: 'Hide the amount of my gift on the page' },
		{ field: fields.updatesOptIn, label: `Email me ${organiser}'s updates about this fundraiser` },
		{ field: fields.shareEmailWithFundraiser, label: `Let ${organiser} have my email, to thank me in person` },
		{ field: fields.marketingOptIn, label: `Yes, I'd like to hear from ${charityName} by email about its work` },
	]
	return (
		<fieldset className="space-y-3">
			<legend className="field-label">Privacy and updates</legend>
			{choices.map(({ field, label }) => (
				<div key={field.name} className="flex items-start gap-3">
					<input
						{...getInputProps(field, { type: 'checkbox' })}
						key={field.key}
						className="mt-1 h-5 w-5 accent-brand"
					/>
					<label htmlFor={field.id}>{label}</label>
				</div>
			))}
		</fieldset>
	)
}
