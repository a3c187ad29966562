import { recordMovement } from '#app/donations/ledger.server.ts'
import { GIFT_AID_WORDING_VERSION } from '#app/gift-aid/wording.ts'
import { db } from '#db/index.server.ts'
import { donations, giftAidDeclarations, type Donation, type GiftAidStatus } from '#db/schema.ts'

const DAY_MS = 86_400_000

export const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * DAY_MS)

/**
 * A paid gift with a Gift Aid declaration, counted through the money record
 * as the webhook counts one (so the campaign's Gift Aid figures move too).
 */
export async function giftAidGift(
	campaignId: string,
	options: {
		amountMinor: number
		madeAt: Date
		status?: GiftAidStatus
		declaration?: Partial<typeof giftAidDeclarations.$inferInsert>
	},
): Promise<Donation> {
	return db().transaction(async (tx) => {
		const [declaration] = await tx
			.insert(giftAidDeclarations)
			.values({
				wordingVersion: GIFT_AID_WORDING_VERSION,
				scope: 'this_gift',
				firstName: 'Jane',
				lastName: 'Donor',
				houseNameOrNumber: '14',
				postcode: 'LS1 1AA',
				createdAt: options.madeAt,
				...options.declaration,
			})
			.returning()
		const [donation] = await tx
			.insert(donations)
			.values({
				campaignId,
				donorName: `${declaration!.firstName} ${declaration!.lastName}`,
				amountMinor: options.amountMinor,
				currency: 'GBP',
				status: 'succeeded',
				createdAt: options.madeAt,
				succeededAt: options.madeAt,
				giftAidDeclarationId: declaration!.id,
				giftAidStatus: options.status ?? 'eligible',
			})
			.returning()
		await recordMovement(tx, {
			kind: 'donation_succeeded',
			amountMinor: options.amountMinor,
			currency: 'GBP',
			donationId: donation!.id,
			campaignId,
			sourceId: `test:${donation!.id}`,
			createdAt: options.madeAt,
		})
		return donation!
	})
}

/** A refund as the webhook records it: a negative movement, in a transaction. */
export async function refundGift(donation: Donation, amountMinor: number, sourceId = `re_${crypto.randomUUID()}`) {
	await db().transaction((tx) =>
		recordMovement(tx, {
			kind: 'refund',
			amountMinor: -amountMinor,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId,
		}),
	)
}
