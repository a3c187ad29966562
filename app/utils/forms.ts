import { z } from 'zod'

/**
 * Control characters: nobody types them (PostgreSQL refuses NUL outright).
 * Tab and line breaks are text people write.
 */
const CONTROL_CHARACTERS = /(?![\t\n\r])\p{Cc}/u
export const CONTROL_CHARACTERS_MESSAGE = 'This must not contain control characters'

/**
 * The string of every form field: what a person can type. Anything else is
 * refused beside the field, like any other mistake, rather than reaching the
 * database as a 500.
 */
export function formText(params?: Parameters<typeof z.string>[0]) {
	return z.string(params).refine((value) => !CONTROL_CHARACTERS.test(value), CONTROL_CHARACTERS_MESSAGE)
}

/** Name of the hidden field that people never fill in and bots do. */
export const HONEYPOT_FIELD = 'website_address'

export const honeypotSchema = z.string().optional()

/** Trimmed text with a specific message when it is empty or too long. */
export function requiredText(label: string, max: number) {
	return formText({ error: `Please enter your ${label}` })
		.trim()
		.min(1, `Please enter your ${label}`)
		.max(max, `Your ${label} must be at most ${max} characters`)
}

export function optionalText(label: string, max: number) {
	return formText()
		.trim()
		.max(max, `${label} must be at most ${max} characters`)
		.optional()
		.transform((value) => (value ? value : null))
}

export const emailAddress = formText({ error: 'Please enter your email address' })
	.trim()
	.min(1, 'Please enter your email address')
	.max(254, 'That email address is too long')
	.pipe(z.email('Please enter a valid email address, like name@example.com'))

/** Name of the hidden field that carries a form's one-time token (see app/utils/form-token.server.ts). */
export const FORM_TOKEN_FIELD = 'formToken'

/** The token field as form schemas accept it; the token itself is checked by createOnce. */
export const formTokenField = z.string().optional()
