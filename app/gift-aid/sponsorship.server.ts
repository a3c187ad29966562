import { eq } from 'drizzle-orm'
import { type SponsorLine } from '#app/gift-aid/sponsorship-schema.ts'
import { GIFT_AID_WORDING_VERSION } from '#app/gift-aid/wording.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { parseMajorToMinor } from '#app/utils/money.ts'
import { db } from '#db/index.server.ts'
import { donations, events, giftAidDeclarations, type Campaign, type GiftAidStatus, type Person } from '#db/schema.ts'

/** Gift Aid is offered on sponsorship in pounds only. */
export const takesSponsorshipGiftAid = (campaign: Pick<Campaign, 'currency'>) => campaign.currency === 'GBP'

/**
 * Whether the campaign is a participant's page in an event whose costs the
 * charity pays: HMRC then excludes the participant's own sponsorship and
 * their family's from Gift Aid, so the form asks about each sponsor.
 */
export async function charityPaysParticipantCosts(campaign: Pick<Campaign, 'eventId'>): Promise<boolean> {
	if (!campaign.eventId) return false
	const [event] = await db()
		.select({ pays: events.charityPaysParticipantCosts })
		.from(events)
		.where(eq(events.id, campaign.eventId))
	return event?.pays ?? false
}

/**
 * A sponsorship form copied in by the fundraiser, once per form token: each
 * sponsor's gift is an offline gift of its own, pending until staff confirm
 * it (so it counts, and its Gift Aid applies, only then), and a sponsor who
 * ticked Gift Aid gets a declaration of their own ("offline sponsorship").
 * Where the charity pays the participants' costs, a sponsor who is the
 * participant or their family is recorded as such and never claimed on.
 */
export async function recordSponsorshipForm(
	campaign: Campaign,
	recordedBy: Person,
	lines: readonly SponsorLine[],
	token: string | null,
) {
	const giftAidOffered = takesSponsorshipGiftAid(campaign)
	const costsPaid = await charityPaysParticipantCosts(campaign)
	return createOnce({ token, action: 'sponsorship-form', personId: recordedBy.id }, async (tx) => {
		let firstId: string | null = null
		for (const line of lines) {
			const amountMinor = parseMajorToMinor(line.amount, campaign.currency)
			if (amountMinor === null || amountMinor <= 0)
				throw new Error('A sponsor line reached the server without a checked amount')
			const details = giftAidOffered ? line.giftAid : null
			const [declaration] = details
				? await tx
						.insert(giftAidDeclarations)
						.values({
							wordingVersion: GIFT_AID_WORDING_VERSION,
							scope: 'this_gift',
							source: 'offline_sponsorship',
							...details,
							recordedById: recordedBy.id,
						})
						.returning({ id: giftAidDeclarations.id })
				: []
			const status: GiftAidStatus = !declaration
				? 'not_declared'
				: costsPaid && line.participantOrFamily
					? 'participant_or_family'
					: 'eligible'
			const [donation] = await tx
				.insert(donations)
				.values({
					campaignId: campaign.id,
					channel: 'offline',
					donorName: line.donorName,
					amountMinor,
					currency: campaign.currency,
					status: 'pending_confirmation',
					offlineNote: `Sponsorship form: paid ${line.paidOn}`,
					recordedById: recordedBy.id,
					giftAidDeclarationId: declaration?.id ?? null,
					giftAidStatus: status,
				})
				.returning({ id: donations.id })
			firstId ??= donation!.id
		}
		return { id: firstId! }
	})
}
