import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { getJobQueue, queues } from '#app/jobs/queue.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations } from '#db/schema.ts'
import { getStripe, signWebhookPayload } from './stripe.server.ts'
import { type TestOutcome } from './test-outcomes.ts'
import { handleStripeWebhook, type StripeEventLike } from './webhooks.server.ts'

/** The donation behind a test Checkout Session; null when real Stripe is configured. */
export async function getTestCheckout(sessionId: string) {
	if (getStripe() || !sessionId.startsWith('cs_test_local_')) return null
	const [row] = await db()
		.select({ donation: donations, slug: campaigns.slug, title: campaigns.title })
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(eq(donations.stripeCheckoutSessionId, sessionId))
	return row ?? null
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
	const { donation } = checkout
	if (outcome === 'declined') return { ok: true as const, declined: true as const }
	const paymentIntent = donation.stripePaymentIntentId ?? randomId('pi')
	const session = (paymentStatus: 'paid' | 'unpaid') => ({
		id: sessionId,
		object: 'checkout.session',
		amount_total: donation.amountMinor + donation.coverFeeMinor,
		currency: donation.currency.toLowerCase(),
		payment_intent: paymentIntent,
		payment_status: paymentStatus,
		status: 'complete',
		customer_details: { email: donation.donorEmail, name: donation.donorName },
		metadata: { donation_id: donation.id, campaign_id: donation.campaignId },
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
			const amount = donation.amountMinor + donation.coverFeeMinor
			await later(
				event('charge.refunded', {
					id: randomId('ch'),
					object: 'charge',
					amount,
					amount_refunded: amount,
					refunded: true,
					currency: donation.currency.toLowerCase(),
					payment_intent: paymentIntent,
				}),
				4,
			)
			break
		}
	}
	return { ok: true as const, declined: false, slug: checkout.slug }
}
