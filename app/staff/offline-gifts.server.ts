import { isUuid } from '#app/utils/ids.ts'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { confirmOfflineDonation } from '#app/donations/offline-gifts.server.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, campaigns, donations, giftAidDeclarations, people, type Person } from '#db/schema.ts'

const fullName = (first: string | null, last: string | null) => `${first ?? ''} ${last ?? ''}`.trim()

/** Cash and cheque gifts fundraisers recorded that wait for staff, oldest first (first in, first checked). */
export async function listPendingOfflineGifts() {
	const rows = await db()
		.select({
			id: donations.id,
			donorName: donations.donorName,
			amountMinor: donations.amountMinor,
			currency: donations.currency,
			note: donations.offlineNote,
			recordedAt: donations.createdAt,
			campaignId: campaigns.id,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
			fundraiserFirstName: people.firstName,
			fundraiserLastName: people.lastName,
			fundraiserEmail: people.email,
			giftAidStatus: donations.giftAidStatus,
			// A sponsor's Gift Aid declaration copied from a sponsorship form, for staff to check with the gift.
			giftAidTitle: giftAidDeclarations.title,
			giftAidFirstName: giftAidDeclarations.firstName,
			giftAidLastName: giftAidDeclarations.lastName,
			giftAidHouse: giftAidDeclarations.houseNameOrNumber,
			giftAidPostcode: giftAidDeclarations.postcode,
			giftAidOverseas: giftAidDeclarations.overseas,
		})
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.leftJoin(giftAidDeclarations, eq(giftAidDeclarations.id, donations.giftAidDeclarationId))
		// The fundraiser is whoever recorded the gift; gifts recorded before that was kept fall back to the owner.
		.innerJoin(people, eq(people.id, sql`coalesce(${donations.recordedById}, ${campaigns.ownerId})`))
		.where(and(eq(donations.channel, 'offline'), eq(donations.status, 'pending_confirmation')))
		.orderBy(donations.createdAt)
		.limit(500)
	return rows.map(
		({
			fundraiserFirstName,
			fundraiserLastName,
			giftAidTitle,
			giftAidFirstName,
			giftAidLastName,
			giftAidHouse,
			giftAidPostcode,
			giftAidOverseas,
			...row
		}) => ({
			...row,
			amountMinor: Number(row.amountMinor),
			fundraiserName: fullName(fundraiserFirstName, fundraiserLastName),
			giftAid:
				giftAidFirstName === null
					? null
					: {
							name: [giftAidTitle, giftAidFirstName, giftAidLastName].filter(Boolean).join(' '),
							address: `${giftAidHouse ?? ''}, ${giftAidOverseas ? 'overseas' : (giftAidPostcode ?? '')}`,
							// Where the charity pays the participant's costs, the sponsor said they are the participant or family.
							excluded: row.giftAidStatus === 'participant_or_family',
						},
		}),
	)
}

/**
 * The latest confirmations and rejections, read from the audit log: it alone
 * holds who decided, when, and why (a rejection's reason has no other home).
 */
export async function listRecentOfflineDecisions(limit = 20) {
	const actor = alias(people, 'actor')
	const rows = await db()
		.select({
			auditId: auditLog.id,
			action: auditLog.action,
			reason: auditLog.reason,
			decidedAt: auditLog.createdAt,
			actorEmail: actor.email,
			donationId: donations.id,
			donorName: donations.donorName,
			amountMinor: donations.amountMinor,
			currency: donations.currency,
			status: donations.status,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(auditLog)
		.innerJoin(donations, sql`${donations.id}::text = ${auditLog.subjectId}`)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.leftJoin(actor, eq(actor.id, auditLog.actorId))
		.where(
			and(
				eq(auditLog.subjectType, 'donation'),
				inArray(auditLog.action, ['donation.confirm_offline', 'donation.reject_offline']),
			),
		)
		.orderBy(desc(auditLog.createdAt))
		.limit(limit)
	return rows.map((row) => ({
		...row,
		amountMinor: Number(row.amountMinor),
		decision: row.action === 'donation.confirm_offline' ? ('confirmed' as const) : ('rejected' as const),
	}))
}

export type OfflineDecisionResult =
	{ ok: true } | { ok: false; problem: 'not-found' | 'already-confirmed' | 'already-rejected' | 'not-pending' }

/** Why a gift could not be decided: it is missing, or someone decided it already. */
async function whyNotPending(donationId: string): Promise<OfflineDecisionResult> {
	const [row] = isUuid(donationId)
		? await db()
				.select({ status: donations.status, channel: donations.channel })
				.from(donations)
				.where(eq(donations.id, donationId))
		: []
	if (!row || row.channel !== 'offline') return { ok: false, problem: 'not-found' }
	if (row.status === 'succeeded') return { ok: false, problem: 'already-confirmed' }
	if (row.status === 'rejected') return { ok: false, problem: 'already-rejected' }
	return { ok: false, problem: 'not-pending' }
}

/**
 * Staff confirm a cash or cheque gift: it counts in the campaign total once,
 * and the audit row of who confirmed it commits in the same transaction.
 * A sponsor's gift with a Gift Aid declaration is confirmed with it (Gift Aid
 * then applies) or, when the copied declaration will not do (incomplete,
 * unreadable), without it: the declaration is marked rejected before the
 * gift is counted, so its Gift Aid never counts.
 */
export async function confirmOfflineGift(
	donationId: string,
	staff: Person,
	giftAid: 'accept' | 'reject' = 'accept',
): Promise<OfflineDecisionResult> {
	if (!isUuid(donationId)) return { ok: false, problem: 'not-found' }
	const confirmed = await db().transaction(async (tx) => {
		if (giftAid === 'reject') {
			await tx
				.update(donations)
				.set({ giftAidStatus: 'declaration_rejected' })
				.where(
					and(
						eq(donations.id, donationId),
						eq(donations.status, 'pending_confirmation'),
						sql`${donations.giftAidDeclarationId} is not null`,
					),
				)
		}
		const result = await confirmOfflineDonation(tx, donationId, staff)
		if (!result.confirmed) return false
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'donation.confirm_offline',
			subjectType: 'donation',
			subjectId: donationId,
			data: {
				amountMinor: result.donation.amountMinor,
				currency: result.donation.currency,
				campaignId: result.donation.campaignId,
				giftAidStatus: result.donation.giftAidStatus,
			},
		})
		return true
	})
	return confirmed ? { ok: true } : whyNotPending(donationId)
}

/**
 * Staff could not confirm a gift (no cheque arrived, a duplicate…). Only a
 * pending gift can be rejected, and a rejection never touches money: a
 * pending gift was never counted. The reason is kept on the donation and in
 * the audit log, in one transaction.
 */
export async function rejectOfflineGift(
	donationId: string,
	staff: Person,
	reason: string,
): Promise<OfflineDecisionResult> {
	const why = reason.trim()
	if (!why) throw new Error('A rejection needs a reason')
	if (!isUuid(donationId)) return { ok: false, problem: 'not-found' }
	const rejected = await db().transaction(async (tx) => {
		const [donation] = await tx
			.update(donations)
			.set({ status: 'rejected', failureReason: why })
			.where(
				and(
					eq(donations.id, donationId),
					eq(donations.channel, 'offline'),
					eq(donations.status, 'pending_confirmation'),
				),
			)
			.returning()
		if (!donation) return false
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'donation.reject_offline',
			subjectType: 'donation',
			subjectId: donationId,
			reason: why,
			data: { amountMinor: donation.amountMinor, currency: donation.currency, campaignId: donation.campaignId },
		})
		return true
	})
	return rejected ? { ok: true } : whyNotPending(donationId)
}
