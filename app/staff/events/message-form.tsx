import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	SubmitButton,
	TextAreaField,
	TextField,
} from '#app/components/form-fields.tsx'
import { eventMessageSchema } from './message-schema.ts'

/** One message to all participants, or only those still at zero; one email each, through the outbox. */
export function MessageForm({
	formToken,
	counts,
	lastResult,
}: {
	formToken: string
	counts: { all: number; zero: number }
	lastResult?: SubmissionResult<string[]> | null
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'event-message',
		lastResult,
		defaultValue: { audience: 'zero' },
		constraint: getZodConstraint(eventMessageSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: eventMessageSchema }),
	})
	const choices = [
		{ value: 'zero', label: `Only participants still at zero (${counts.zero})` },
		{ value: 'all', label: `All participants (${counts.all})` },
	]
	return (
		<Form
			method="post"
			{...getFormProps(form)}
			className="space-y-6 rounded-xl border border-stone-200 bg-white p-4 sm:p-6"
		>
			<FormTokenInput token={formToken} />
			<FormErrors id={form.errorId} errors={form.errors} />
			<fieldset aria-describedby={fields.audience.errorId}>
				<legend className="field-label">Who gets it</legend>
				<div className="mt-2 space-y-2">
					{choices.map((choice) => (
						<label key={choice.value} className="flex items-center gap-2">
							<input
								{...getInputProps(fields.audience, { type: 'radio', value: choice.value })}
								key={`${fields.audience.key}-${choice.value}`}
							/>
							{choice.label}
						</label>
					))}
				</div>
				<FieldErrors id={fields.audience.errorId} errors={fields.audience.errors} />
			</fieldset>
			<TextField field={fields.subject} label="Subject" />
			<TextAreaField
				field={fields.body}
				label="Message"
				rows={8}
				hint="Plain text; line breaks are kept. We add a greeting, a link to their page and an unsubscribe link."
			/>
			<SubmitButton pending={navigation.state === 'submitting'}>Send the message</SubmitButton>
		</Form>
	)
}
