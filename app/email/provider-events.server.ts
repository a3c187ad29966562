import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getEnv } from '#app/config/env.server.ts'
import { db } from '#db/index.server.ts'
import { emailEvents, emails } from '#db/schema.ts'
import { suppressAddress, unsubscribe } from './preferences.server.ts'

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature'
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp'
/**
 * How far a batch's signed timestamp may be from our clock, as Stripe's
 * webhook tolerance: an old, correctly signed batch replayed later is refused.
 */
export const SENDGRID_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60

let cachedKey: { source: string; key: KeyObject } | undefined

function publicKey(): KeyObject | null {
	const source = getEnv().SENDGRID_WEBHOOK_PUBLIC_KEY
	if (!source) return null
	if (cachedKey?.source === source) return cachedKey.key
	// SendGrid shows the key as base64 DER; a PEM works too.
	const key = source.includes('BEGIN PUBLIC KEY')
		? createPublicKey(source)
		: createPublicKey({ key: Buffer.from(source, 'base64'), format: 'der', type: 'spki' })
	cachedKey = { source, key }
	return key
}

/** SendGrid signs `timestamp + raw body` with ECDSA P-256 / SHA-256. */
export function verifySendGridSignature(rawBody: string, signature: string | null, timestamp: string | null): boolean {
	const key = publicKey()
	if (!key || !signature || !timestamp) return false
	try {
		return verify('sha256', Buffer.from(timestamp + rawBody), key, Buffer.from(signature, 'base64'))
	} catch {
		return false
	}
}

/** C0 control characters: PostgreSQL refuses NUL in text and in jsonb, and no address or id holds one. */
const CONTROL_CHARACTERS = /\p{Cc}/u
const providerText = (max: number) =>
	z
		.string()
		.max(max)
		.refine((value) => !CONTROL_CHARACTERS.test(value))
/** Seconds since 1970, up to a day ahead of us (a clock a little fast). */
const eventTime = z
	.number()
	.int()
	.min(0)
	.refine((seconds) => seconds <= Date.now() / 1000 + 86_400)

/**
 * One event of a batch, as far as we use it; the rest is kept as sent. An
 * event that does not fit is skipped (and counted), never a 500 — SendGrid
 * would otherwise retry the whole batch for a day.
 */
const sendGridEventSchema = z
	.looseObject({
		event: providerText(64).min(1),
		email: providerText(320).optional(),
		timestamp: eventTime.optional(),
		sg_message_id: providerText(255).optional(),
		sg_event_id: providerText(255).optional(),
		url: z.string().max(4000).optional(),
		reason: z.unknown().optional(),
		email_id: providerText(64).optional(),
	})
	// The whole event is stored as jsonb, which cannot hold a NUL anywhere.
	.refine((event) => !JSON.stringify(event).includes('\\u0000'))

type SendGridEvent = z.infer<typeof sendGridEventSchema>

/** Whether the signed timestamp header is within the tolerance of now. */
function isFresh(timestamp: string | null) {
	if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false
	return Math.abs(Date.now() / 1000 - Number(timestamp)) <= SENDGRID_TIMESTAMP_TOLERANCE_SECONDS
}

const SUPPRESSING = new Set(['bounce', 'dropped', 'spamreport'])

/**
 * POST /webhooks/sendgrid: verify, then record each event once. The
 * dedupe key is built from the event's content, because SendGrid may resend
 * an event under a new sg_event_id.
 */
export async function handleSendGridWebhook(rawBody: string, signature: string | null, timestamp: string | null) {
	if (!getEnv().SENDGRID_WEBHOOK_PUBLIC_KEY)
		return { status: 400, body: { error: 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured' } }
	if (!verifySendGridSignature(rawBody, signature, timestamp))
		return { status: 400, body: { error: 'invalid signature' } }
	if (!isFresh(timestamp)) {
		return {
			status: 400,
			body: { error: `timestamp more than ${SENDGRID_TIMESTAMP_TOLERANCE_SECONDS} seconds from now` },
		}
	}
	let batch: unknown
	try {
		batch = JSON.parse(rawBody)
	} catch {
		return { status: 400, body: { error: 'body is not JSON' } }
	}
	const events = Array.isArray(batch) ? batch : []
	let recorded = 0
	let skipped = 0
	for (const candidate of events) {
		const event = sendGridEventSchema.safeParse(candidate)
		if (!event.success) skipped++
		else if (await recordProviderEvent(event.data)) recorded++
	}
	return { status: 200, body: { received: events.length, recorded, skipped } }
}

async function recordProviderEvent(event: SendGridEvent): Promise<boolean> {
	const providerMessageId = typeof event.sg_message_id === 'string' ? event.sg_message_id.split('.')[0]! : null
	const dedupeKey = createHash('sha256')
		.update([event.sg_message_id, event.event, event.timestamp, event.url ?? '', event.email ?? ''].join('|'))
		.digest('hex')
	return db()
		.transaction(async (tx) => {
			const emailId =
				typeof event.email_id === 'string' && /^[0-9a-f-]{36}$/i.test(event.email_id) ? event.email_id : null
			const [email] = emailId
				? await tx.select().from(emails).where(eq(emails.id, emailId))
				: providerMessageId
					? await tx.select().from(emails).where(eq(emails.providerMessageId, providerMessageId))
					: []
			const inserted = await tx
				.insert(emailEvents)
				.values({
					emailId: email?.id ?? null,
					providerMessageId,
					event: event.event,
					dedupeKey,
					occurredAt: new Date((event.timestamp ?? Date.now() / 1000) * 1000),
					payload: event,
				})
				.onConflictDoNothing()
				.returning({ id: emailEvents.id })
			if (inserted.length === 0) return false
			// 'sending': the provider took it but the worker died before recording so.
			if (email && event.event === 'delivered' && (email.status === 'sent' || email.status === 'sending')) {
				await tx.update(emails).set({ status: 'delivered' }).where(eq(emails.id, email.id))
			}
			if (email && (event.event === 'bounce' || event.event === 'dropped')) {
				await tx
					.update(emails)
					.set({
						status: 'bounced',
						lastError: (typeof event.reason === 'string' ? event.reason : event.event).slice(0, 500),
					})
					.where(sql`${emails.id} = ${email.id} and ${emails.status} in ('sent', 'delivered', 'queued', 'sending')`)
			}
			if (event.email && SUPPRESSING.has(event.event)) await suppressAddress(tx, event.email, event.event)
			return true
		})
		.then(async (recorded) => {
			// An unsubscribe through SendGrid's own links stops everything optional, like ours.
			if (recorded && event.email && (event.event === 'unsubscribe' || event.event === 'group_unsubscribe')) {
				await unsubscribe(event.email, 'all')
			}
			return recorded
		})
}

/** Every email with its provider events, newest first, for staff and tests. */
export async function listEmailEvents(emailIds: string[]) {
	if (emailIds.length === 0) return []
	return db().select().from(emailEvents).where(inArray(emailEvents.emailId, emailIds))
}
