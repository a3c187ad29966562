import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { db } from '#db/index.server.ts'
import { emailEvents, emails } from '#db/schema.ts'
import { suppressAddress, unsubscribe } from './preferences.server.ts'

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature'
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp'

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

type SendGridEvent = {
	email?: string
	event?: string
	timestamp?: number
	sg_message_id?: string
	sg_event_id?: string
	url?: string
	reason?: string
	email_id?: string
	[key: string]: unknown
}

const SUPPRESSING = new Set(['bounce', 'dropped', 'spamreport'])

/**
 * POST /webhooks/sendgrid: verify, then record each event once. The
 * dedupe key is built from the event's content, because SendGrid may resend
 * an event under a new sg_event_id.
 */
export async function handleSendGridWebhook(rawBody: string, signature: string | null, timestamp: string | null) {
	if (!getEnv().SENDGRID_WEBHOOK_PUBLIC_KEY) return { status: 400, body: { error: 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured' } }
	if (!verifySendGridSignature(rawBody, signature, timestamp)) return { status: 400, body: { error: 'invalid signature' } }
	let events: SendGridEvent[]
	try {
		const parsed: unknown = JSON.parse(rawBody)
		events = Array.isArray(parsed) ? (parsed as SendGridEvent[]) : []
	} catch {
		return { status: 400, body: { error: 'body is not JSON' } }
	}
	let recorded = 0
	for (const event of events) {
		if (typeof event.event !== 'string') continue
		if (await recordProviderEvent(event)) recorded++
	}
	return { status: 200, body: { received: events.length, recorded } }
}

async function recordProviderEvent(event: SendGridEvent): Promise<boolean> {
	const providerMessageId = typeof event.sg_message_id === 'string' ? event.sg_message_id.split('.')[0]! : null
	const dedupeKey = createHash('sha256')
		.update([event.sg_message_id, event.event, event.timestamp, event.url ?? '', event.email ?? ''].join('|'))
		.digest('hex')
	return db().transaction(async (tx) => {
		const emailId = typeof event.email_id === 'string' && /^[0-9a-f-]{36}$/i.test(event.email_id) ? event.email_id : null
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
				event: event.event!,
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
				.set({ status: 'bounced', lastError: String(event.reason ?? event.event).slice(0, 500) })
				.where(sql`${emails.id} = ${email.id} and ${emails.status} in ('sent', 'delivered', 'queued', 'sending')`)
		}
		if (event.email && SUPPRESSING.has(event.event!)) await suppressAddress(tx, event.email, event.event!)
		return true
	}).then(async (recorded) => {
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
