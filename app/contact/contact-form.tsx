import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import {
	FormErrors,
	FormTokenInput,
	Honeypot,
	SubmitButton,
	TextAreaField,
	TextField,
} from '#app/components/form-fields.tsx'
import { contactSchema } from './contact-schema.ts'

export function ContactForm({
	id,
	lastResult,
	showOrganisation,
	messageLabel,
	formToken,
}: {
	id: string
	lastResult?: SubmissionResult<string[]>
	showOrganisation: boolean
	messageLabel: string
	/** The page's one-time token (see createOnce): the same form sent twice stores one message. */
	formToken: string
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id,
		lastResult,
		constraint: getZodConstraint(contactSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: contactSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl bg-white p-6 shadow-sm">
			<FormErrors id={form.errorId} errors={form.errors} />
			<div className="grid gap-5 sm:grid-cols-2">
				<TextField field={fields.name} label="Your name" autoComplete="name" />
				<TextField field={fields.email} label="Email address" type="email" autoComplete="email" />
			</div>
			<div className="grid gap-5 sm:grid-cols-2">
				{showOrganisation ? (
					<TextField field={fields.organisation} label="Organisation" autoComplete="organization" optional />
				) : null}
				<TextField field={fields.phone} label="Phone" type="tel" autoComplete="tel" optional />
			</div>
			<TextAreaField field={fields.message} label={messageLabel} rows={6} />
			<Honeypot />
			<FormTokenInput token={formToken} />
			<SubmitButton pending={navigation.state === 'submitting'}>Send message</SubmitButton>
		</Form>
	)
}

export function SentNotice({ children }: { children: React.ReactNode }) {
	return (
		<div role="status" className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-emerald-950">
			{children}
		</div>
	)
}
