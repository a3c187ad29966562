import { z } from 'zod'
import { campaignKindValues } from '#app/campaigns/kinds.ts'
import {
	emailAddress,
	FORM_TOKEN_FIELD,
	formTokenField,
	HONEYPOT_FIELD,
	honeypotSchema,
	requiredText,
} from '#app/utils/forms.ts'

/** The "learn more about fundraising" form, checked in the browser and on the server. */
export const learnMoreSchema = z.strictObject({
	firstName: requiredText('first name', 80),
	lastName: requiredText('last name', 80),
	email: emailAddress,
	idea: z
		.enum(campaignKindValues, { error: 'Please choose one of the ideas listed' })
		.optional()
		.transform((value) => value ?? null),
	emailConsent: z
		.boolean()
		.optional()
		.transform((value) => value ?? false),
	[HONEYPOT_FIELD]: honeypotSchema,
	[FORM_TOKEN_FIELD]: formTokenField,
})
