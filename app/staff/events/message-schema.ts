import { z } from 'zod'
import { FORM_TOKEN_FIELD, formText, formTokenField } from '#app/utils/forms.ts'

export const MESSAGE_SUBJECT_MAX = 120
export const MESSAGE_BODY_MAX = 5_000

/** Staff's message to an event's participants. */
export const eventMessageSchema = z.strictObject({
	[FORM_TOKEN_FIELD]: formTokenField,
	audience: z.enum(['all', 'zero'], { error: 'Please choose who gets the message' }),
	subject: formText({ error: 'Please write a subject' })
		.trim()
		.min(3, 'Please write a subject')
		.max(MESSAGE_SUBJECT_MAX, `The subject must be at most ${MESSAGE_SUBJECT_MAX} characters`),
	body: formText({ error: 'Please write the message' })
		.trim()
		.min(10, 'Please write the message (at least 10 characters)')
		.max(MESSAGE_BODY_MAX, `The message must be at most ${MESSAGE_BODY_MAX.toLocaleString('en-GB')} characters`),
})
