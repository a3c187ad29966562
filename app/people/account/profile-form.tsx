import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { type ReactNode } from 'react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { FieldErrors, FormErrors, SubmitButton, TextField } from '#app/components/form-fields.tsx'
import { profileSchema } from '#app/people/auth-schema.ts'
import { AccountSection } from './account-section.tsx'

type Props = {
	person: { firstName: string; lastName: string; coachingEmails: boolean; newsConsent: boolean }
	charityName: string
	lastResult?: SubmissionResult<string[]>
	/** Whether the page was reached by saving (the redirect after a save). */
	saved: boolean
	pending: boolean
}

/** The person's name and their email choices. */
export function ProfileSection({ person, charityName, lastResult, saved, pending }: Props) {
	const [form, fields] = useForm({
		id: 'profile',
		lastResult,
		constraint: getZodConstraint(profileSchema),
		defaultValue: {
			intent: 'profile',
			firstName: person.firstName,
			lastName: person.lastName,
			coachingEmails: person.coachingEmails,
			newsConsent: person.newsConsent,
		},
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
	})
	return (
		<AccountSection id="profile" heading="Your details">
			{saved ? <ActionNotice className="mt-4">Your changes are saved.</ActionNotice> : null}
			<Form method="post" {...getFormProps(form)} className="mt-5 space-y-5">
				<FormErrors id={form.errorId} errors={form.errors} />
				<input {...getInputProps(fields.intent, { type: 'hidden' })} key={fields.intent.key} />
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField field={fields.firstName} label="First name" autoComplete="given-name" />
					<TextField field={fields.lastName} label="Last name" autoComplete="family-name" />
				</div>
				<fieldset className="space-y-3">
					<legend className="field-label">Emails</legend>
					<Checkbox field={fields.coachingEmails}>Fundraising tips and reminders while I'm fundraising</Checkbox>
					<Checkbox field={fields.newsConsent}>
						News from {charityName} by email. You can unsubscribe at any time.
					</Checkbox>
				</fieldset>
				<SubmitButton pending={pending}>Save changes</SubmitButton>
			</Form>
		</AccountSection>
	)
}

function Checkbox({ field, children }: { field: FieldMetadata<boolean | null | undefined>; children: ReactNode }) {
	return (
		<div>
			<div className="flex items-start gap-3">
				<input
					{...getInputProps(field, { type: 'checkbox' })}
					key={field.key}
					className="mt-1 h-5 w-5 shrink-0 accent-brand"
				/>
				<label htmlFor={field.id} className="text-[15px]">
					{children}
				</label>
			</div>
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}
