import { z } from 'zod'
import { emailAddress, HONEYPOT_FIELD, honeypotSchema } from '#app/utils/forms.ts'
import { parseMajorToMinor } from '#app/utils/money.ts'

export const MESSAGE_MAX = 280

export type DonationLimits = { minMinor: number; maxMinor: number; currency: string; minLabel: string; maxLabel: string }

/**
 * The donation form, built from the configured limits so the browser and
 * the server check the same rules. `amount` is a preset in minor units or
 * "other", with the typed amount in `otherAmount`.
 */
export function donationSchema(limits: DonationLimits) {
	return z
		.strictObject({
			amount: z.string({ error: 'Please choose an amount' }).regex(/^(\d+|other)$/, 'Please choose an amount'),
			otherAmount: z.string().trim().optional(),
			donorName: z
				.string({ error: 'Please enter your name' })
				.trim()
				.min(1, 'Please enter your name')
				.max(120, 'Your name must be at most 120 characters'),
			donorEmail: emailAddress,
			message: z
				.string()
				.trim()
				.max(MESSAGE_MAX, `Messages must be at most ${MESSAGE_MAX} characters`)
				.optional()
				.transform((v) => v || null),
			anonymous: z.boolean().optional().transform((v) => v ?? false),
			hideAmount: z.boolean().optional().transform((v) => v ?? false),
			coverFee: z.boolean().optional().transform((v) => v ?? false),
			marketingOptIn: z.boolean().optional().transform((v) => v ?? false),
			[HONEYPOT_FIELD]: honeypotSchema,
		})
		.transform((value, ctx) => {
			const text = value.amount === 'other' ? (value.otherAmount ?? '') : null
			const amountMinor = text === null ? Number(value.amount) : parseMajorToMinor(text, limits.currency)
			const path = value.amount === 'other' ? ['otherAmount'] : ['amount']
			if (text !== null && !text) {
				ctx.addIssue({ code: 'custom', path, message: 'Please enter an amount' })
				return z.NEVER
			}
			if (amountMinor === null || !Number.isSafeInteger(amountMinor)) {
				ctx.addIssue({ code: 'custom', path, message: 'Enter the amount as a number, like 25 or 12.50' })
				return z.NEVER
			}
			if (amountMinor < limits.minMinor) {
				ctx.addIssue({ code: 'custom', path, message: `The smallest gift we can take online is ${limits.minLabel}` })
				return z.NEVER
			}
			if (amountMinor > limits.maxMinor) {
				ctx.addIssue({ code: 'custom', path, message: `For gifts over ${limits.maxLabel} please contact us` })
				return z.NEVER
			}
			return { ...value, amountMinor }
		})
}
