import { randomUUID } from 'node:crypto'
import { data, redirect } from '@remix-run/node'
import { and, eq } from 'drizzle-orm'
import { publishCampaign } from '#app/campaigns/manage.server.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { getStripe } from '#app/donations/stripe.server.ts'
import {
	type ChargeObject,
	type CheckoutSessionObject,
	type DisputeObject,
} from '#app/donations/stripe-objects.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { newFormToken, readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { formatMoney } from '#app/utils/money.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, eventRegistrations, events, people, type EventRegistration, type Person } from '#db/schema.ts'
import { queueEventJoinEmails } from './event-emails.server.ts'
import { eventPath } from './kinds.ts'

/*
 * The registration fee is event income, not fundraising: it is paid through
 * its own Checkout Session, marked in the session's metadata, and recorded
 * only on the registration (amount, currency, payment, refunds). Nothing here
 * ever writes money_movements, so no page, team or event total and no
 * money:check figure can include a fee; Gift Aid never sees it either.
 */

/** The metadata `purpose` that tells our webhook a Checkout Session or charge is a registration fee. */
export const REGISTRATION_FEE_PURPOSE = 'registration_fee'

/** What a webhook handler tells the event log (the same shape the donation handlers return). */
export type FeeOutcome = {
	outcome: 'processed' | 'deferred' | 'held_for_review'
	note?: string
	paymentIntentId?: string | null
}

export const feePagePath = (eventSlug: string) => `${eventPath(eventSlug)}/fee`

export const feeMetadata = (registration: EventRegistration) => ({
	purpose: REGISTRATION_FEE_PURPOSE,
	registration_id: registration.id,
	event_id: registration.eventId,
	campaign_id: registration.campaignId,
})

/** Whether a Stripe object (session or charge) says it is a registration fee. */
export const isRegistrationFee = (object: { metadata: Record<string, string> }) =>
	object.metadata.purpose === REGISTRATION_FEE_PURPOSE

/** The signed-in person's registration in the event with the given slug, with what the fee page shows. */
export async function getFeeRegistration(eventSlug: string, personId: string) {
	const [row] = await db()
		.select({ registration: eventRegistrations, eventName: events.name, eventSlug: events.slug })
		.from(eventRegistrations)
		.innerJoin(events, eq(events.id, eventRegistrations.eventId))
		.where(and(eq(events.slug, eventSlug.toLowerCase()), eq(eventRegistrations.personId, personId)))
	return row ?? null
}

export type StartFeeResult = { ok: true; redirectTo: string } | { ok: false; status: number; message: string }

/**
 * Opens a Checkout Session for the person's unpaid registration fee (or the
 * built-in test checkout without Stripe keys). The idempotency key carries
 * the form's one-time token: a resent form reopens the same session, a new
 * press of the button opens a new one (an abandoned session cannot be reused).
 */
export async function startFeeCheckout(person: Person, eventSlug: string, token: string): Promise<StartFeeResult> {
	const found = await getFeeRegistration(eventSlug, person.id)
	if (!found) return { ok: false, status: 404, message: 'You have not joined this event.' }
	const { registration } = found
	if (registration.status !== 'awaiting_fee' || !registration.feeMinor)
		return { ok: false, status: 400, message: 'Your registration fee is already paid.' }
	const stripe = getStripe()
	let sessionId: string
	let redirectTo: string
	if (!stripe) {
		// No Stripe account configured: the built-in test checkout stands in.
		sessionId = `cs_test_local_${randomUUID().replace(/-/g, '')}`
		redirectTo = `/test-checkout/${sessionId}`
	} else {
		const env = getEnv()
		const back = `${env.APP_URL}${feePagePath(found.eventSlug)}`
		try {
			const metadata = feeMetadata(registration)
			const session = await stripe.checkout.sessions.create(
				{
					mode: 'payment',
					line_items: [
						{
							quantity: 1,
							price_data: {
								currency: registration.currency.toLowerCase(),
								unit_amount: registration.feeMinor,
								product_data: { name: `Registration fee: ${found.eventName}`.slice(0, 250) },
							},
						},
					],
					customer_email: person.email,
					metadata,
					payment_intent_data: { metadata },
					// Stripe fills in {CHECKOUT_SESSION_ID}, so the placeholder is appended unencoded.
					success_url: `${back}?session_id={CHECKOUT_SESSION_ID}`,
					cancel_url: back,
				},
				{ idempotencyKey: `registration-fee-${registration.id}-${token}` },
			)
			if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
			sessionId = session.id
			redirectTo = session.url
		} catch (error) {
			console.warn('[events] could not open Stripe Checkout for a registration fee:', (error as Error).message)
			return {
				ok: false,
				status: 503,
				message: 'We could not reach our payment provider. Please try again in a moment.',
			}
		}
	}
	await db()
		.update(eventRegistrations)
		.set({ stripeCheckoutSessionId: sessionId })
		.where(and(eq(eventRegistrations.id, registration.id), eq(eventRegistrations.status, 'awaiting_fee')))
	return { ok: true, redirectTo }
}

/** The registration behind a test Checkout Session, for the built-in test checkout. */
export async function getFeeTestCheckout(sessionId: string) {
	const [row] = await db()
		.select({
			registration: eventRegistrations,
			eventName: events.name,
			eventSlug: events.slug,
			email: people.email,
			name: people.firstName,
		})
		.from(eventRegistrations)
		.innerJoin(events, eq(events.id, eventRegistrations.eventId))
		.innerJoin(people, eq(people.id, eventRegistrations.personId))
		.where(eq(eventRegistrations.stripeCheckoutSessionId, sessionId))
	if (!row) return null
	return { ...row, metadata: feeMetadata(row.registration) }
}

/** Finds and locks the registration a fee session or charge names (by our id, then by its payment). */
async function lockRegistration(tx: Tx, ref: { registrationId?: string; paymentIntentId?: string | null }) {
	const conditions = [
		isUuid(ref.registrationId) ? eq(eventRegistrations.id, ref.registrationId) : undefined,
		ref.paymentIntentId ? eq(eventRegistrations.stripePaymentIntentId, ref.paymentIntentId) : undefined,
	].filter(Boolean)
	for (const condition of conditions) {
		const [row] = await tx.select().from(eventRegistrations).where(condition).for('update')
		if (row) return row
	}
	return null
}

/** Whether a charge is a registration fee's payment we know, so its refund is never taken for a donation's. */
export async function isKnownFeePayment(tx: Tx, paymentIntentId: string | null) {
	if (!paymentIntentId) return false
	const [row] = await tx
		.select({ id: eventRegistrations.id })
		.from(eventRegistrations)
		.where(eq(eventRegistrations.stripePaymentIntentId, paymentIntentId))
	return Boolean(row)
}

/**
 * A fee session completed (or its slower payment settled). The first report
 * of the payment marks the registration paid, records the amount and payment
 * and publishes the page, under the registration's row lock; any later report
 * of the same payment (a redelivery, the other event type) changes nothing. A
 * second, different payment for a paid registration is held for a person.
 */
export async function recordFeeSessionPayment(
	tx: Tx,
	session: CheckoutSessionObject,
	settled: boolean,
): Promise<FeeOutcome> {
	const paymentIntentId = session.payment_intent
	const registration = await lockRegistration(tx, { registrationId: session.metadata.registration_id })
	if (!registration)
		return { outcome: 'held_for_review', note: 'no registration matches this fee session', paymentIntentId }
	if (session.amount_total !== registration.feeMinor)
		return {
			outcome: 'held_for_review',
			note: `fee amount ${session.amount_total} does not match the expected ${registration.feeMinor}`,
			paymentIntentId,
		}
	if (session.currency !== registration.currency.toUpperCase())
		return {
			outcome: 'held_for_review',
			note: `fee currency ${session.currency.toLowerCase()} does not match ${registration.currency}`,
			paymentIntentId,
		}
	if (registration.status === 'paid' || registration.status === 'fee_refunded') {
		if (paymentIntentId && registration.stripePaymentIntentId === paymentIntentId)
			return { outcome: 'processed', note: 'fee already recorded', paymentIntentId }
		return {
			outcome: 'held_for_review',
			note: `the registration's fee is already paid by ${registration.stripePaymentIntentId}; this event names another payment, ${paymentIntentId}`,
			paymentIntentId,
		}
	}
	if (registration.status !== 'awaiting_fee')
		return { outcome: 'held_for_review', note: 'a fee payment for a registration without a fee', paymentIntentId }
	if (!settled) return { outcome: 'processed', note: 'fee payment not settled yet', paymentIntentId }
	if (!paymentIntentId) return { outcome: 'held_for_review', note: 'a paid fee session without a payment' }
	await tx
		.update(eventRegistrations)
		.set({
			status: 'paid',
			stripeCheckoutSessionId: session.id,
			stripePaymentIntentId: paymentIntentId,
			feePaidAt: new Date(),
		})
		.where(eq(eventRegistrations.id, registration.id))
	const [page] = await tx.select().from(campaigns).where(eq(campaigns.id, registration.campaignId))
	if (page) await publishCampaign(page, tx)
	await queueEventJoinEmails(tx, registration.campaignId)
	return { outcome: 'processed', paymentIntentId }
}

/**
 * charge.refunded for a fee payment: Stripe's cumulative refunded amount is
 * kept (never lowered, so reordered events end the same) and a fee refunded
 * in full marks the registration fee_refunded. The page stays live. A refund
 * that arrives before its payment is deferred and replayed with the payment.
 */
export async function recordFeeRefunded(tx: Tx, charge: ChargeObject): Promise<FeeOutcome> {
	const paymentIntentId = charge.payment_intent
	const registration = await lockPaidRegistration(tx, charge, 'refund')
	if (isFeeOutcome(registration)) return registration
	const refundedMinor = Math.max(registration.feeRefundedMinor, charge.amount_refunded)
	if (refundedMinor === registration.feeRefundedMinor)
		return { outcome: 'processed', note: 'fee refund already recorded', paymentIntentId }
	const full = refundedMinor >= (registration.feeMinor ?? 0)
	await tx
		.update(eventRegistrations)
		.set({
			feeRefundedMinor: refundedMinor,
			...(full ? { status: 'fee_refunded' as const, feeRefundedAt: new Date() } : {}),
		})
		.where(eq(eventRegistrations.id, registration.id))
	return { outcome: 'processed', note: full ? 'fee refunded' : 'fee partly refunded', paymentIntentId }
}

/**
 * A dispute of a fee payment (every charge.dispute.* event): a fee is never in
 * the money record, so nothing moves and the registration is left as it is;
 * the event is recorded with the dispute's status in its note and listed for
 * staff with the fee disputes (Staff → Payments), who answer it in Stripe.
 * One that arrives before the fee's payment is deferred and replayed with it,
 * like a refund.
 */
export async function recordFeeDispute(tx: Tx, dispute: DisputeObject): Promise<FeeOutcome> {
	const registration = await lockPaidRegistration(tx, dispute, 'dispute')
	if (isFeeOutcome(registration)) return registration
	return {
		outcome: 'processed',
		note: `registration fee dispute ${dispute.status}`,
		paymentIntentId: dispute.payment_intent,
	}
}

const isFeeOutcome = (value: EventRegistration | FeeOutcome): value is FeeOutcome => 'outcome' in value

/**
 * Finds and locks the paid registration a fee's refund or dispute concerns,
 * and checks it is that payment, in its currency. Returns the registration,
 * or the outcome to record instead (deferred until the payment is recorded,
 * or held for review).
 */
async function lockPaidRegistration(
	tx: Tx,
	object: { payment_intent: string | null; metadata: Record<string, string>; currency: string },
	what: 'refund' | 'dispute',
): Promise<EventRegistration | FeeOutcome> {
	const paymentIntentId = object.payment_intent
	const registration = await lockRegistration(tx, { paymentIntentId, registrationId: object.metadata.registration_id })
	if (!registration || registration.status === 'awaiting_fee' || !registration.stripePaymentIntentId)
		return { outcome: 'deferred', note: `fee ${what} of a payment not recorded yet`, paymentIntentId }
	if (registration.stripePaymentIntentId !== paymentIntentId)
		return { outcome: 'held_for_review', note: `fee ${what} of another payment than the one recorded`, paymentIntentId }
	if (object.currency !== registration.currency.toUpperCase())
		return { outcome: 'held_for_review', note: `fee ${what} currency does not match`, paymentIntentId }
	return registration
}

/** The fee page: what the signed-in participant owes, or that it is paid (their page is then live). */
export async function loadFeePage(request: Request, eventSlug: string) {
	const person = await requireSessionPerson(request)
	const found = await getFeeRegistration(eventSlug, person.id)
	if (!found) throw data({ error: 'You have not joined this event.' }, { status: 404 })
	const { registration } = found
	return {
		eventName: found.eventName,
		eventSlug: found.eventSlug,
		campaignId: registration.campaignId,
		status: registration.status,
		fee: formatMoney(registration.feeMinor ?? 0, registration.currency, getCharity().locale),
		// Back from Checkout before the webhook arrived: the page goes live in a moment.
		returnedFromCheckout: new URL(request.url).searchParams.has('session_id'),
		formToken: newFormToken(),
	}
}

/** "Pay the registration fee": off to Checkout, or the reason why not beside the button. */
export async function submitFeePayment(request: Request, eventSlug: string) {
	const person = await requireSessionPerson(request)
	const token = readFormToken(await readFormData(request))
	if (!token) return data({ error: STALE_FORM_MESSAGE }, { status: 400 })
	const started = await startFeeCheckout(person, eventSlug, token)
	if (!started.ok) return data({ error: started.message }, { status: started.status })
	return redirect(started.redirectTo, 303)
}
