import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { deleteAccountSchema } from '#app/people/auth-schema.ts'
import { AccountSection } from './account-section.tsx'

/** Deleting the account asks for DELETE typed out, so it is never one stray click. */
export function DeleteAccountSection({
	lastResult,
	pending,
}: {
	lastResult?: SubmissionResult<string[]>
	pending: boolean
}) {
	const [form, fields] = useForm({
		id: 'delete-account',
		lastResult,
		constraint: getZodConstraint(deleteAccountSchema),
		defaultValue: { intent: 'delete' },
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteAccountSchema }),
	})
	return (
		<AccountSection
			id="delete"
			heading="Delete my account"
			intro="We will remove your name, email address, photo and email choices, and sign you out everywhere. Gifts you made and fundraisers you ran stay in the charity's records, so every total stays right, but they are no longer linked to you. This cannot be undone."
			danger
		>
			<Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
				<FormErrors id={form.errorId} errors={form.errors} />
				<input {...getInputProps(fields.intent, { type: 'hidden' })} key={fields.intent.key} />
				<div>
					<label htmlFor={fields.confirm.id} className="field-label">
						Type DELETE to confirm
					</label>
					<input
						{...getInputProps(fields.confirm, { type: 'text' })}
						key={fields.confirm.key}
						autoComplete="off"
						autoCapitalize="characters"
						spellCheck={false}
						className="field-input max-w-56"
					/>
					<FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
				</div>
				<button
					type="submit"
					className="btn w-full border-2 border-red-800 bg-white text-red-800 hover:bg-red-50 sm:w-auto"
					aria-disabled={pending || undefined}
				>
					{pending ? 'Deleting…' : 'Delete my account'}
				</button>
			</Form>
		</AccountSection>
	)
}
