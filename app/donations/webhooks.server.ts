import { isUuid } from '#app/utils/ids.ts'
import { createHash } from 'node:crypto'
import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import { type z } from 'zod'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { disputes, donations, moneyMovements, stripeEvents, type DisputeStatus, type Donation } from '#db/schema.ts'

type StripeEventRow = typeof stripeEvents.$inferSelect
import {
	movementCurrencyProblem,
	recordMovement,
	refreshDonationStatus,
	type DonationPaymentChanges,
} from './ledger.server.ts'
import {
	isKnownFeePayment,
	isRegistrationFee,
	recordFeeDispute,
	recordFeeRefunded,
	recordFeeSessionPayment,
} from '#app/events/registration-fees.server.ts'
import { afterMoneyMoved } from './money-moved.server.ts'
import { campaignAndOwner, queueDonationEmails, queueRefundEmails, type CampaignAndOwner } from './receipts.server.ts'
import { constructWebhookEvent } from './stripe.server.ts'
import {
	chargeObject,
	checkoutSessionObject,
	describeParseError,
	disputeObject,
	storablePayload,
	stripeEventEnvelope,
	type ChargeObject,
	type CheckoutSessionObject,
	type DisputeObject,
	type StripeEventEnvelope,
} from './stripe-objects.server.ts'

/** A Stripe event as we send or receive it: real events carry more, and every field is checked before use. */
export type StripeEventLike = { id: string; type: string; data: { object: unknown } }

type Outcome = {
	outcome: 'processed' | 'ignored' | 'deferred' | 'held_for_review'
	note?: string
	donationId?: string | null
	paymentIntentId?: string | null
}

/**
 * POST /webhooks/stripe: verifies the signature over the raw body, then
 * records the event and its effect in one transaction. 2xx only after
 * commit; a failure answers 5xx so Stripe delivers the event again. A signed
 * event we cannot read is held for review and acknowledged: retrying it for
 * three days would not change it.
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
		console.warn(
			`[stripe] event ${event.id} (${event.type}) failed and will be retried by Stripe:`,
			(error as Error).message,
		)
		return { status: 500, body: { error: 'Temporary failure; please retry.' } }
	}
}

/**
 * Applies one Stripe event exactly once. The event id is the primary key of
 * stripe_events: a redelivery (even a concurrent one) finds the row and
 * changes nothing. Handlers lock the donation, so events about one payment
 * apply one at a time, and each is written so any order ends the same. An
 * event without a readable id is keyed on a hash of its content, so its
 * repeats are one row too.
 */
export async function processStripeEvent(
	input: unknown,
): Promise<{ duplicate: boolean; outcome?: Outcome['outcome'] }> {
	const stored = storablePayload(input)
	const payload = stored !== null && typeof stored === 'object' ? stored : { body: stored }
	const envelope = stripeEventEnvelope.safeParse(input)
	const id = envelope.success
		? envelope.data.id
		: `malformed:${createHash('sha256').update(JSON.stringify(payload)).digest('hex')}`
	const type = envelope.success
		? envelope.data.type
		: (stripeEventEnvelope.shape.type.safeParse((input as { type?: unknown } | null)?.type).data ?? 'malformed')
	return db().transaction(async (tx) => {
		const [claimed] = await tx
			.insert(stripeEvents)
			.values({ id, type, outcome: 'processed', payload })
			.onConflictDoNothing()
			.returning({ id: stripeEvents.id })
		if (!claimed) return { duplicate: true }
		const result: Outcome = envelope.success
			? await applyEvent(tx, envelope.data)
			: { outcome: 'held_for_review', note: describeParseError('Stripe event', envelope.error) }
		await tx
			.update(stripeEvents)
			.set({
				outcome: result.outcome,
				note: result.note ?? null,
				donationId: result.donationId ?? null,
				paymentIntentId: result.paymentIntentId ?? null,
				processedAt: new Date(),
			})
			.where(eq(stripeEvents.id, id))
		return { duplicate: false, outcome: result.outcome }
	})
}

/** Parses the event's object with `schema`; an object of the wrong shape is held for review, never handled. */
async function withObject<S extends z.ZodType>(
	event: StripeEventEnvelope,
	schema: S,
	what: string,
	handle: (object: z.output<S>) => Promise<Outcome>,
) {
	const parsed = schema.safeParse(event.data.object)
	if (!parsed.success) return { outcome: 'held_for_review' as const, note: describeParseError(what, parsed.error) }
	return handle(parsed.data)
}

async function applyEvent(tx: Tx, event: StripeEventEnvelope): Promise<Outcome> {
	switch (event.type) {
		case 'checkout.session.completed':
			return withObject(event, checkoutSessionObject, 'Checkout Session', (session) =>
				isRegistrationFee(session)
					? recordFeePaid(tx, session, session.payment_status === 'paid')
					: recordCheckoutCompleted(tx, session),
			)
		case 'checkout.session.async_payment_succeeded':
			return withObject(event, checkoutSessionObject, 'Checkout Session', (session) =>
				isRegistrationFee(session) ? recordFeePaid(tx, session, true) : recordAsyncPaymentSucceeded(tx, session),
			)
		case 'checkout.session.async_payment_failed':
			return withObject(event, checkoutSessionObject, 'Checkout Session', (session) =>
				isRegistrationFee(session)
					? Promise.resolve({ outcome: 'processed' as const, note: 'fee payment failed; the fee is still to pay' })
					: recordAsyncPaymentFailed(tx, session),
			)
		case 'checkout.session.expired':
			return withObject(event, checkoutSessionObject, 'Checkout Session', (session) =>
				isRegistrationFee(session)
					? Promise.resolve({ outcome: 'ignored' as const, note: 'expired fee session' })
					: recordCheckoutExpired(tx, session),
			)
		case 'charge.refunded':
			return withObject(event, chargeObject, 'charge', (charge) => recordRefund(tx, charge))
		case 'charge.dispute.created':
		case 'charge.dispute.updated':
		case 'charge.dispute.closed':
			return withObject(event, disputeObject, 'dispute', (dispute) => recordAnyDispute(tx, dispute, null))
		case 'charge.dispute.funds_withdrawn':
			return withObject(event, disputeObject, 'dispute', (dispute) => recordAnyDispute(tx, dispute, 'withdrawn'))
		case 'charge.dispute.funds_reinstated':
			return withObject(event, disputeObject, 'dispute', (dispute) => recordAnyDispute(tx, dispute, 'reinstated'))
		default:
			return { outcome: 'ignored' }
	}
}

/**
 * A registration fee's payment: recorded on the registration only (never in
 * the money record), then any refund that arrived before it is applied.
 */
async function recordFeePaid(tx: Tx, session: CheckoutSessionObject, settled: boolean): Promise<Outcome> {
	await lockPayment(tx, session.payment_intent)
	const result = await recordFeeSessionPayment(tx, session, settled)
	if (result.outcome === 'processed' && session.payment_intent)
		await replayDeferredEvents(tx, await deferredEvents(tx, session.payment_intent))
	return result
}

/**
 * A refund of a registration fee (marked so, or of a fee payment we know) is
 * the registration's; any other is a donation's. Decided under the payment's
 * lock, so a fee payment being recorded now is seen.
 */
async function recordRefund(tx: Tx, charge: ChargeObject): Promise<Outcome> {
	await lockPayment(tx, charge.payment_intent)
	if (isRegistrationFee(charge) || (await isKnownFeePayment(tx, charge.payment_intent)))
		return recordFeeRefunded(tx, charge)
	return recordChargeRefunded(tx, charge)
}

/**
 * A dispute of a registration fee (marked so, or of a fee payment we know) is
 * the registration's: recorded for staff, never in the money record; any
 * other is a donation's. Decided under the payment's lock, as refunds are.
 */
async function recordAnyDispute(
	tx: Tx,
	dispute: DisputeObject,
	funds: 'withdrawn' | 'reinstated' | null,
): Promise<Outcome> {
	await lockPayment(tx, dispute.payment_intent)
	if (isRegistrationFee(dispute) || (await isKnownFeePayment(tx, dispute.payment_intent)))
		return recordFeeDispute(tx, dispute)
	return recordDispute(tx, dispute, funds)
}

/**
 * Serialises, per payment, the events about it: a refund or dispute that
 * finds the gift not yet counted is deferred, and the success replays what
 * was deferred; without this lock the two can pass each other (the deferral
 * commits just after the replay looked), leaving the refund unapplied. Taken
 * first, before any row lock, so every path takes its locks in one order.
 */
async function lockPayment(tx: Tx, paymentIntentId: string | null | undefined) {
	if (paymentIntentId)
		await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stripe-payment:${paymentIntentId}`}, 0))`)
}

/** Finds and locks the donation a Stripe object refers to. */
async function lockDonation(
	tx: Tx,
	ref: { donationId?: string; sessionId?: string | null; paymentIntentId?: string | null },
) {
	const conditions = [
		isUuid(ref.donationId) ? eq(donations.id, ref.donationId) : undefined,
		ref.sessionId ? eq(donations.stripeCheckoutSessionId, ref.sessionId) : undefined,
		ref.paymentIntentId ? eq(donations.stripePaymentIntentId, ref.paymentIntentId) : undefined,
	].filter(Boolean)
	for (const condition of conditions) {
		const [row] = await tx.select().from(donations).where(condition).for('update')
		if (row) return row
	}
	return null
}

function sessionRef(session: CheckoutSessionObject) {
	return { donationId: session.metadata.donation_id, sessionId: session.id, paymentIntentId: session.payment_intent }
}

/** What the payment is counted under in the money record: the PaymentIntent, or the session when there is none. */
const paymentSourceOf = (session: CheckoutSessionObject) => session.payment_intent ?? session.id

/** What the database already says of a session's payment: another donation holding it, and the source this donation's gift was counted from. */
type PaymentSeen = { otherDonationId: string | null; countedFrom: string | null }

/**
 * Reads what sessionPaymentProblem checks, the campaign and its fundraiser
 * (the receipt and notice name them) and the events waiting for the payment,
 * all at once: none depends on another, so they go to PostgreSQL in one
 * round trip (postgres.js pipelines a transaction's queries sent together),
 * and every gift pays a round trip, not four. All are read under the
 * payment's lock, which keeps the waiting events still.
 */
async function readSessionPayment(tx: Tx, donation: Donation, session: CheckoutSessionObject, settled: boolean) {
	const paymentIntentId = session.payment_intent
	// Events deferred until this payment counts wait under its id.
	const waitingFor = paymentIntentId ?? donation.stripePaymentIntentId
	const [recipients, other, counted, deferred] = await Promise.all([
		campaignAndOwner(tx, donation.campaignId),
		paymentIntentId && !donation.stripePaymentIntentId
			? tx
					.select({ id: donations.id })
					.from(donations)
					.where(and(eq(donations.stripePaymentIntentId, paymentIntentId), ne(donations.id, donation.id)))
			: Promise.resolve([]),
		tx
			.select({ sourceId: moneyMovements.sourceId })
			.from(moneyMovements)
			.where(and(eq(moneyMovements.donationId, donation.id), eq(moneyMovements.kind, 'donation_succeeded'))),
		settled && waitingFor ? deferredEvents(tx, waitingFor) : Promise.resolve([]),
	])
	const seen: PaymentSeen = { otherDonationId: other[0]?.id ?? null, countedFrom: counted[0]?.sourceId ?? null }
	return { recipients, seen, deferred }
}

/**
 * Why a session's payment must not be counted for this donation, or null: it
 * must be for exactly the amount and currency we asked for, in the campaign's
 * currency, and it must be the donation's own payment. A second payment for
 * a donation already paid is a conflict for a person to look at.
 */
function sessionPaymentProblem(
	donation: Donation,
	session: CheckoutSessionObject,
	recipients: CampaignAndOwner | null,
	seen: PaymentSeen,
): string | null {
	const expected = donation.amountMinor + donation.coverFeeMinor
	if (session.amount_total !== expected) return `amount ${session.amount_total} does not match the expected ${expected}`
	if (session.currency !== donation.currency.toUpperCase())
		return `currency ${session.currency.toLowerCase()} does not match ${donation.currency}`
	if (!recipients) return `campaign ${donation.campaignId} does not exist`
	if (recipients.campaign.currency !== donation.currency)
		return `currency ${donation.currency} does not match the campaign's currency ${recipients.campaign.currency}`
	if (donation.stripeCheckoutSessionId && donation.stripeCheckoutSessionId !== session.id) {
		return `the donation belongs to Checkout Session ${donation.stripeCheckoutSessionId}; this event names ${session.id}`
	}
	const paymentIntentId = session.payment_intent
	if (paymentIntentId && donation.stripePaymentIntentId && paymentIntentId !== donation.stripePaymentIntentId) {
		return `the donation already belongs to payment ${donation.stripePaymentIntentId}; this event names another payment, ${paymentIntentId}`
	}
	if (seen.otherDonationId) return `payment ${paymentIntentId} already belongs to donation ${seen.otherDonationId}`
	if (seen.countedFrom && seen.countedFrom !== paymentSourceOf(session)) {
		return `the donation's gift is already counted from ${seen.countedFrom}; this event names another payment, ${paymentSourceOf(session)}`
	}
	return null
}

/**
 * checkout.session.completed and checkout.session.async_payment_succeeded
 * both say the session's payment is ours to count once it has settled: the
 * first when the payment was immediate, the second when a slower method
 * (bank debit…) settled later. Until then the donation waits as processing.
 */
async function recordSessionPayment(tx: Tx, session: CheckoutSessionObject, settled: boolean): Promise<Outcome> {
	const paymentIntentId = session.payment_intent
	await lockPayment(tx, paymentIntentId)
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation)
		return { outcome: 'held_for_review', note: 'no donation matches this Checkout Session', paymentIntentId }
	const { recipients, seen, deferred } = await readSessionPayment(tx, donation, session, settled)
	const problem = sessionPaymentProblem(donation, session, recipients, seen)
	if (problem) return { outcome: 'held_for_review', note: problem, donationId: donation.id, paymentIntentId }
	if (settled) {
		// The payment ids and the time of success go in the movement's own update of the donation.
		await recordSucceededDonation(tx, donation, paymentSourceOf(session), {
			recipients,
			payment: { checkoutSessionId: session.id, paymentIntentId },
			deferred,
			notCountedYet: seen.countedFrom === null,
		})
	} else {
		await rememberPaymentIds(tx, donation, session.id, paymentIntentId)
		if (donation.status === 'pending' || donation.status === 'expired') {
			await tx.update(donations).set({ status: 'processing' }).where(eq(donations.id, donation.id))
		}
	}
	return { outcome: 'processed', donationId: donation.id, paymentIntentId }
}

const succeededAt = (at: Date) => ({ succeededAt: at, failureReason: null })

const recordCheckoutCompleted = (tx: Tx, session: CheckoutSessionObject) =>
	recordSessionPayment(
		tx,
		session,
		session.payment_status === 'paid' || session.payment_status === 'no_payment_required',
	)

const recordAsyncPaymentSucceeded = (tx: Tx, session: CheckoutSessionObject) => recordSessionPayment(tx, session, true)

async function recordAsyncPaymentFailed(tx: Tx, session: CheckoutSessionObject): Promise<Outcome> {
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation) return { outcome: 'held_for_review', note: 'no donation matches this Checkout Session' }
	// A success recorded by another event wins: money that arrived is never un-counted here.
	if (donation.status === 'pending' || donation.status === 'processing' || donation.status === 'expired') {
		await tx
			.update(donations)
			.set({ status: 'failed', failureReason: 'asynchronous payment failed' })
			.where(eq(donations.id, donation.id))
	}
	return { outcome: 'processed', donationId: donation.id, paymentIntentId: session.payment_intent }
}

async function recordCheckoutExpired(tx: Tx, session: CheckoutSessionObject): Promise<Outcome> {
	const donation = await lockDonation(tx, sessionRef(session))
	if (!donation) return { outcome: 'ignored', note: 'expired session of no known donation' }
	if (donation.status === 'pending') {
		await tx.update(donations).set({ status: 'expired' }).where(eq(donations.id, donation.id))
	}
	return { outcome: 'processed', donationId: donation.id }
}

/** What remembering a payment changes on the donation: each Stripe id it does not hold yet, and the time of success once. */
function paymentChanges(donation: Donation, paid: DonationPaymentChanges): Partial<Donation> {
	const set: Partial<Donation> = paid.succeededAt && !donation.succeededAt ? succeededAt(paid.succeededAt) : {}
	if (paid.checkoutSessionId && !donation.stripeCheckoutSessionId) set.stripeCheckoutSessionId = paid.checkoutSessionId
	if (paid.paymentIntentId && !donation.stripePaymentIntentId) set.stripePaymentIntentId = paid.paymentIntentId
	return set
}

async function rememberPaymentIds(
	tx: Tx,
	donation: Donation,
	sessionId: string | null,
	paymentIntentId: string | null,
) {
	const set = paymentChanges(donation, { checkoutSessionId: sessionId, paymentIntentId })
	if (Object.keys(set).length > 0) {
		await tx.update(donations).set(set).where(eq(donations.id, donation.id))
		Object.assign(donation, set)
	}
}

/**
 * The payment succeeded: count the gift once (the movement's source is the
 * payment, and the database counts one gift per donation; the ledger sets the
 * donation's status), queue the receipt and the fundraiser's notice with it,
 * then apply any refund or dispute that arrived before this success.
 *
 * Every gift to a campaign waits for that campaign's lock, which recording
 * the movement takes and the transaction holds until commit: so whatever
 * needs no lock comes first (the look-up of events waiting for this payment,
 * which the payment's advisory lock keeps still, and, when the caller knows
 * the gift is not counted yet, its receipt and notice), and what follows the
 * movement is a few statements.
 */
export async function recordSucceededDonation(
	tx: Tx,
	donation: Donation,
	paymentSourceId: string,
	read: {
		/** The campaign and its fundraiser, when the caller has read them already. */
		recipients?: CampaignAndOwner | null
		/** The payment's Stripe ids, remembered on the donation. */
		payment?: Omit<DonationPaymentChanges, 'succeededAt'>
		/** The events waiting for this payment, when the caller has read them already (under the payment's lock). */
		deferred?: StripeEventRow[]
		/** Read under the donation's row lock: its gift has no movement yet, so this call counts it. */
		notCountedYet?: boolean
	} = {},
) {
	const recipients = read.recipients === undefined ? await campaignAndOwner(tx, donation.campaignId) : read.recipients
	const paid = { ...read.payment, succeededAt: new Date() }
	const set = paymentChanges(donation, paid)
	const paymentIntentId = donation.stripePaymentIntentId ?? read.payment?.paymentIntentId
	const deferred = read.deferred ?? (paymentIntentId ? await deferredEvents(tx, paymentIntentId) : [])
	// The receipt states the time of success: the donation's row gets it with the movement.
	Object.assign(donation, set)
	if (read.notCountedYet) await queueDonationEmails(tx, donation, recipients)
	const counted = await recordMovement(
		tx,
		{
			kind: 'donation_succeeded',
			amountMinor: donation.amountMinor,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: paymentSourceId,
		},
		paid,
	)
	// Its receipt is queued in this transaction: rolling it all back (Stripe delivers the event again) is the only honest end.
	if (read.notCountedYet && !counted)
		throw new Error(`donation ${donation.id}'s gift was counted while this event held its lock`)
	// Counted before (a repeat under another event id): the movement changed nothing, so remember the payment here.
	if (!counted && Object.keys(set).length > 0) await tx.update(donations).set(set).where(eq(donations.id, donation.id))
	await afterMoneyMoved(tx, counted)
	if (counted && !read.notCountedYet) await queueDonationEmails(tx, donation, recipients)
	await replayDeferredEvents(tx, deferred)
}

/** Whether the gift itself has been counted (a refund or dispute can only follow it). */
async function isCounted(tx: Tx, donationId: string) {
	const [row] = await tx
		.select({ id: moneyMovements.id })
		.from(moneyMovements)
		.where(and(eq(moneyMovements.donationId, donationId), eq(moneyMovements.kind, 'donation_succeeded')))
	return Boolean(row)
}

/** The part of a charged amount that belongs to the gift (the rest covered fees), exactly, by integer arithmetic; never more than the gift. */
function giftShare(donation: Donation, chargedMinor: number) {
	const total = donation.amountMinor + donation.coverFeeMinor
	return Math.min(donation.amountMinor, Math.floor((chargedMinor * donation.amountMinor) / total))
}

/**
 * Finds and locks the counted donation a charge or dispute concerns, and
 * checks its currency. Returns the donation, or the outcome to record
 * instead (deferred until the payment arrives, or held for review).
 */
async function lockCountedDonation(
	tx: Tx,
	object: { payment_intent: string | null; metadata: Record<string, string>; currency: string },
	what: 'refund' | 'dispute',
): Promise<Donation | Outcome> {
	const paymentIntentId = object.payment_intent
	await lockPayment(tx, paymentIntentId)
	const donation = await lockDonation(tx, { paymentIntentId, donationId: object.metadata.donation_id })
	if (!donation || !(await isCounted(tx, donation.id))) {
		return {
			outcome: 'deferred',
			note: `${what} of a payment not recorded yet`,
			paymentIntentId,
			donationId: donation?.id,
		}
	}
	const problem =
		object.currency !== donation.currency.toUpperCase()
			? `${what} currency ${object.currency.toLowerCase()} does not match ${donation.currency}`
			: await movementCurrencyProblem(tx, donation.campaignId, donation.currency)
	if (problem) return { outcome: 'held_for_review', note: problem, donationId: donation.id, paymentIntentId }
	return donation
}

const isOutcome = (value: Donation | Outcome): value is Outcome => 'outcome' in value

/**
 * charge.refunded carries the cumulative amount refunded. We record the
 * difference from what the record already holds, so partial refunds, repeats
 * and out-of-order deliveries all end at the same total. Each refund movement
 * tells the donor and the fundraiser, once, in the same transaction.
 */
async function recordChargeRefunded(tx: Tx, charge: ChargeObject): Promise<Outcome> {
	const paymentIntentId = charge.payment_intent
	const found = await lockCountedDonation(tx, charge, 'refund')
	if (isOutcome(found)) return found
	const donation = found
	const refundedGift = giftShare(donation, charge.amount_refunded)
	const [already] = await tx
		.select({ total: sql<number>`coalesce(-sum(${moneyMovements.amountMinor}), 0)::bigint` })
		.from(moneyMovements)
		.where(and(eq(moneyMovements.donationId, donation.id), eq(moneyMovements.kind, 'refund')))
	const delta = refundedGift - Number(already?.total ?? 0)
	if (delta > 0) {
		const refunded = await recordMovement(tx, {
			kind: 'refund',
			amountMinor: -delta,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: `${charge.id}:refunded:${charge.amount_refunded}`,
		})
		await afterMoneyMoved(tx, refunded)
		if (refunded) {
			await queueRefundEmails(tx, donation, {
				movementId: refunded.id,
				refundedMinor: delta,
				totalRefundedMinor: charge.amount_refunded,
				fullyRefunded: refundedGift >= donation.amountMinor,
			})
		}
	}
	return {
		outcome: 'processed',
		donationId: donation.id,
		paymentIntentId,
		note: delta > 0 ? undefined : 'refund already recorded',
	}
}

/** How far a dispute has got: a later status never gives way to an earlier one, whatever order the events arrive in. */
export const disputeProgress: Record<DisputeStatus, number> = {
	warning_needs_response: 0,
	warning_under_review: 1,
	needs_response: 2,
	under_review: 3,
	warning_closed: 4,
	prevented: 4,
	won: 4,
	lost: 4,
}

/**
 * Every dispute event records the dispute's status; only Stripe's
 * funds_withdrawn and funds_reinstated move money, each once per dispute
 * (the movement is keyed on the dispute's id). An inquiry never withdraws
 * funds, so it moves nothing.
 */
async function recordDispute(
	tx: Tx,
	dispute: DisputeObject,
	funds: 'withdrawn' | 'reinstated' | null,
): Promise<Outcome> {
	const paymentIntentId = dispute.payment_intent
	const found = await lockCountedDonation(tx, dispute, 'dispute')
	if (isOutcome(found)) return found
	const donation = found
	const [known] = await tx.select().from(disputes).where(eq(disputes.id, dispute.id)).for('update')
	if (known && known.donationId !== donation.id) {
		return {
			outcome: 'held_for_review',
			note: `dispute ${dispute.id} is recorded for another donation`,
			donationId: donation.id,
			paymentIntentId,
		}
	}
	if (!known) {
		await tx.insert(disputes).values({
			id: dispute.id,
			donationId: donation.id,
			status: dispute.status,
			amountMinor: dispute.amount,
			currency: dispute.currency,
			reason: dispute.reason,
		})
	} else if (disputeProgress[dispute.status] > disputeProgress[known.status]) {
		await tx
			.update(disputes)
			.set({ status: dispute.status, amountMinor: dispute.amount, updatedAt: new Date() })
			.where(eq(disputes.id, dispute.id))
	}
	if (funds) {
		const giftMinor = giftShare(donation, dispute.amount)
		const moved = await recordMovement(tx, {
			kind: funds === 'withdrawn' ? 'dispute_withdrawn' : 'dispute_reinstated',
			amountMinor: funds === 'withdrawn' ? -giftMinor : giftMinor,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: dispute.id,
		})
		await afterMoneyMoved(tx, moved)
	}
	// The status may change without money moving (an inquiry opened or closed).
	await refreshDonationStatus(tx, donation.id)
	return { outcome: 'processed', donationId: donation.id, paymentIntentId, note: `dispute ${dispute.status}` }
}

/** Events that arrived before the payment they concern, oldest first. */
function deferredEvents(tx: Tx, paymentIntentId: string) {
	return tx
		.select()
		.from(stripeEvents)
		.where(and(eq(stripeEvents.paymentIntentId, paymentIntentId), eq(stripeEvents.outcome, 'deferred')))
		.orderBy(asc(stripeEvents.receivedAt))
}

/** Applies, in order, events that arrived before the payment they concern. */
async function replayDeferredEvents(tx: Tx, deferred: StripeEventRow[]) {
	for (const row of deferred) {
		const stored = stripeEventEnvelope.safeParse(row.payload)
		const result: Outcome = stored.success
			? await applyEvent(tx, stored.data)
			: { outcome: 'held_for_review', note: describeParseError('stored Stripe event', stored.error) }
		if (result.outcome === 'deferred') continue
		await tx
			.update(stripeEvents)
			.set({
				outcome: result.outcome,
				note: result.note ?? 'applied after its payment',
				donationId: result.donationId ?? null,
				processedAt: new Date(),
			})
			.where(eq(stripeEvents.id, row.id))
	}
}
