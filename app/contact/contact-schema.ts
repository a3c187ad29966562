import { z } from 'zod'
import {
	emailAddress,
	FORM_TOKEN_FIELD,
	formText,
	formTokenField,
	HONEYPOT_FIELD,
	honeypotSchema,
	optionalText,
	requiredText,
} from '#app/utils/forms.ts'

/** The "Need help?" and media contact forms. */
export const contactSchema = z.strictObject({
	name: requiredText('name', 120),
	email: emailAddress,
	organisation: optionalText('Organisation', 160),
	phone: formText()
		.trim()
		.max(40, 'Phone number must be at most 40 characters')
		.regex(/^[+()\d\s.-]*$/, 'Please use only digits, spaces and + ( ) - in the phone number')
		.optional()
		.transform((value) => (value ? value : null)),
	message: formText({ error: 'Please write your message' })
		.trim()
		.min(10, 'Please tell us a little more (at least 10 characters)')
		.max(5000, 'Your message must be at most 5,000 characters'),
	[HONEYPOT_FIELD]: honeypotSchema,
	[FORM_TOKEN_FIELD]: formTokenField,
})
