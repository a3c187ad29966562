import { campaignUrl } from '#app/campaigns/urls.ts'
import { hashClientIp } from '#app/utils/client-ip.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { createOnlineDeclaration, decideGiftAidStatus } from '#app/gift-aid/declarations.server.ts'
import { giftAidOffered } from '#app/gift-aid/settings.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations, type Campaign, type Donation } from '#db/schema.ts'
import {
	findTrippedLimits,
	issueDonationChallenge,
	recordLimitAlerts,
	redeemDonationPass,
	type DonationChallenge,
} from './donation-limits.server.ts'
import { type DeclaredGiftAid } from './donation-schema.ts'
import { coverFeeMinor } from './fees.ts'
import { getStripe } from './stripe.server.ts'

export type DonationInput = {
	campaign: Campaign
	amountMinor: number
	coverFee: boolean
	donorName: string
	donorEmail: string
	message: string | null
	anonymous: boolean
	hideAmount: boolean
	marketingOptIn: boolean
	/** The donor wants the fundraiser's updates by email. */
	updatesOptIn?: boolean
	/** The donor lets the fundraiser see their email address. */
	shareEmailWithFundraiser?: boolean
	clientIp: string
	/**
	 * The signed-in person starting the gift, who then sees it on their account.
	 * Only a session links a gift: a typed email address that matches someone never does.
	 */
	donorId?: string | null
	/** The Gift Aid declaration made on the form, if Gift Aid was offered and ticked. */
	giftAid?: DeclaredGiftAid | null
	/** The check a donor past a limit came back with: a solved ALTCHA challenge, or a no-JavaScript wait pass. */
	pass?: { altcha?: string | null; waitPass?: string | null }
}

export type StartDonationResult =
	| { ok: true; donation: Donation; redirectTo: string }
	| {
			ok: false
			fieldErrors?: Record<string, string[]>
			formErrors?: string[]
			status: number
			/** Past a donation limit: the check the donor is asked to do before trying again. */
			challenge?: DonationChallenge & { waitWords: string }
	  }

/** The extra a donor pays to cover processing, from the configured rates. */
export function processingFeeFor(amountMinor: number) {
	const env = getEnv()
	return coverFeeMinor(amountMinor, { bps: env.PROCESSING_FEE_BPS, fixedMinor: env.PROCESSING_FEE_FIXED_MINOR })
}

/** How long to wait, in words ("15 seconds", "10 minutes"). */
function waitInWords(seconds: number) {
	if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
	const minutes = Math.ceil(seconds / 60)
	return `${minutes} minute${minutes === 1 ? '' : 's'}`
}

/**
 * Past a donation limit a donor is asked for a check, never simply refused:
 * null when this start may go ahead (no limit tripped, or a valid check came
 * with it), else the answer that asks for one.
 */
async function askForCheckIfLimited(
	input: DonationInput,
	ipHash: string,
): Promise<Extract<StartDonationResult, { ok: false }> | null> {
	const tripped = await findTrippedLimits({ ipHash, email: input.donorEmail, campaignId: input.campaign.id })
	if (tripped.length === 0) return null
	const pass = await redeemDonationPass(input.pass ?? {}, ipHash)
	if (pass.ok) {
		await recordLimitAlerts(tripped, input.campaign.id, 'passed')
		return null
	}
	await recordLimitAlerts(tripped, input.campaign.id, 'issued')
	if (pass.reason === 'no_js_limit') {
		return {
			ok: false,
			status: 429,
			formErrors: [
				'We have had many donations from your connection without JavaScript this hour. Please turn on JavaScript, or try again in an hour.',
			],
		}
	}
	const challenge = await issueDonationChallenge(ipHash, pass.reason === 'too_soon' ? pass.waitPass : null)
	const message =
		pass.reason === 'too_soon'
			? `Please wait a little longer (about ${waitInWords(pass.secondsLeft)}), then press “Continue to secure payment” again.`
			: 'Many donations are starting from here right now. To keep the fundraiser safe, please let your browser do a quick check below, then press “Continue to secure payment” again.'
	return {
		ok: false,
		status: 429,
		formErrors: [message],
		challenge: { ...challenge, waitWords: waitInWords(challenge.waitSeconds) },
	}
}

/**
 * Records a pending donation and opens a Stripe Checkout Session for it (or
 * the built-in test checkout without Stripe keys). The browser is sent to the
 * returned address; nothing is counted until Stripe says the payment succeeded.
 */
export async function startDonation(input: DonationInput): Promise<StartDonationResult> {
	const env = getEnv()
	const { campaign } = input
	if (!isTakingGifts(campaign, new Date())) {
		return { ok: false, status: 400, formErrors: ['This fundraiser is not taking donations any more.'] }
	}
	if (input.amountMinor < env.DONATION_MIN_MINOR || input.amountMinor > env.DONATION_MAX_MINOR) {
		return { ok: false, status: 400, fieldErrors: { amount: ['That amount is outside what we can accept online.'] } }
	}
	const ipHash = hashClientIp(input.clientIp)
	const askForCheck = await askForCheckIfLimited(input, ipHash)
	if (askForCheck) return askForCheck

	const fee = input.coverFee ? processingFeeFor(input.amountMinor) : 0
	// Gift Aid only on pounds to a GB charity that offers it; the declaration is a record of its own,
	// written with the gift it comes with (both or neither).
	const giftAid = input.giftAid && giftAidOffered(getCharity(), campaign.currency) ? input.giftAid : null
	const donation = await db().transaction(async (tx) => {
		const declaration = giftAid
			? await createOnlineDeclaration(tx, {
					details: giftAid.details,
					scope: giftAid.scope,
					donorEmail: input.donorEmail,
					personId: input.donorId ?? null,
				})
			: null
		const giftAidStatus = giftAid
			? await decideGiftAidStatus(tx, {
					campaign,
					donorId: input.donorId ?? null,
					participantOrFamily: giftAid.participantOrFamily,
				})
			: 'not_declared'
		const [row] = await tx
			.insert(donations)
			.values({
				campaignId: campaign.id,
				channel: 'online',
				donorName: input.donorName,
				donorEmail: input.donorEmail,
				donorId: input.donorId ?? null,
				amountMinor: input.amountMinor,
				coverFeeMinor: fee,
				currency: campaign.currency,
				status: 'pending',
				anonymous: input.anonymous,
				hideAmount: input.hideAmount,
				message: input.message,
				marketingOptIn: input.marketingOptIn,
				updatesOptIn: input.updatesOptIn ?? false,
				shareEmailWithFundraiser: input.shareEmailWithFundraiser ?? false,
				clientIpHash: ipHash,
				giftAidDeclarationId: declaration?.id ?? null,
				giftAidStatus,
			})
			.returning()
		return row
	})
	const stripe = getStripe()
	if (!stripe) {
		// No Stripe account configured: the built-in test checkout stands in.
		const sessionId = `cs_test_local_${randomUUID().replace(/-/g, '')}`
		const [saved] = await db()
			.update(donations)
			.set({ stripeCheckoutSessionId: sessionId })
			.where(eq(donations.id, donation!.id))
			.returning()
		return { ok: true, donation: saved!, redirectTo: `/test-checkout/${sessionId}` }
	}
	try {
		const session = await stripe.checkout.sessions.create(
			{
				mode: 'payment',
				submit_type: 'donate',
				line_items: [
					{
						quantity: 1,
						price_data: {
							currency: campaign.currency.toLowerCase(),
							unit_amount: donation!.amountMinor + fee,
							product_data: { name: `Donation to ${campaign.title}`.slice(0, 250) },
						},
					},
				],
				customer_email: input.donorEmail,
				metadata: { donation_id: donation!.id, campaign_id: campaign.id },
				payment_intent_data: { metadata: { donation_id: donation!.id, campaign_id: campaign.id } },
				// Stripe fills in {CHECKOUT_SESSION_ID}, so the placeholder is appended unencoded.
				success_url: `${campaignUrl(env.APP_URL, campaign.slug, 'thank-you')}?session_id={CHECKOUT_SESSION_ID}`,
				cancel_url: campaignUrl(env.APP_URL, campaign.slug, 'donate', { cancelled: donation!.id }),
			},
			// Retrying this request (ours or the SDK's) can never open a second session.
			{ idempotencyKey: `donation-checkout-${donation!.id}` },
		)
		const [saved] = await db()
			.update(donations)
			.set({ stripeCheckoutSessionId: session.id })
			.where(eq(donations.id, donation!.id))
			.returning()
		if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
		return { ok: true, donation: saved!, redirectTo: session.url }
	} catch (error) {
		console.warn('[donations] could not open Stripe Checkout:', (error as Error).message)
		await db()
			.update(donations)
			.set({ status: 'expired', failureReason: 'checkout could not be opened' })
			.where(eq(donations.id, donation!.id))
		return {
			ok: false,
			status: 503,
			formErrors: ['We could not reach our payment provider. Please try again in a moment.'],
		}
	}
}

/** A pending donation's form values, to refill the form when a donor cancels at Stripe. */
export async function getCancelledDonation(campaignId: string, donationId: string) {
	if (!isUuid(donationId)) return null
	const [row] = await db()
		.select()
		.from(donations)
		.where(
			and(
				eq(donations.id, donationId),
				eq(donations.campaignId, campaignId),
				sql`${donations.status} in ('pending', 'expired', 'failed')`,
			),
		)
	return row ?? null
}

/** The donation behind a Checkout Session, for the thank-you page. */
export async function getDonationBySession(campaignSlug: string, sessionId: string) {
	const [row] = await db()
		.select({
			donation: donations,
			slug: campaigns.slug,
			title: campaigns.title,
			currency: campaigns.currency,
			// What of the gift still counts after refunds and disputes, from the money record.
			netMinor: donations.netMinor,
		})
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(and(eq(donations.stripeCheckoutSessionId, sessionId), eq(campaigns.slug, campaignSlug)))
	return row ?? null
}
