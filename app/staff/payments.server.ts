import { asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { campaigns, disputes, donationLimitAlerts, donations, moneyMovements, stripeEvents } from '#db/schema.ts'

export type AttentionOutcome = 'held_for_review' | 'deferred'

export type PayloadAmount = { label: 'total' | 'amount' | 'refunded'; amountMinor: number; currency: string }

/**
 * The money a Stripe event speaks of, read from its payload: a Checkout
 * Session's total, a charge's or dispute's amount, a refund's cumulative
 * amount. Anything malformed is left out rather than guessed.
 */
export function summarisePayloadAmounts(payload: unknown): PayloadAmount[] {
	const object = (payload as { data?: { object?: Record<string, unknown> } } | null)?.data?.object
	if (!object || typeof object !== 'object') return []
	const currency =
		typeof object.currency === 'string' && /^[a-z]{3}$/i.test(object.currency) ? object.currency.toUpperCase() : null
	if (!currency) return []
	const amounts: PayloadAmount[] = []
	for (const [key, label] of [
		['amount_total', 'total'],
		['amount', 'amount'],
		['amount_refunded', 'refunded'],
	] as const) {
		const value = object[key]
		if (typeof value === 'number' && Number.isSafeInteger(value)) amounts.push({ label, amountMinor: value, currency })
	}
	return amounts
}

/** Stripe events staff need to look at (held for review, deferred), newest first, with what they concern. */
export async function listStripeEventsNeedingAttention(options: { outcome?: AttentionOutcome } = {}) {
	const outcomes: AttentionOutcome[] = options.outcome ? [options.outcome] : ['held_for_review', 'deferred']
	const rows = await db()
		.select({
			id: stripeEvents.id,
			type: stripeEvents.type,
			outcome: stripeEvents.outcome,
			note: stripeEvents.note,
			paymentIntentId: stripeEvents.paymentIntentId,
			donationId: stripeEvents.donationId,
			receivedAt: stripeEvents.receivedAt,
			payload: stripeEvents.payload,
			donorName: donations.donorName,
			donationAmountMinor: donations.amountMinor,
			donationCurrency: donations.currency,
			donationStatus: donations.status,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(stripeEvents)
		.leftJoin(donations, eq(donations.id, stripeEvents.donationId))
		.leftJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(inArray(stripeEvents.outcome, outcomes))
		.orderBy(desc(stripeEvents.receivedAt))
		.limit(500)
	// The payload is summarised here and not sent on: it holds donors' details staff do not need on this page.
	return rows.map(({ payload, donationAmountMinor, ...row }) => ({
		...row,
		outcome: row.outcome as AttentionOutcome,
		donationAmountMinor: donationAmountMinor === null ? null : Number(donationAmountMinor),
		amounts: summarisePayloadAmounts(payload),
	}))
}

/**
 * Every dispute and inquiry, most recently changed first, with the donation
 * and campaign it concerns and what it moved in the money record (withdrawn
 * as a negative amount, reinstated as a positive one).
 */
export async function listDisputesForStaff(limit = 200) {
	const movedMinor = (kind: 'dispute_withdrawn' | 'dispute_reinstated') =>
		sql<number>`coalesce((select sum(${moneyMovements.amountMinor}) from ${moneyMovements} where ${moneyMovements.kind} = ${kind} and ${moneyMovements.sourceId} = ${disputes.id}), 0)::bigint`.mapWith(
			Number,
		)
	const rows = await db()
		.select({
			id: disputes.id,
			status: disputes.status,
			reason: disputes.reason,
			amountMinor: disputes.amountMinor,
			currency: disputes.currency,
			openedAt: disputes.createdAt,
			updatedAt: disputes.updatedAt,
			withdrawnMinor: movedMinor('dispute_withdrawn'),
			reinstatedMinor: movedMinor('dispute_reinstated'),
			donationId: donations.id,
			donorName: donations.donorName,
			donationStatus: donations.status,
			paymentIntentId: donations.stripePaymentIntentId,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(disputes)
		.innerJoin(donations, eq(donations.id, disputes.donationId))
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.orderBy(desc(disputes.updatedAt), asc(disputes.id))
		.limit(limit)
	return rows.map((row) => ({ ...row, amountMinor: Number(row.amountMinor) }))
}

/** Donation limits that tripped in the last `days` days (checks asked for and passed), most recent first. */
export async function listDonationLimitAlerts(days = 7) {
	const since = new Date(Date.now() - days * 86_400_000)
	return db()
		.select({
			id: donationLimitAlerts.id,
			signal: donationLimitAlerts.signal,
			subject: donationLimitAlerts.subject,
			observed: donationLimitAlerts.observed,
			threshold: donationLimitAlerts.threshold,
			challengesIssued: donationLimitAlerts.challengesIssued,
			challengesPassed: donationLimitAlerts.challengesPassed,
			firstSeenAt: donationLimitAlerts.firstSeenAt,
			lastSeenAt: donationLimitAlerts.lastSeenAt,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(donationLimitAlerts)
		.leftJoin(campaigns, eq(campaigns.id, donationLimitAlerts.campaignId))
		.where(gt(donationLimitAlerts.lastSeenAt, since))
		.orderBy(desc(donationLimitAlerts.lastSeenAt))
		.limit(200)
}
