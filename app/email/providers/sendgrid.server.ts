import { createHash, createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto'
import sendgridClient from '@sendgrid/client'
import { MailService } from '@sendgrid/mail'
import { z } from 'zod'
import { getEnv } from '#app/config/env.server.ts'
import {
	PermanentEmailError,
	type EmailProvider,
	type ProviderEvent,
	type ProviderEventKind,
	type ProviderMessage,
} from '../provider.ts'

/**
 * SendGrid: the v3 Mail Send API through @sendgrid/mail (at SENDGRID_API_BASE)
 * and its signed Event Webhook at /webhooks/sendgrid.
 */

let mailService: { service: MailService; key: string; base: string } | undefined

function mailServiceFor(key: string, base: string) {
	if (mailService?.key === key && mailService.base === base) return mailService.service
	const service = new MailService()
	// A client of our own (the package's default instance is shared process-wide).
	const client = new (sendgridClient.constructor as new () => typeof sendgridClient)()
	// setApiKey resets the base URL, so point the client at its host afterwards.
	client.setApiKey(key)
	client.setDefaultRequest('baseUrl', base)
	service.setClient(client)
	mailService = { service, key, base }
	return service
}

async function send(message: ProviderMessage): Promise<{ messageId: string }> {
	const env = getEnv()
	if (!env.SENDGRID_API_KEY) throw new PermanentEmailError('SENDGRID_API_KEY is not configured')
	try {
		const [response] = await mailServiceFor(env.SENDGRID_API_KEY, env.SENDGRID_API_BASE).send({
			to: message.to,
			from: message.from,
			subject: message.subject,
			text: message.text,
			html: message.html,
			// SendGrid is sent no headers object at all when there are none.
			headers: Object.keys(message.headers).length > 0 ? message.headers : undefined,
			categories: message.categories,
			// Comes back on every event of this message as `email_id`.
			customArgs: { email_id: message.emailId },
		})
		const header = (response.headers as Record<string, string | string[] | undefined>)['x-message-id']
		return { messageId: (Array.isArray(header) ? header[0] : header) ?? `sendgrid-${randomUUID()}` }
	} catch (error) {
		const code = (error as { code?: number }).code
		// A 4xx other than 429 (slow down) will be the same answer next time.
		if (typeof code === 'number' && code >= 400 && code < 500 && code !== 429) {
			throw new PermanentEmailError(`SendGrid refused the message (${code}): ${(error as Error).message}`)
		}
		throw error
	}
}

const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature'
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp'
/**
 * How far a batch's signed timestamp may be from our clock, as Stripe's
 * webhook tolerance: an old, correctly signed batch replayed later is refused.
 */
const SENDGRID_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60

let cachedKey: { source: string; key: KeyObject } | undefined

function publicKey(source: string): KeyObject {
	if (cachedKey?.source === source) return cachedKey.key
	// SendGrid shows the key as base64 DER; a PEM works too.
	const key = source.includes('BEGIN PUBLIC KEY')
		? createPublicKey(source)
		: createPublicKey({ key: Buffer.from(source, 'base64'), format: 'der', type: 'spki' })
	cachedKey = { source, key }
	return key
}

/** SendGrid signs `timestamp + raw body` with ECDSA P-256 / SHA-256. */
function isSignedBySendGrid(key: KeyObject, rawBody: string, signature: string | null, timestamp: string | null) {
	if (!signature || !timestamp) return false
	try {
		return verify('sha256', Buffer.from(timestamp + rawBody), key, Buffer.from(signature, 'base64'))
	} catch {
		return false
	}
}

/** Whether the signed timestamp header is within the tolerance of now. */
function isFresh(timestamp: string | null) {
	if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false
	return Math.abs(Date.now() / 1000 - Number(timestamp)) <= SENDGRID_TIMESTAMP_TOLERANCE_SECONDS
}

function verifyEvents(rawBody: string, headers: Headers) {
	const source = getEnv().SENDGRID_WEBHOOK_PUBLIC_KEY
	if (!source) return { ok: false as const, error: 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured' }
	const timestamp = headers.get(TIMESTAMP_HEADER)
	if (!isSignedBySendGrid(publicKey(source), rawBody, headers.get(SIGNATURE_HEADER), timestamp))
		return { ok: false as const, error: 'invalid signature' }
	if (!isFresh(timestamp))
		return { ok: false as const, error: `timestamp more than ${SENDGRID_TIMESTAMP_TOLERANCE_SECONDS} seconds from now` }
	return { ok: true as const }
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

/** SendGrid's event names in ours (a Map: an event named "constructor" must not find Object's). */
const kindOf = new Map<string, ProviderEventKind>([
	['processed', 'processed'],
	['deferred', 'deferred'],
	['delivered', 'delivered'],
	['bounce', 'bounce'],
	['dropped', 'dropped'],
	['spamreport', 'spamreport'],
	['unsubscribe', 'unsubscribe'],
	// Unsubscribe groups are the same to us: the address leaves everything optional.
	['group_unsubscribe', 'unsubscribe'],
	['group_resubscribe', 'resubscribe'],
	['open', 'open'],
	['click', 'click'],
])

function normalise(event: SendGridEvent): ProviderEvent {
	return {
		emailId: event.email_id ?? null,
		// `sg_message_id` is the X-Message-Id send returned plus a filter suffix.
		providerMessageId: event.sg_message_id?.split('.')[0] ?? null,
		event: kindOf.get(event.event) ?? 'other',
		occurredAt: new Date((event.timestamp ?? Date.now() / 1000) * 1000),
		email: event.email ?? null,
		reason: typeof event.reason === 'string' ? event.reason : null,
		url: event.url ?? null,
		// Built from the event's content, because SendGrid may resend an event under a new sg_event_id.
		dedupeKey: createHash('sha256')
			.update([event.sg_message_id, event.event, event.timestamp, event.url ?? '', event.email ?? ''].join('|'))
			.digest('hex'),
		payload: event,
	}
}

function parseEvents(rawBody: string) {
	let batch: unknown
	try {
		batch = JSON.parse(rawBody)
	} catch {
		return { ok: false as const, error: 'body is not JSON' }
	}
	const candidates: unknown[] = Array.isArray(batch) ? batch : []
	const events: ProviderEvent[] = []
	for (const candidate of candidates) {
		const event = sendGridEventSchema.safeParse(candidate)
		if (event.success) events.push(normalise(event.data))
	}
	return { ok: true as const, received: candidates.length, events, skipped: candidates.length - events.length }
}

export const sendGridProvider: EmailProvider = {
	name: 'sendgrid',
	label: 'SendGrid',
	isConfigured: () => Boolean(getEnv().SENDGRID_API_KEY),
	send,
	events: { signatureHeader: SIGNATURE_HEADER, verifyEvents, parseEvents },
}
