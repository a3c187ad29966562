import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { getJobQueue, queues } from '#app/jobs/queue.server.ts'
import { db } from '#db/index.server.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { feeMetadata, feePagePath, getFeeTestCheckout } from '#app/events/registration-fees.server.ts'
import { campaigns, donations, type EventRegistration } from '#db/schema.ts'
import { getStripe, signWebhookPayload } from './stripe.server.ts'
import { type TestOutcome } from './test-outcomes.ts'
import { handleStripeWebhook, type StripeEventLike } from './webhooks.server.ts'

/**
 * What a test Checkout Session is for: a donation, or a registration fee.
 * Null when real Stripe is configured or no session has this id.
 */
export async function getTestCheckout(sessionId: string) {
	if (getStripe() || !sessionId.startsWith('cs_test_local_')) return null
	const [row] = await db()
		.select({ donation: donations, slug: campaigns.slug, title: campaigns.title })
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(eq(donations.stripeCheckoutSessionId, sessionId))
	if (row) {
		const { donation } = row
		return {
			what: `Donation to ${row.title}`,
			amountMinor: donation.amountMinor + donation.coverFeeMinor,
			currency: donation.currency,
			email: donation.donorEmail,
			name: donation.donorName,
			open: donation.status === 'pending',
			paymentIntentId: donation.stripePaymentIntentId,
			metadata: { donation_id: donation.id, campaign_id: donation.campaignId } as Record<string, string>,
			cancelTo: campaignPath(row.slug, 'donate', { cancelled: donation.id }),
			doneTo: campaignPath(row.slug, 'thank-you', { session_id: sessionId }),
		}
	}
	const fee = await getFeeTestCheckout(sessionId)
	if (!fee) return null
	return {
		what: `Registration fee: ${fee.eventName}`,
		amountMinor: fee.registration.feeMinor ?? 0,
		currency: fee.registration.currency,
		email: fee.email,
		name: fee.name,
		open: fee.registration.status === 'awaiting_fee',
		paymentIntentId: fee.registration.stripePaymentIntentId,
		metadata: fee.metadata as Record<string, string>,
		cancelTo: feePagePath(fee.eventSlug),
		doneTo: `${feePagePath(fee.eventSlug)}?session_id=${sessionId}`,
	}
}

const randomId = (prefix: string) => `${prefix}_test_local_${randomBytes(12).toString('hex')}`

/**
 * Delivers a Stripe-shaped event to the webhook handler exactly as Stripe
 * would: serialised, signed with the webhook secret, verified, processed.
 */
export async function deliverTestEvent(event: StripeEventLike) {
	const payload = JSON.stringify(event)
	const result = await handleStripeWebhook(payload, signWebhookPayload(payload))
	if (result.status !== 200) throw new Error(`test event ${event.id} was refused: ${result.status}`)
	return result
}

/**
 * Plays out the chosen outcome: immediate events now, later ones (async
 * settlement, refunds) as jobs a few seconds on, as Stripe would send them.
 */
export async function completeTestCheckout(sessionId: string, outcome: TestOutcome) {
	const checkout = await getTestCheckout(sessionId)
	if (!checkout) return { ok: false as const }
	if (outcome === 'declined') return { ok: true as const, declined: true as const }
	const paymentIntent = checkout.paymentIntentId ?? randomId('pi')
	const session = (paymentStatus: 'paid' | 'unpaid') => ({
		id: sessionId,
		object: 'checkout.session',
		amount_total: checkout.amountMinor,
		currency: checkout.currency.toLowerCase(),
		payment_intent: paymentIntent,
		payment_status: paymentStatus,
		status: 'complete',
		customer_details: { email: checkout.email, name: checkout.name },
		metadata: checkout.metadata,
	})
	const event = (type: string, object: object): StripeEventLike => ({ id: randomId('evt'), type, data: { object } })
	const later = async (event: StripeEventLike, seconds: number) => {
		await getJobQueue().send(queues.testStripeEvent, { event }, { startAfter: seconds, retryLimit: 5, retryDelay: 1 })
	}
	switch (outcome) {
		case 'succeeds':
			await deliverTestEvent(event('checkout.session.completed', session('paid')))
			break
		case 'async_succeeds':
			await deliverTestEvent(event('checkout.session.completed', session('unpaid')))
			await later(event('checkout.session.async_payment_succeeded', session('paid')), 4)
			break
		case 'async_fails':
			await deliverTestEvent(event('checkout.session.completed', session('unpaid')))
			await later(event('checkout.session.async_payment_failed', session('unpaid')), 4)
			break
		case 'refunded_later': {
			await deliverTestEvent(event('checkout.session.completed', session('paid')))
			await later(event('charge.refunded', chargeObject(paymentIntent, checkout, checkout.amountMinor)), 4)
			break
		}
	}
	return { ok: true as const, declined: false, doneTo: checkout.doneTo }
}

/** A Stripe-shaped charge of a test payment, refunded by `refundedMinor` so far. */
function chargeObject(
	paymentIntent: string,
	payment: { amountMinor: number; currency: string; metadata: Record<string, string> },
	refundedMinor: number,
) {
	return {
		id: `ch_for_${paymentIntent}`,
		object: 'charge',
		amount: payment.amountMinor,
		amount_refunded: refundedMinor,
		refunded: refundedMinor >= payment.amountMinor,
		currency: payment.currency.toLowerCase(),
		payment_intent: paymentIntent,
		metadata: payment.metadata,
	}
}

/**
 * Without Stripe keys, a staff refund of a registration fee is played out as
 * Stripe would report it: a signed charge.refunded through the webhook.
 * Returns the refund's made-up id, for the audit log.
 */
export async function deliverTestFeeRefund(registration: EventRegistration, refundMinor: number) {
	const paymentIntent = registration.stripePaymentIntentId!
	const charge = chargeObject(
		paymentIntent,
		{
			amountMinor: registration.feeMinor ?? 0,
			currency: registration.currency,
			metadata: feeMetadata(registration),
		},
		registration.feeRefundedMinor + refundMinor,
	)
	await deliverTestEvent({ id: randomId('evt'), type: 'charge.refunded', data: { object: charge } })
	return randomId('re')
}
