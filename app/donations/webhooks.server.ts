import { and, asc, eq, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { donations, moneyMovements, stripeEvents, type Donation } from '#db/schema.ts'
import { recordMovement } from './ledger.server.ts'
import { queueDonationEmails } from './receipts.server.ts'
import { constructWebhookEvent } from './stripe.server.ts'

/** The parts of a Stripe event we rely on (real events carry more). */
export type StripeEventLike = { id: string; type: string; data: { object: any } }

type Outcome = {
	outcome: 'processed' | 'ignored' | 'deferred' | 'held_for_review'
	note?: string
	donationId?: string | null
	paymentIntentId?: string | null
}

/**
 * POST /webhooks/stripe: verifies the signature over the raw body, then
 * records the event and its effect in one transaction. 2xx only after
 * commit; a failure answers 5xx so Stripe delivers the event again.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null) {
	let event: Stripe.Event
	try {
		if (!signature) throw new Error('missing Stripe-Signature header')
		event = constructWebhookEvent(rawBody, signature)
	} catch (error) {
		return { status: 400, body: { error: `Webhook signature verification failed: ${(error as Error).message}` } }
	}
	try {
		const result = await processStripeEvent(event)
		return { status: 200, body: { received: true, ...result } }
	} catch (error) {
		console.warn(`[stripe] event ${event.id} (${event.type}) failed and will be retried by Stripe:`, (error as Error).message)
		return { status: 500, body: { error: 'Temporary failure; please retry.' } }
	}
}

/**
 * Applies one Stripe event exactly once. The event id is the primary key of
 * stripe_events: a redelivery (even a concurrent one) finds the row and
 * changes nothing. Handlers lock the donation, so events about one payment
 * apply one at a time, and each is written so any order ends the same.
 */
export async function processStripeEvent(event: StripeEventLike): Promise<{ duplicate: boolean; outcome?: Outcome['outcome'] }> {
	return db().transaction(async (tx) => {
		const [claimed] = await tx
			.insert(stripeEvents)
			.values({ id: event.id, type: event.type, outcome: 'processed', payload: event as object })
			.onConflictDoNothing()
			.returning({ id: stripeEvents.id })
		if (!claimed) return { duplicate: true }
		const result = await applyEvent(tx, event)
		await tx
			.update(stripeEvents)
			.set({
				outcome: result.outcome,
				note: result.note ?? null,
				donationId: result.donationId ?? null,
				paymentIntentId: result.paymentIntentId ?? null,
				processedAt: new Date(),
			})
			.where(eq(stripeEvents.id, event.id))
		return { duplicate: false, outcome: result.outcome }
	})
}

async function applyEvent(tx: Tx, event: StripeEventLike): Promise<Outcome> {
	const object = event.data.object
	switch (event.type) {
		case 'checkout.session.completed':
			return recordCheckoutCompleted(tx, object)
		case 'checkout.session.async_payment_succeeded':
			return recordAsyncPaymentSucceeded(tx, object)
		case 'checkout.session.async_payment_failed':
			return recordAsyncPaymentFailed(tx, object)
		case 'checkout.session.expired':
			return recordCheckoutExpired(tx, object)
		case 'charge.refunded':
			return recordChargeRefunded(tx, object)
		case 'charge.dispute.created':
			return recordDisputeCreated(tx, object)
		case 'charge.dispute.closed':
			return recordDisputeClosed(tx, object)
		default:
			return { outcome: 'ignored' }
	}
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)
const idOf = (value: unknown): string | null =>
	typeof value === 'string' ? value : value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : null

/** Finds and locks the donation a Stripe object refers to. */
async function lockDonation(tx: Tx, ref: { donationId?: unknown; sessionId?: string | null; paymentIntentId?: string | null }) {
	const conditions = [
		isUuid(ref.donationId) ? eq(donations.id, ref.donationId) : undefined,
		ref.sessionId ? eq(donations.stripeCheckoutSessionId, ref.sessionId) : undefined,
		ref.paymentIntentId ? eq(donations.stripePaymentIntentId, ref.paymentIntentId) : undefined,
	].filter(Boolean)
	for (const condition of conditions) {
		const [row] = await tx.select().from(donations).where(condition!).for('update')
		if (row) return row
	}
	return null
}

function sessionRef(session: any) {
	return { donationId: session.metadata?.donation_id, sessionId: idOf(session.id), paymentIntentId: idOf(session.payment_intent) }
}

/** The session must be for exactly the amount and currency we asked for. */
function mismatch(donation: Donation, amount: unknown, currency: unknown): string | null {
	const expected = donation.amountMinor + donation.coverFeeMinor
	if (typeof amount === 'number' && amount !== expected) return `amount ${amount} does not match the expected ${expected}`
	if (typeof currency === 'string' && currency.toUpperCase() !== donation.currency.toUpperCase()) {
		return `currency ${currency} does not match ${donation.currency}`
	}
	return null
}

async function recordCheckoutCompleted(tx: Tx, session: any): Promise<Outcome> {
	const paymentIntentId = idOf(session.payment_intent)
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation) return { outcome: 'held_for_review', note: 'no donation matches this Checkout Session', paymentIntentId }
	const problem = mismatch(donation, session.amount_total, session.currency)
	if (problem) return { outcome: 'held_for_review', note: problem, donationId: donation.id, paymentIntentId }
	await rememberPaymentIds(tx, donation, idOf(session.id), paymentIntentId)
	if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required') {
		await recordSucceededDonation(tx, donation, paymentIntentId ?? idOf(session.id)!)
	} else if (donation.status === 'pending' || donation.status === 'expired') {
		// Paid by a method that settles later (bank debit…): wait for the async events.
		await tx.update(donations).set({ status: 'processing' }).where(eq(donations.id, donation.id))
	}
	return { outcome: 'processed', donationId: donation.id, paymentIntentId }
}

async function recordAsyncPaymentSucceeded(tx: Tx, session: any): Promise<Outcome> {
	const paymentIntentId = idOf(session.payment_intent)
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation) return { outcome: 'held_for_review', note: 'no donation matches this Checkout Session', paymentIntentId }
	const problem = mismatch(donation, session.amount_total, session.currency)
	if (problem) return { outcome: 'held_for_review', note: problem, donationId: donation.id, paymentIntentId }
	await rememberPaymentIds(tx, donation, idOf(session.id), paymentIntentId)
	await recordSucceededDonation(tx, donation, paymentIntentId ?? idOf(session.id)!)
	return { outcome: 'processed', donationId: donation.id, paymentIntentId }
}

async function recordAsyncPaymentFailed(tx: Tx, session: any): Promise<Outcome> {
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation) return { outcome: 'held_for_review', note: 'no donation matches this Checkout Session' }
	// A success recorded by another event wins: money that arrived is never un-counted here.
	if (donation.status !== 'succeeded') {
		await tx.update(donations).set({ status: 'failed', failureReason: 'asynchronous payment failed' }).where(eq(donations.id, donation.id))
	}
	return { outcome: 'processed', donationId: donation.id, paymentIntentId: idOf(session.payment_intent) }
}

async function recordCheckoutExpired(tx: Tx, session: any): Promise<Outcome> {
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation) return { outcome: 'ignored', note: 'expired session of no known donation' }
	if (donation.status === 'pending') {
		await tx.update(donations).set({ status: 'expired' }).where(eq(donations.id, donation.id))
	}
	return { outcome: 'processed', donationId: donation.id }
}

async function rememberPaymentIds(tx: Tx, donation: Donation, sessionId: string | null, paymentIntentId: string | null) {
	const set: Partial<Donation> = {}
	if (sessionId && !donation.stripeCheckoutSessionId) set.stripeCheckoutSessionId = sessionId
	if (paymentIntentId && !donation.stripePaymentIntentId) set.stripePaymentIntentId = paymentIntentId
	if (Object.keys(set).length > 0) {
		await tx.update(donations).set(set).where(eq(donations.id, donation.id))
		Object.assign(donation, set)
	}
}

/**
 * The payment succeeded: count the gift once (the movement's source is the
 * payment), queue the receipt and the fundraiser's notice with it, then apply
 * any refund or dispute that arrived before this success.
 */
export async function recordSucceededDonation(tx: Tx, donation: Donation, paymentSourceId: string) {
	const added = await recordMovement(tx, {
		kind: 'donation_succeeded',
		amountMinor: donation.amountMinor,
		currency: donation.currency,
		donationId: donation.id,
		campaignId: donation.campaignId,
		sourceId: paymentSourceId,
	})
	if (donation.status !== 'succeeded') {
		const succeededAt = new Date()
		await tx.update(donations).set({ status: 'succeeded', succeededAt, failureReason: null }).where(eq(donations.id, donation.id))
		Object.assign(donation, { status: 'succeeded', succeededAt })
	}
	if (added) await queueDonationEmails(tx, donation)
	if (donation.stripePaymentIntentId) await replayDeferredEvents(tx, donation.stripePaymentIntentId)
}

/** Whether the gift itself has been counted (a refund or dispute can only follow it). */
async function isCounted(tx: Tx, donationId: string) {
	const [row] = await tx
		.select({ id: moneyMovements.id })
		.from(moneyMovements)
		.where(and(eq(moneyMovements.donationId, donationId), eq(moneyMovements.kind, 'donation_succeeded')))
	return Boolean(row)
}

/** The part of a charged amount that belongs to the gift (the rest covered fees), exactly, by integer arithmetic. */
function giftShare(donation: Donation, chargedMinor: number) {
	const total = donation.amountMinor + donation.coverFeeMinor
	return Math.floor((chargedMinor * donation.amountMinor) / total)
}

async function chargeDonation(tx: Tx, charge: { paymentIntentId: string | null; metadata?: any }) {
	return lockDonation(tx, { paymentIntentId: charge.paymentIntentId, donationId: charge.metadata?.donation_id })
}

/**
 * charge.refunded carries the cumulative amount refunded. We record the
 * difference from what the record already holds, so partial refunds, repeats
 * and out-of-order deliveries all end at the same total.
 */
async function recordChargeRefunded(tx: Tx, charge: any): Promise<Outcome> {
	const paymentIntentId = idOf(charge.payment_intent)
	const donation = await chargeDonation(tx, { paymentIntentId, metadata: charge.metadata })
	if (!donation || !(await isCounted(tx, donation.id))) {
		return { outcome: 'deferred', note: 'refund of a payment not recorded yet', paymentIntentId, donationId: donation?.id }
	}
	if (typeof charge.currency === 'string' && charge.currency.toUpperCase() !== donation.currency) {
		return { outcome: 'held_for_review', note: `refund currency ${charge.currency} does not match`, donationId: donation.id, paymentIntentId }
	}
	const refundedGift = Math.min(donation.amountMinor, giftShare(donation, Number(charge.amount_refunded ?? 0)))
	const [already] = await tx
		.select({ total: sql<number>`coalesce(-sum(${moneyMovements.amountMinor}), 0)::bigint` })
		.from(moneyMovements)
		.where(and(eq(moneyMovements.donationId, donation.id), eq(moneyMovements.kind, 'refund')))
	const delta = refundedGift - Number(already?.total ?? 0)
	if (delta > 0) {
		await recordMovement(tx, {
			kind: 'refund',
			amountMinor: -delta,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: `${idOf(charge.id)}:refunded:${charge.amount_refunded}`,
		})
	}
	return { outcome: 'processed', donationId: donation.id, paymentIntentId, note: delta > 0 ? undefined : 'refund already recorded' }
}

async function recordDisputeCreated(tx: Tx, dispute: any): Promise<Outcome> {
	const paymentIntentId = idOf(dispute.payment_intent)
	const donation = await chargeDonation(tx, { paymentIntentId, metadata: dispute.metadata })
	if (!donation || !(await isCounted(tx, donation.id))) {
		return { outcome: 'deferred', note: 'dispute of a payment not recorded yet', paymentIntentId, donationId: donation?.id }
	}
	await recordMovement(tx, {
		kind: 'dispute_withdrawn',
		amountMinor: -giftShare(donation, Number(dispute.amount)),
		currency: donation.currency,
		donationId: donation.id,
		campaignId: donation.campaignId,
		sourceId: idOf(dispute.id)!,
	})
	return { outcome: 'processed', donationId: donation.id, paymentIntentId }
}

async function recordDisputeClosed(tx: Tx, dispute: any): Promise<Outcome> {
	const paymentIntentId = idOf(dispute.payment_intent)
	const donation = await chargeDonation(tx, { paymentIntentId, metadata: dispute.metadata })
	if (!donation || !(await isCounted(tx, donation.id))) {
		return { outcome: 'deferred', note: 'dispute of a payment not recorded yet', paymentIntentId, donationId: donation?.id }
	}
	if (dispute.status === 'won') {
		// The reinstatement pairs with the withdrawal of the same dispute; if the
		// closure arrives first, the withdrawal that follows still nets to zero.
		await recordMovement(tx, {
			kind: 'dispute_reinstated',
			amountMinor: giftShare(donation, Number(dispute.amount)),
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: idOf(dispute.id)!,
		})
	}
	return { outcome: 'processed', donationId: donation.id, paymentIntentId, note: `dispute ${dispute.status}` }
}

/** Applies, oldest first, events that arrived before the payment they concern. */
async function replayDeferredEvents(tx: Tx, paymentIntentId: string) {
	const deferred = await tx
		.select()
		.from(stripeEvents)
		.where(and(eq(stripeEvents.paymentIntentId, paymentIntentId), eq(stripeEvents.outcome, 'deferred')))
		.orderBy(asc(stripeEvents.receivedAt))
	for (const row of deferred) {
		const result = await applyEvent(tx, row.payload as StripeEventLike)
		if (result.outcome === 'deferred') continue
		await tx
			.update(stripeEvents)
			.set({ outcome: result.outcome, note: result.note ?? 'applied after its payment', donationId: result.donationId ?? null, processedAt: new Date() })
			.where(eq(stripeEvents.id, row.id))
	}
}
