import { getEnv } from '#app/config/env.server.ts'
import { REGISTRATION_FEE_PURPOSE } from '#app/events/registration-fees.server.ts'
import { getStripe } from './stripe.server.ts'
import { processStripeEvent } from './webhooks.server.ts'

/**
 * Asks Stripe for the recent Checkout Sessions (gifts and registration fees) and refunds and feeds each
 * through the webhook's own handlers as a synthetic event. Movements are
 * unique per payment and per refund level, so running it any number of times
 * adds only what was missed.
 */
export async function reconcileStripe(options: { days?: number } = {}) {
	const stripe = getStripe()
	if (!stripe)
		return {
			sessions: 0,
			refunds: 0,
			recorded: 0,
			summary: 'no STRIPE_SECRET_KEY: nothing to reconcile (test checkout only)',
		}
	const since = Math.floor(Date.now() / 1000) - (options.days ?? getEnv().RECONCILE_DAYS) * 86_400
	let sessions = 0
	let refunds = 0
	let recorded = 0
	for await (const session of stripe.checkout.sessions.list({ created: { gte: since }, limit: 100 })) {
		const ours = session.metadata?.donation_id || session.metadata?.purpose === REGISTRATION_FEE_PURPOSE
		if (!ours || session.status !== 'complete') continue
		sessions++
		// A completed session is handled as Stripe's own completion event would be.
		const result = await processStripeEvent({
			id: `reconcile:${session.id}:${session.payment_status}`,
			type: 'checkout.session.completed',
			data: { object: session },
		})
		if (!result.duplicate) recorded++
	}
	for await (const refund of stripe.refunds.list({ created: { gte: since }, limit: 100 })) {
		if (!refund.charge || refund.status === 'failed' || refund.status === 'canceled') continue
		refunds++
		const charge = await stripe.charges.retrieve(typeof refund.charge === 'string' ? refund.charge : refund.charge.id)
		const result = await processStripeEvent({
			id: `reconcile:${charge.id}:refunded:${charge.amount_refunded}`,
			type: 'charge.refunded',
			data: { object: charge },
		})
		if (!result.duplicate) recorded++
	}
	return {
		sessions,
		refunds,
		recorded,
		summary: `checked ${sessions} paid sessions and ${refunds} refunds; ${recorded} new events applied`,
	}
}
