import { campaignPath } from '#app/campaigns/urls.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type AppLoadContext } from '@remix-run/node'
import { getPublicCampaignRow } from '#app/campaigns/campaigns.server.ts'
import { campaignKindTemplate } from '#app/campaigns/kinds.ts'
import { isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { getSessionPerson } from '#app/people/session.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { HONEYPOT_FIELD } from '#app/utils/forms.ts'
import { currencyExponent, formatMoney, minorToMajorString } from '#app/utils/money.ts'
import { eq } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { giftAidDeclarations, people, type Campaign } from '#db/schema.ts'
import { participantQuestionEvent } from '#app/gift-aid/declarations.server.ts'
import { giftAidOffered } from '#app/gift-aid/settings.ts'
import { getCancelledDonation, startDonation } from './donate.server.ts'
import { donationSchema, type DonationLimits, type GiftAidOffer } from './donation-schema.ts'

export function donationLimits(currency: string): DonationLimits {
	const env = getEnv()
	const locale = getCharity().locale
	return {
		minMinor: env.DONATION_MIN_MINOR,
		maxMinor: env.DONATION_MAX_MINOR,
		currency,
		minLabel: formatMoney(env.DONATION_MIN_MINOR, currency, locale, { wholeUnits: true }),
		maxLabel: formatMoney(env.DONATION_MAX_MINOR, currency, locale, { wholeUnits: true }),
	}
}

/** The quick-choice amounts: the fundraiser's own, or the kind's defaults. */
export function presetAmountsMinor(campaign: Campaign): number[] {
	if (campaign.presetAmountsMinor?.length) return campaign.presetAmountsMinor
	const factor = 10 ** currencyExponent(campaign.currency)
	return campaignKindTemplate(campaign.kind).presetAmounts.map((major) => major * factor)
}

async function getOrganiserFirstName(ownerId: string) {
	const [owner] = await db().select({ firstName: people.firstName }).from(people).where(eq(people.id, ownerId))
	return owner?.firstName || 'the fundraiser'
}

/** What the page offers of Gift Aid: pounds to a GB charity, with the participant question on some events. */
async function giftAidOfferFor(campaign: Campaign): Promise<GiftAidOffer> {
	if (!giftAidOffered(getCharity(), campaign.currency)) return { offered: false }
	const eventName = await participantQuestionEvent(campaign)
	return { offered: true, askParticipant: eventName !== null, eventName }
}

/** A cancelled checkout's declaration, to fill the Gift Aid fields in again. */
async function cancelledDeclaration(declarationId: string | null) {
	if (!declarationId) return null
	const [row] = await db().select().from(giftAidDeclarations).where(eq(giftAidDeclarations.id, declarationId))
	return row ?? null
}

async function requireDonatableCampaign(slug: string) {
	const campaign = await getPublicCampaignRow(slug)
	if (!campaign) throw data({ error: 'We couldn’t find that fundraiser.' }, { status: 404 })
	return campaign
}

export async function loadDonationPage(slug: string, cancelledDonationId: string | null) {
	const campaign = await requireDonatableCampaign(slug)
	const env = getEnv()
	const charity = getCharity()
	const cancelled = cancelledDonationId ? await getCancelledDonation(campaign.id, cancelledDonationId) : null
	const presets = presetAmountsMinor(campaign)
	const giftAid = await giftAidOfferFor(campaign)
	const declared = await cancelledDeclaration(cancelled?.giftAidDeclarationId ?? null)
	const previousAmount = cancelled?.amountMinor
	const isPreset = previousAmount !== undefined && presets.includes(previousAmount)
	return {
		campaign: {
			title: campaign.title,
			slug: campaign.slug,
			status: campaign.status,
			takingGifts: isTakingGifts(campaign, new Date()),
			currency: campaign.currency,
			kind: campaign.kind,
		},
		organiser: await getOrganiserFirstName(campaign.ownerId),
		presets,
		limits: donationLimits(campaign.currency),
		fee: { bps: env.PROCESSING_FEE_BPS, fixedMinor: env.PROCESSING_FEE_FIXED_MINOR },
		locale: charity.locale,
		charityName: charity.name,
		giftAid,
		testMode: !env.STRIPE_SECRET_KEY,
		// Back from a cancelled checkout: the form as the donor left it.
		defaults: cancelled
			? {
					amount: isPreset ? String(previousAmount) : 'other',
					otherAmount:
						isPreset || previousAmount === undefined ? '' : minorToMajorString(previousAmount, campaign.currency),
					donorName: cancelled.donorName,
					donorEmail: cancelled.donorEmail ?? '',
					message: cancelled.message ?? '',
					anonymous: cancelled.anonymous ? 'on' : '',
					hideAmount: cancelled.hideAmount ? 'on' : '',
					coverFee: cancelled.coverFeeMinor > 0 ? 'on' : '',
					marketingOptIn: cancelled.marketingOptIn ? 'on' : '',
					updatesOptIn: cancelled.updatesOptIn ? 'on' : '',
					shareEmailWithFundraiser: cancelled.shareEmailWithFundraiser ? 'on' : '',
					giftAid: declared ? 'on' : '',
					giftAidScope: declared?.scope ?? 'this_gift',
					giftAidParticipant: declared ? (cancelled.giftAidStatus === 'participant_or_family' ? 'yes' : 'no') : '',
					giftAidDetails: declared
						? {
								title: declared.title ?? '',
								firstName: declared.firstName,
								lastName: declared.lastName,
								houseNameOrNumber: declared.houseNameOrNumber,
								postcode: declared.postcode ?? '',
								overseas: declared.overseas ? 'on' : '',
							}
						: {},
				}
			: { amount: String(presets[1] ?? presets[0] ?? ''), giftAidScope: 'this_gift' },
		cancelled: Boolean(cancelled),
	}
}

/** The donation form's action: validate, start a pending donation and its checkout, send the donor there (303). */
export async function submitDonation(request: Request, context: AppLoadContext, slug: string) {
	const campaign = await requireDonatableCampaign(slug)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, {
		schema: donationSchema(donationLimits(campaign.currency), await giftAidOfferFor(campaign)),
	})
	if (submission.status !== 'success') return data({ result: submission.reply(), challenge: null }, { status: 400 })
	const value = submission.value
	// Bots that fill the hidden field get no checkout and no hint why.
	if (value[HONEYPOT_FIELD]) return redirect(campaignPath(campaign.slug), 303)
	const started = await startDonation({
		campaign,
		amountMinor: value.amountMinor,
		coverFee: value.coverFee,
		donorName: value.donorName,
		donorEmail: value.donorEmail,
		message: value.message,
		anonymous: value.anonymous,
		hideAmount: value.hideAmount,
		marketingOptIn: value.marketingOptIn,
		updatesOptIn: value.updatesOptIn,
		shareEmailWithFundraiser: value.shareEmailWithFundraiser,
		giftAid: value.giftAidDeclaration,
		clientIp: context.clientIp,
		donorId: (await getSessionPerson(request))?.id ?? null,
		pass: { altcha: value.altcha, waitPass: value.waitPass },
	})
	if (!started.ok) {
		return data(
			{
				result: submission.reply({ formErrors: started.formErrors, fieldErrors: started.fieldErrors }),
				challenge: started.challenge ?? null,
			},
			{ status: started.status },
		)
	}
	return redirect(started.redirectTo, 303)
}
