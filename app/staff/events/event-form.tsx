import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { FormErrors, FormTokenInput, SubmitButton } from '#app/components/form-fields.tsx'
import { eventFormSchema, type EventFormValue } from './event-form-schema.ts'
import { type EventFormDefaults, type EventFormSettings } from './event-form-types.ts'
import { EventBasicsFields, EventCoverFields } from './event-form-basics.tsx'
import { EventMoneyFields, EventRegistrationFields } from './event-form-money.tsx'

/**
 * The staff form for an event (create and edit): checked in the browser with
 * the server's schema, and by the server again; errors sit beside their field
 * and what was typed stays. Works without JavaScript (a multipart post).
 */
export function EventForm({
	defaults,
	settings,
	lastResult,
	formToken,
	submitLabel,
}: {
	defaults: EventFormDefaults
	settings: EventFormSettings
	lastResult?: SubmissionResult<string[]> | null
	/** Only the create form carries one: editing the same event twice is harmless. */
	formToken?: string
	submitLabel: string
}) {
	const navigation = useNavigation()
	// Read the clock once, not on every render.
	const [now] = useState(() => new Date())
	const [form, fields] = useForm<EventFormDefaults & { cover?: File }, EventFormValue>({
		id: 'event-form',
		lastResult,
		defaultValue: defaults,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: eventFormSchema({ ...settings, now }) }),
	})
	return (
		<Form
			method="post"
			encType="multipart/form-data"
			{...getFormProps(form)}
			className="space-y-8 rounded-xl border border-stone-200 bg-white p-4 sm:p-6"
		>
			{formToken ? <FormTokenInput token={formToken} /> : null}
			<FormErrors id={form.errorId} errors={form.errors} />
			<EventBasicsFields fields={fields} timeZone={settings.timeZone} />
			<EventCoverFields fields={fields} coverImage={settings.coverImage} />
			<EventMoneyFields fields={fields} settings={settings} />
			<EventRegistrationFields fields={fields} participantCount={settings.participantCount} />
			<SubmitButton pending={navigation.state === 'submitting'}>{submitLabel}</SubmitButton>
		</Form>
	)
}
