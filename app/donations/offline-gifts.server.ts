import { and, eq } from 'drizzle-orm'
import { createOnce } from '#app/utils/form-token.server.ts'
import { parseMajorToMinor } from '#app/utils/money.ts'
import { type Tx } from '#db/client.server.ts'
import { donations, type Campaign, type Person } from '#db/schema.ts'
import { recordMovement } from './ledger.server.ts'
import { afterMoneyMoved } from './money-moved.server.ts'

/**
 * A cash or cheque gift the fundraiser collected, once per form token. It
 * shows as pending and counts in the total only once staff confirm it.
 */
export async function recordOfflineDonation(
	campaign: Campaign,
	recordedBy: Person,
	gift: { amount: string; donorName: string; note: string | null },
	token: string | null,
) {
	const amountMinor = parseMajorToMinor(gift.amount, campaign.currency)
	if (amountMinor === null || amountMinor <= 0) {
		return { status: 'invalid' as const, fieldErrors: { amount: ['Enter the amount as a number, like 25 or 12.50'] } }
	}
	return createOnce({ token, action: 'offline-gift', personId: recordedBy.id }, async (tx) => {
		const [donation] = await tx
			.insert(donations)
			.values({
				campaignId: campaign.id,
				channel: 'offline',
				donorName: gift.donorName,
				amountMinor,
				currency: campaign.currency,
				status: 'pending_confirmation',
				offlineNote: gift.note,
				recordedById: recordedBy.id,
			})
			.returning({ id: donations.id })
		return { id: donation!.id }
	})
}

/**
 * Staff confirm an offline gift: it becomes a succeeded donation with its
 * money movement, in the caller's transaction (so whatever records the
 * decision, such as the audit row, commits with it). Confirming twice counts
 * once: only a pending gift is confirmed.
 */
export async function confirmOfflineDonation(tx: Tx, donationId: string, staff: Person) {
	const [donation] = await tx
		.update(donations)
		.set({ status: 'succeeded', confirmedAt: new Date(), confirmedById: staff.id, succeededAt: new Date() })
		.where(
			and(eq(donations.id, donationId), eq(donations.channel, 'offline'), eq(donations.status, 'pending_confirmation')),
		)
		.returning()
	if (!donation) return { confirmed: false as const }
	const counted = await recordMovement(tx, {
		kind: 'offline_confirmed',
		amountMinor: donation.amountMinor,
		currency: donation.currency,
		donationId: donation.id,
		campaignId: donation.campaignId,
		sourceId: `offline:${donation.id}`,
	})
	await afterMoneyMoved(tx, counted)
	return { confirmed: true as const, donation }
}
