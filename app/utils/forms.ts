import { z } from 'zod'

/** Name of the hidden field that people never fill in and bots do. */
export const HONEYPOT_FIELD = 'website_address'

export const honeypotSchema = z.string().optional()

/** Trimmed text with a specific message when it is empty or too long. */
export function requiredText(label: string, max: number) {
	return z
		.string({ error: `Please enter your ${label}` })
		.trim()
		.min(1, `Please enter your ${label}`)
		.max(max, `Your ${label} must be at most ${max} characters`)
}

export function optionalText(label: string, max: number) {
	return z
		.string()
		.trim()
		.max(max, `${label} must be at most ${max} characters`)
		.optional()
		.transform((value) => (value ? value : null))
}

export const emailAddress = z
	.string({ error: 'Please enter your email address' })
	.trim()
	.min(1, 'Please enter your email address')
	.max(254, 'That email address is too long')
	.pipe(z.email('Please enter a valid email address, like name@example.com'))

/** Name of the hidden field that carries a form's one-time token (see app/utils/form-token.server.ts). */
export const FORM_TOKEN_FIELD = 'formToken'

/** The token field as form schemas accept it; the token itself is checked by createOnce. */
export const formTokenField = z.string().optional()
