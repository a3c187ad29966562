import { type SubmissionResult } from '@conform-to/react'
import { z } from 'zod'
import { formText } from '#app/utils/forms.ts'

/*
 * The moderation forms of the campaigns page, one schema per intent: the
 * route's action parses with them and the hide form checks in the browser.
 */

const REASON_MAX = 500

const campaignId = z.uuid('Choose a fundraiser')

export const hideSchema = z.strictObject({
	intent: z.literal('hide'),
	campaignId,
	reason: formText({ error: 'Please say why you are hiding it; the fundraiser will see this' })
		.trim()
		.min(1, 'Please say why you are hiding it; the fundraiser will see this')
		.max(REASON_MAX, `Please keep the reason to ${REASON_MAX} characters`),
})

export const moderationSchemas = {
	approve: z.strictObject({ intent: z.literal('approve'), campaignId }),
	hide: hideSchema,
	unhide: z.strictObject({ intent: z.literal('unhide'), campaignId }),
	feature: z.strictObject({ intent: z.literal('feature'), campaignId }),
	unfeature: z.strictObject({ intent: z.literal('unfeature'), campaignId }),
} as const

export type ModerationIntent = keyof typeof moderationSchemas

/** What a failed moderation post sends back, so the row it was about can show it. */
export type ModerationActionResult = {
	intent: string | null
	campaignId: string | null
	result: SubmissionResult<string[]> | null
	error: string | null
}
