import { eq } from 'drizzle-orm'
import { queueEmail, queueEmails, type EmailToQueue } from '#app/email/outbox.server.ts'
import { type Tx } from '#db/client.server.ts'
import { declarationPath } from '#app/gift-aid/declarations.server.ts'
import { giftAidOn } from '#app/gift-aid/wording.ts'
import { campaigns, giftAidDeclarations, people, type Donation } from '#db/schema.ts'
import { type DonationReceiptData } from '#emails/donation-receipt.ts'

/** "R-20261127-1A2B3C4D": date of the gift and the start of its id — unique, stable, readable. */
export function receiptNumber(donation: Pick<Donation, 'id' | 'succeededAt' | 'createdAt'>) {
	const at = donation.succeededAt ?? donation.createdAt
	return `R-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${donation.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`
}

/** The campaign a gift went to and its fundraiser, read in the gift's transaction. */
export async function campaignAndOwner(tx: Tx, campaignId: string) {
	const [row] = await tx
		.select({ campaign: campaigns, owner: people })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(eq(campaigns.id, campaignId))
	return row ?? null
}

export type CampaignAndOwner = NonNullable<Awaited<ReturnType<typeof campaignAndOwner>>>

/**
 * What the receipt says of the gift's Gift Aid declaration: the Gift Aid it
 * adds (none when HMRC's sponsored-events rule excludes it), what the
 * declaration covers, when it was made, and the signed link to update the
 * donor's details or cancel it. Null for a gift without a declaration.
 */
async function receiptGiftAid(tx: Tx, donation: Donation): Promise<DonationReceiptData['giftAid']> {
	if (!donation.giftAidDeclarationId || donation.giftAidStatus === 'not_declared') return null
	const [declaration] = await tx
		.select({ scope: giftAidDeclarations.scope, createdAt: giftAidDeclarations.createdAt })
		.from(giftAidDeclarations)
		.where(eq(giftAidDeclarations.id, donation.giftAidDeclarationId))
	if (!declaration) return null
	return {
		eligible: donation.giftAidStatus === 'eligible',
		giftAidMinor: donation.giftAidStatus === 'eligible' ? giftAidOn(donation.amountMinor) : 0,
		scope: declaration.scope,
		declaredAt: declaration.createdAt.toISOString(),
		managePath: declarationPath(donation.giftAidDeclarationId),
	}
}

/**
 * Queues the donor's receipt and the fundraiser's "you received a donation"
 * email in the transaction that records the gift; one of each per donation.
 * The campaign and its fundraiser are read by the caller before it takes the
 * campaign's lock, and both emails go in one insert.
 */
export async function queueDonationEmails(tx: Tx, donation: Donation, recipients: CampaignAndOwner | null) {
	if (!recipients) return
	const { campaign, owner } = recipients
	const succeededAt = (donation.succeededAt ?? new Date()).toISOString()
	const batch: EmailToQueue[] = []
	if (donation.donorEmail) {
		const giftAid = await receiptGiftAid(tx, donation)
		batch.push({
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
				giftAid,
			},
		} satisfies EmailToQueue<'donation-receipt'>)
	}
	if (!owner.deletedAt) {
		batch.push({
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
		} satisfies EmailToQueue<'donation-received'>)
	}
	await queueEmails(tx, batch)
}

/**
 * Queues the donor's refund confirmation and the fundraiser's notice in the
 * transaction that records the refund movement: the movement's id is the
 * cause, so each refund sends one of each, however often Stripe repeats it.
 */
export async function queueRefundEmails(
	tx: Tx,
	donation: Donation,
	refund: { movementId: string; refundedMinor: number; totalRefundedMinor: number; fullyRefunded: boolean },
) {
	const row = await campaignAndOwner(tx, donation.campaignId)
	if (!row) return
	const { campaign, owner } = row
	if (donation.donorEmail) {
		await queueEmail(tx, {
			template: 'refund-confirmation',
			causeKey: `refund-confirmation:${refund.movementId}`,
			to: donation.donorEmail,
			personId: donation.donorId,
			data: {
				donorName: donation.donorName,
				receiptNumber: receiptNumber(donation),
				campaignTitle: campaign.title,
				campaignSlug: campaign.slug,
				currency: donation.currency,
				refundedMinor: refund.refundedMinor,
				totalRefundedMinor: refund.totalRefundedMinor,
				totalPaidMinor: donation.amountMinor + donation.coverFeeMinor,
				fullyRefunded: refund.fullyRefunded,
			},
		})
	}
	if (!owner.deletedAt) {
		await queueEmail(tx, {
			template: 'refund-notice',
			causeKey: `refund-notice:${refund.movementId}`,
			to: owner.email,
			personId: owner.id,
			campaignId: campaign.id,
			data: {
				fundraiserFirstName: owner.firstName,
				// As with the gift's own notice: no name for anonymous gifts, no amount for hidden ones.
				donorDisplayName: donation.anonymous ? 'an anonymous donor' : donation.donorName,
				refundedMinor: donation.hideAmount ? null : refund.refundedMinor,
				fullyRefunded: refund.fullyRefunded,
				currency: donation.currency,
				// Read inside the transaction, after the movement: the total the page now shows.
				raisedMinor: Number(campaign.raisedMinor),
				campaignTitle: campaign.title,
				campaignId: campaign.id,
			},
		})
	}
}
