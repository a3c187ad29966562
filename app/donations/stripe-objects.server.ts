import { z } from 'zod'
import { disputeStatus } from '#db/schema.ts'

/*
 * The Stripe objects our webhook handlers read, parsed at the boundary: only
 * the fields we use, each checked, so a handler gets typed values and a
 * signed event of the wrong shape is held for review instead of failing.
 * Everything else Stripe sends is dropped here.
 */

const noNul = (text: string) => !text.includes('\u0000')

/** An id Stripe made (evt_…, cs_…, pi_…, ch_…, dp_…); reconciliation's own event ids add ':'. */
const stripeId = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, { error: 'is not a Stripe id' })
const eventId = z.string().regex(/^[A-Za-z0-9_:.-]{1,255}$/, { error: 'is not a Stripe event id' })

/** A field Stripe may send as an id or, when expanded, as the object itself. */
const expandableId = z
	.union([stripeId, z.object({ id: stripeId })])
	.nullish()
	.transform((value) => (value == null ? null : typeof value === 'string' ? value : value.id))

/** Integer minor units, as Stripe sends every amount. */
const amountMinor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** ISO 4217, which Stripe sends lower-case; we keep currencies upper-case. */
const currency = z
	.string()
	.regex(/^[A-Za-z]{3}$/, { error: 'is not a currency code' })
	.transform((code) => code.toUpperCase())

/** Our metadata (donation_id, campaign_id): Stripe keeps metadata as short strings. */
const metadata = z
	.record(z.string().max(40), z.string().max(500).refine(noNul, { error: 'holds a NUL byte' }))
	.nullish()
	.transform((value) => value ?? {})

export const stripeEventEnvelope = z.object({
	id: eventId,
	type: z.string().regex(/^[a-z0-9_.]{1,100}$/, { error: 'is not a Stripe event type' }),
	data: z.object({ object: z.unknown() }),
})
export type StripeEventEnvelope = z.infer<typeof stripeEventEnvelope>

export const checkoutSessionObject = z.object({
	id: stripeId,
	amount_total: amountMinor,
	currency,
	payment_intent: expandableId,
	payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
	metadata,
})
export type CheckoutSessionObject = z.infer<typeof checkoutSessionObject>

export const chargeObject = z.object({
	id: stripeId,
	/** Cumulative: every refund of the charge so far. */
	amount_refunded: amountMinor,
	currency,
	payment_intent: expandableId,
	metadata,
})
export type ChargeObject = z.infer<typeof chargeObject>

export const disputeObject = z.object({
	id: stripeId,
	amount: amountMinor,
	currency,
	payment_intent: expandableId,
	status: z.enum(disputeStatus.enumValues),
	reason: z
		.string()
		.regex(/^[a-z_]{1,64}$/)
		.nullish()
		.transform((value) => value ?? null),
	metadata,
})
export type DisputeObject = z.infer<typeof disputeObject>

/** A short, storable account of why an object did not parse. */
export function describeParseError(what: string, error: z.ZodError): string {
	const issues = error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'the object'} ${issue.message}`)
	return `malformed ${what}: ${issues.join('; ')}`.replaceAll('\u0000', '').slice(0, 500)
}

const MAX_STORED_DEPTH = 16
/** NUL, and halves of a surrogate pair standing alone. */
const UNSTORABLE_CHARACTERS = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * The event as it can be stored in jsonb and read back by staff: strings
 * without NUL bytes or lone surrogates (PostgreSQL refuses both), nesting cut
 * off below a few levels (no Stripe object is deeper). Parsing happens on the
 * original; this copy is only the record (and what a deferred event replays,
 * through the same parsers).
 */
export function storablePayload(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return value.replace(UNSTORABLE_CHARACTERS, '\uFFFD')
	if (value === null || typeof value !== 'object')
		return typeof value === 'number' && !Number.isFinite(value) ? null : value
	if (depth >= MAX_STORED_DEPTH) return '[nested too deeply to store]'
	if (Array.isArray(value)) return value.map((item) => storablePayload(item, depth + 1))
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [storablePayload(key) as string, storablePayload(item, depth + 1)]),
	)
}
