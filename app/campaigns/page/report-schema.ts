import { z } from 'zod'
import {
	emailAddress,
	FORM_TOKEN_FIELD,
	formText,
	formTokenField,
	HONEYPOT_FIELD,
	honeypotSchema,
} from '#app/utils/forms.ts'

const DETAILS_MIN = 10
const DETAILS_MAX = 2000

/**
 * The "Report this fundraiser" form. Built from the reasons the loader sends,
 * so the list lives in one place (the moderation domain module).
 */
export function reportSchema(reasons: string[]) {
	return z.strictObject({
		reason: formText({ error: 'Please choose a reason' }).refine(
			(value) => reasons.includes(value),
			'Please choose one of the reasons in the list',
		),
		details: formText({ error: 'Please tell us what is wrong' })
			.trim()
			.min(DETAILS_MIN, `Please tell us a little more (at least ${DETAILS_MIN} characters)`)
			.max(DETAILS_MAX, `Please keep it to ${DETAILS_MAX.toLocaleString('en-GB')} characters`),
		email: emailAddress.optional().transform((value) => value ?? null),
		[HONEYPOT_FIELD]: honeypotSchema,
		[FORM_TOKEN_FIELD]: formTokenField,
	})
}
