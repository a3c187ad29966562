import { z } from 'zod'
import { emailAddress, formText, HONEYPOT_FIELD, honeypotSchema, requiredText } from '#app/utils/forms.ts'

/** The sign-in (and sign-up) form: one email address, no password. */
export const loginSchema = z.strictObject({
	email: emailAddress,
	redirectTo: formText().max(2000).optional(),
	[HONEYPOT_FIELD]: honeypotSchema,
})

/** The 6-digit code from the sign-in email; spaces people type or paste are ignored. */
export const verifyCodeSchema = z.strictObject({
	email: emailAddress,
	code: formText({ error: 'Please enter the 6-digit code from the email' })
		.transform((value) => value.replace(/\s+/g, ''))
		.pipe(
			formText()
				.min(1, 'Please enter the 6-digit code from the email')
				.regex(/^\d{6}$/, 'The code is 6 digits, like 123456'),
		),
})

/** The "Continue signing in" button on the page an emailed link opens. */
export const signInLinkSchema = z.strictObject({
	token: formText({ error: 'This sign-in link is incomplete' }).min(1).max(200),
})

const checkbox = z
	.boolean()
	.optional()
	.transform((value) => value ?? false)

export const profileSchema = z.strictObject({
	intent: z.literal('profile'),
	firstName: requiredText('first name', 80),
	lastName: requiredText('last name', 80),
	coachingEmails: checkbox,
	newsConsent: checkbox,
})

export const deleteAccountSchema = z.strictObject({
	intent: z.literal('delete'),
	confirm: formText({ error: 'Please type DELETE to confirm' })
		.trim()
		.refine((value) => value === 'DELETE', 'Please type DELETE, in capital letters, to confirm'),
})

/** Up to 8 MB; the real checks (type, size, decodable) happen when it is processed. */
export const profilePhotoSchema = z.strictObject({
	intent: z.literal('photo'),
	photo: z
		.instanceof(File, { error: 'Please choose a photo' })
		.refine((file) => file.size > 0, 'Please choose a photo')
		.refine((file) => file.size <= 8 * 1024 * 1024, 'Please choose a photo under 8 MB'),
})
