import { and, asc, desc, eq, gt, inArray, like, sql } from 'drizzle-orm'
import { disputeProgress } from '#app/donations/webhooks.server.ts'
import { disputeObject, stripeEventEnvelope } from '#app/donations/stripe-objects.server.ts'
import { db } from '#db/index.server.ts'
import {
	campaigns,
	disputes,
	donationLimitAlerts,
	donations,
	eventRegistrations,
	events,
	moneyMovements,
	people,
	stripeEvents,
} from '#db/schema.ts'

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

/**
 * Disputes of registration fees. A fee is never in the money record, so its
 * disputes are not rows of `disputes` (which belong to donations): each is
 * read from the Stripe events recorded for the fee's payment, keeping the
 * furthest status any of them reached (so reordered events end the same), its
 * amount and reason, when it was first and last heard of, and whose fee it is.
 */
export async function listFeeDisputesForStaff(limit = 200) {
	const rows = await db()
		.select({
			payload: stripeEvents.payload,
			receivedAt: stripeEvents.receivedAt,
			registrationId: eventRegistrations.id,
			eventId: events.id,
			eventName: events.name,
			firstName: people.firstName,
			lastName: people.lastName,
		})
		.from(stripeEvents)
		.innerJoin(eventRegistrations, eq(eventRegistrations.stripePaymentIntentId, stripeEvents.paymentIntentId))
		.innerJoin(events, eq(events.id, eventRegistrations.eventId))
		.innerJoin(people, eq(people.id, eventRegistrations.personId))
		.where(and(like(stripeEvents.type, 'charge.dispute.%'), eq(stripeEvents.outcome, 'processed')))
		.orderBy(asc(stripeEvents.receivedAt))
	const byId = new Map<
		string,
		{
			id: string
			status: keyof typeof disputeProgress
			reason: string | null
			amountMinor: number
			currency: string
			openedAt: Date
			updatedAt: Date
			registrationId: string
			eventId: string
			eventName: string
			participant: string
		}
	>()
	for (const row of rows) {
		const envelope = stripeEventEnvelope.safeParse(row.payload)
		const dispute = envelope.success ? disputeObject.safeParse(envelope.data.data.object) : null
		if (!dispute?.success) continue
		const { id, status, reason, amount, currency } = dispute.data
		const known = byId.get(id)
		if (!known) {
			byId.set(id, {
				id,
				status,
				reason,
				amountMinor: amount,
				currency,
				openedAt: row.receivedAt,
				updatedAt: row.receivedAt,
				registrationId: row.registrationId,
				eventId: row.eventId,
				eventName: row.eventName,
				participant: `${row.firstName} ${row.lastName}`.trim(),
			})
		} else if (disputeProgress[status] > disputeProgress[known.status]) {
			Object.assign(known, { status, amountMinor: amount, updatedAt: row.receivedAt })
		}
	}
	return [...byId.values()].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).slice(0, limit)
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
