import { z } from 'zod'
import { formText } from '#app/utils/forms.ts'

/*
 * The offline-gift decisions' forms, shared by the route's action and the
 * reject form's checks in the browser.
 */

const REASON_MAX = 500

export const confirmSchema = z.strictObject({
	intent: z.literal('confirm'),
	donationId: z.uuid('Choose a gift to confirm'),
	/** A sponsor's gift with a Gift Aid declaration: confirmed with it, or without it when the copy will not do. */
	giftAid: z.enum(['accept', 'reject']).optional(),
})

export const rejectSchema = z.strictObject({
	intent: z.literal('reject'),
	donationId: z.uuid('Choose a gift to reject'),
	reason: formText({ error: 'Please say why this gift cannot be confirmed' })
		.trim()
		.min(3, 'Please say why this gift cannot be confirmed')
		.max(REASON_MAX, `The reason must be at most ${REASON_MAX} characters`),
})

export const giftDecisionSchemas = { confirm: confirmSchema, reject: rejectSchema } as const
