import { z } from 'zod'
import {
	checkDeclarationDetails,
	declarationScopeField,
	type DeclarationDetails,
} from '#app/gift-aid/declaration-fields.ts'
import { emailAddress, formText, HONEYPOT_FIELD, honeypotSchema } from '#app/utils/forms.ts'
import { amountTextProblem, parseMajorToMinor } from '#app/utils/money.ts'

export const MESSAGE_MAX = 280

export type DonationLimits = {
	minMinor: number
	maxMinor: number
	currency: string
	minLabel: string
	maxLabel: string
}

/** The donation form's fields alone (also the browser's constraint attributes). */
export const donationFields = z.strictObject({
	/** A preset in minor units, or "other"; a typed `otherAmount` wins over a preset (see chosenAmount). */
	amount: formText().optional(),
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
	anonymous: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	hideAmount: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	coverFee: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	marketingOptIn: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	updatesOptIn: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	/** The fundraiser may see the donor's email address on their dashboard (to thank them in person). */
	shareEmailWithFundraiser: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	/** "Add Gift Aid": the donor declares this gift (and perhaps others) for Gift Aid. */
	giftAid: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
	/** Which gifts the declaration covers: this one, or also future gifts and those of the past 4 years. */
	giftAidScope: z.string().optional(),
	/**
	 * The declaration's details as typed; checked (declaration-fields.ts) only when "Add Gift Aid" is
	 * ticked, so an unticked box never holds up a gift.
	 */
	giftAidDetails: z
		.object({
			title: z.string().optional(),
			firstName: z.string().optional(),
			lastName: z.string().optional(),
			houseNameOrNumber: z.string().optional(),
			postcode: z.string().optional(),
			overseas: z.boolean().optional(),
		})
		.optional(),
	/** Asked on events where the charity pays participants' costs: is the donor taking part, or family of someone who is? */
	giftAidParticipant: z.string().optional(),
	/** A solved proof-of-work challenge (filled in by the ALTCHA widget), when a donation limit asked for one. */
	altcha: z.string().max(10_000).optional(),
	/** The no-JavaScript alternative to `altcha`: a signed pass that works once its short wait is over. */
	waitPass: z.string().max(200).optional(),
	[HONEYPOT_FIELD]: honeypotSchema,
})

/**
 * The gift in minor units, or why the chosen amount cannot be taken. A typed
 * amount wins over a preset: without JavaScript a preset stays selected while
 * the donor types, and what they typed is what they meant. (With JavaScript,
 * choosing a preset clears the typed amount, so the two never disagree.)
 */
function chosenAmount(
	value: { amount?: unknown; otherAmount?: unknown },
	limits: DonationLimits,
): { minor: number } | { problem: string; path: string } {
	const typed = typeof value.otherAmount === 'string' ? value.otherAmount.trim() : ''
	const other = value.amount === 'other' || typed !== ''
	const path = other ? 'otherAmount' : 'amount'
	if (other && typed === '') return { problem: 'Please enter an amount', path }
	if (!other && !(typeof value.amount === 'string' && /^\d+$/.test(value.amount)))
		return { problem: 'Please choose an amount', path }
	const minor = other ? parseMajorToMinor(typed, limits.currency) : Number(value.amount)
	if (minor === null || !Number.isSafeInteger(minor)) return { problem: amountTextProblem(typed), path }
	if (minor < limits.minMinor) return { problem: `The smallest gift we can take online is ${limits.minLabel}`, path }
	if (minor > limits.maxMinor) return { problem: `For gifts over ${limits.maxLabel} please contact us`, path }
	return { minor }
}

/** What the donation page offers of Gift Aid: nothing, or the declaration (with the participant question on some events). */
export type GiftAidOffer = { offered: false } | { offered: true; askParticipant: boolean; eventName: string | null }

/** A Gift Aid declaration as the form gave it, checked. */
export type DeclaredGiftAid = {
	details: DeclarationDetails
	scope: z.output<typeof declarationScopeField>
	/** The donor said they take part in the event, or are family of someone who does. */
	participantOrFamily: boolean
}

type DonationFieldValues = z.output<typeof donationFields>

/**
 * The declaration, when Gift Aid is offered and ticked; its problems are
 * added beside their fields. Null when not ticked (or not offered: a
 * ticked box the page never showed declares nothing).
 */
function declaredGiftAid(
	value: DonationFieldValues,
	offer: GiftAidOffer,
	ctx: Parameters<typeof checkDeclarationDetails>[1],
): DeclaredGiftAid | null {
	if (!offer.offered || !value.giftAid) return null
	const details = checkDeclarationDetails(value.giftAidDetails, ctx, ['giftAidDetails'])
	const scope = declarationScopeField.safeParse(value.giftAidScope)
	if (!scope.success) {
		ctx.addIssue({
			code: 'custom',
			path: ['giftAidScope'],
			message: 'Please choose which gifts the declaration covers',
		})
	}
	let participantOrFamily = false
	if (offer.askParticipant) {
		if (value.giftAidParticipant !== 'yes' && value.giftAidParticipant !== 'no') {
			ctx.addIssue({
				code: 'custom',
				path: ['giftAidParticipant'],
				message: 'Please tell us whether you are taking part in this event, or family of someone who is',
			})
		}
		participantOrFamily = value.giftAidParticipant === 'yes'
	}
	if (!details || !scope.success) return null
	return { details, scope: scope.data, participantOrFamily }
}

/**
 * The donation form with the configured limits, so the browser and the
 * server check the same rules; yields the gift in integer minor units and
 * the Gift Aid declaration, if one was made.
 */
export function donationSchema(limits: DonationLimits, giftAid: GiftAidOffer = { offered: false }) {
	return donationFields
		.superRefine(
			(value, ctx) => {
				const amount = chosenAmount(value, limits)
				if ('problem' in amount) ctx.addIssue({ code: 'custom', path: [amount.path], message: amount.problem })
				declaredGiftAid(value, giftAid, ctx)
			},
			// Check the amount even when another field is wrong, so every error shows at once.
			{ when: (payload) => typeof payload.value === 'object' && payload.value !== null },
		)
		.transform((value) => ({
			...value,
			amountMinor: (chosenAmount(value, limits) as { minor: number }).minor,
			giftAidDeclaration: declaredGiftAid(value, giftAid, { addIssue: () => undefined }),
		}))
}
