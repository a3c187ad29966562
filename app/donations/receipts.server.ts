import { eq } from 'drizzle-orm'
import { queueEmail } from '#app/email/outbox.server.ts'
import { type Tx } from '#db/client.server.ts'
import { campaigns, people, type Donation } from '#db/schema.ts'

/** "R-20261127-1A2B3C4D": date of the gift and the start of its id — unique, stable, readable. */
export function receiptNumber(donation: Pick<Donation, 'id' | 'succeededAt' | 'createdAt'>) {
	const at = donation.succeededAt ?? donation.createdAt
	return `R-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${donation.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`
}

/**
 * Queues the donor's receipt and the fundraiser's "you received a donation"
 * email in the transaction that records the gift; one of each per donation.
 */
export async function queueDonationEmails(tx: Tx, donation: Donation) {
	const [row] = await tx
		.select({ campaign: campaigns, owner: people })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(eq(campaigns.id, donation.campaignId))
	if (!row) return
	const { campaign, owner } = row
	const succeededAt = (donation.succeededAt ?? new Date()).toISOString()
	if (donation.donorEmail) {
		await queueEmail(tx, {
			template: 'donation-receipt',
			causeKey: `receipt:${donation.id}`,
			to: donation.donorEmail,
			personId: donation.donorId,
			data: {
				receiptNumber: receiptNumber({ ...donation, succeededAt: new Date(succeededAt) }),
				donorName: donation.donorName,
				amountMinor: donation.amountMinor,
				coverFeeMinor: donation.coverFeeMinor,
				currency: donation.currency,
				campaignTitle: campaign.title,
				campaignSlug: campaign.slug,
				succeededAt,
			},
		})
	}
	if (!owner.deletedAt) {
		await queueEmail(tx, {
			template: 'donation-received',
			causeKey: `donation-received:${donation.id}`,
			to: owner.email,
			personId: owner.id,
			data: {
				fundraiserFirstName: owner.firstName,
				// The fundraiser sees what the page shows: no name for anonymous gifts.
				donorDisplayName: donation.anonymous ? 'An anonymous donor' : donation.donorName,
				amountMinor: donation.hideAmount ? null : donation.amountMinor,
				currency: donation.currency,
				message: donation.message,
				campaignTitle: campaign.title,
				campaignId: campaign.id,
			},
		})
	}
}
