import { z } from 'zod'
import { FORM_TOKEN_FIELD, formText, formTokenField } from '#app/utils/forms.ts'

/*
 * The Gift Aid claim pages' forms, shared by the routes' actions and the
 * forms' checks in the browser.
 */

export const createClaimSchema = z.strictObject({
	intent: z.literal('create'),
	[FORM_TOKEN_FIELD]: formTokenField,
})

export const submitClaimSchema = z.strictObject({
	intent: z.literal('submit'),
	submissionReference: formText()
		.trim()
		.max(100, 'The reference must be at most 100 characters')
		.optional()
		.transform((v) => v || null),
})

export const paidClaimSchema = z.strictObject({
	intent: z.literal('paid'),
	amount: formText({ error: 'Enter the amount HMRC paid, like 1234.50' })
		.trim()
		.regex(/^\d{1,9}(\.\d{1,2})?$/, 'Enter the amount HMRC paid in pounds, like 1234.50'),
})

export const claimChangeSchemas = { submit: submitClaimSchema, paid: paidClaimSchema } as const
