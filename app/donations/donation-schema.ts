import { z } from 'zod'
import { emailAddress, formText, HONEYPOT_FIELD, honeypotSchema } from '#app/utils/forms.ts'
import { parseMajorToMinor } from '#app/utils/money.ts'

export const MESSAGE_MAX = 280

export type DonationLimits = { minMinor: number; maxMinor: number; currency: string; minLabel: string; maxLabel: string }

/** The donation form's fields alone (also the browser's constraint attributes). */
export const donationFields = z.strictObject({
	/** A preset in minor units, or "other" with the typed amount in `otherAmount`. */
	amount: formText({ error: 'Please choose an amount' }).regex(/^(\d+|other)$/, 'Please choose an amount'),
	otherAmount: formText().trim().optional(),
	donorName: formText({ error: 'Please enter your name' })
		.trim()
		.min(1, 'Please enter your name')
		.max(120, 'Your name must be at most 120 characters'),
	donorEmail: emailAddress,
	message: formText()
		.trim()
		.max(MESSAGE_MAX, `Messages must be at most ${MESSAGE_MAX} characters`)
		.optional()
		.transform((v) => v || null),
	anonymous: z.boolean().optional().transform((v) => v ?? false),
	hideAmount: z.boolean().optional().transform((v) => v ?? false),
	coverFee: z.boolean().optional().transform((v) => v ?? false),
	marketingOptIn: z.boolean().optional().transform((v) => v ?? false),
	updatesOptIn: z.boolean().optional().transform((v) => v ?? false),
	[HONEYPOT_FIELD]: honeypotSchema,
})

/**
 * The donation form with the configured limits, so the browser and the
 * server check the same rules; yields the gift in integer minor units.
 */
/** The gift in minor units, or why the chosen amount cannot be taken. */
function chosenAmount(value: { amount?: unknown; otherAmount?: unknown }, limits: DonationLimits): { minor: number } | { problem: string; path: string } {
	const other = value.amount === 'other'
	const path = other ? 'otherAmount' : 'amount'
	const text = other ? String(value.otherAmount ?? '').trim() : null
	if (text === '') return { problem: 'Please enter an amount', path }
	const minor = text === null ? Number(value.amount) : parseMajorToMinor(text, limits.currency)
	if (minor === null || !Number.isSafeInteger(minor)) return { problem: 'Enter the amount as a number, like 25 or 12.50', path }
	if (minor < limits.minMinor) return { problem: `The smallest gift we can take online is ${limits.minLabel}`, path }
	if (minor > limits.maxMinor) return { problem: `For gifts over ${limits.maxLabel} please contact us`, path }
	return { minor }
}

/**
 * The donation form with the configured limits, so the browser and the
 * server check the same rules; yields the gift in integer minor units.
 */
export function donationSchema(limits: DonationLimits) {
	return donationFields
		.superRefine(
			(value, ctx) => {
				const amount = chosenAmount(value, limits)
				if ('problem' in amount) ctx.addIssue({ code: 'custom', path: [amount.path], message: amount.problem })
			},
			// Check the amount even when another field is wrong, so every error shows at once.
			{ when: (payload) => typeof (payload.value as { amount?: unknown })?.amount === 'string' },
		)
		.transform((value) => ({ ...value, amountMinor: (chosenAmount(value, limits) as { minor: number }).minor }))
}
