import Stripe from 'stripe'
import { getEnv } from '#app/config/env.server.ts'

let cached: { key: string; base: string; client: Stripe } | undefined

/**
 * The Stripe SDK for the configured account, pointed at STRIPE_API_BASE
 * (Stripe itself, or a local stand-in). Null without STRIPE_SECRET_KEY: the
 * app then uses its built-in test checkout.
 */
export function getStripe(): Stripe | null {
	const env = getEnv()
	if (!env.STRIPE_SECRET_KEY) return null
	if (cached?.key === env.STRIPE_SECRET_KEY && cached.base === env.STRIPE_API_BASE) return cached.client
	const base = new URL(env.STRIPE_API_BASE)
	const client = new Stripe(env.STRIPE_SECRET_KEY, {
		host: base.hostname,
		port: base.port ? Number(base.port) : base.protocol === 'https:' ? 443 : 80,
		protocol: base.protocol.replace(':', '') as 'http' | 'https',
		maxNetworkRetries: 2,
		timeout: 20_000,
		appInfo: { name: 'justice-fundraising' },
	})
	cached = { key: env.STRIPE_SECRET_KEY, base: env.STRIPE_API_BASE, client }
	return client
}

// Signature checks need no account; a client without a key does them.
const offline = new Stripe('sk_offline_signature_checks_only')

/** Verifies a webhook's signature (Stripe's default 300 s tolerance) and parses it. */
export function constructWebhookEvent(rawBody: string, signature: string): Stripe.Event {
	return offline.webhooks.constructEvent(rawBody, signature, getEnv().STRIPE_WEBHOOK_SECRET)
}

/** Signs a payload as Stripe would; used by the test checkout and by tests. */
export function signWebhookPayload(payload: string, timestamp?: number): string {
	return offline.webhooks.generateTestHeaderString({ payload, secret: getEnv().STRIPE_WEBHOOK_SECRET, timestamp })
}
