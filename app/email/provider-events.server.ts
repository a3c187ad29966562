import { isUuid } from '#app/utils/ids.ts'
import { eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { emailEvents, emails } from '#db/schema.ts'
import { type ProviderEvent, type ProviderEventKind, type ProviderEventWebhook } from './provider.ts'
import { suppressAddress, unsubscribe } from './preferences.server.ts'

const SUPPRESSING: ReadonlySet<ProviderEventKind> = new Set(['bounce', 'dropped', 'spamreport'])

/**
 * POST /webhooks/<provider>: the provider verifies the batch and turns it
 * into our events, then each is recorded once (on the provider's dedupe key,
 * since providers resend events). A refused batch answers 400; events that do
 * not fit are skipped and counted, never a 500 that would be retried for days.
 */
export async function recordProviderEvents(webhook: ProviderEventWebhook, rawBody: string, headers: Headers) {
	const verified = webhook.verifyEvents(rawBody, headers)
	if (!verified.ok) return { status: 400, body: { error: verified.error } }
	const parsed = webhook.parseEvents(rawBody)
	if (!parsed.ok) return { status: 400, body: { error: parsed.error } }
	let recorded = 0
	for (const event of parsed.events) if (await recordProviderEvent(event)) recorded++
	return { status: 200, body: { received: parsed.received, recorded, skipped: parsed.skipped } }
}

async function recordProviderEvent(event: ProviderEvent): Promise<boolean> {
	return db()
		.transaction(async (tx) => {
			// Only an id shaped like ours reaches the uuid column.
			const emailId = isUuid(event.emailId) ? event.emailId : null
			const [email] = emailId
				? await tx.select().from(emails).where(eq(emails.id, emailId))
				: event.providerMessageId
					? await tx.select().from(emails).where(eq(emails.providerMessageId, event.providerMessageId))
					: []
			const inserted = await tx
				.insert(emailEvents)
				.values({
					emailId: email?.id ?? null,
					providerMessageId: event.providerMessageId,
					event: event.event,
					dedupeKey: event.dedupeKey,
					occurredAt: event.occurredAt,
					payload: event.payload,
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
					.set({ status: 'bounced', lastError: (event.reason ?? event.event).slice(0, 500) })
					.where(sql`${emails.id} = ${email.id} and ${emails.status} in ('sent', 'delivered', 'queued', 'sending')`)
			}
			if (event.email && SUPPRESSING.has(event.event)) await suppressAddress(tx, event.email, event.event)
			return true
		})
		.then(async (recorded) => {
			// An unsubscribe through the provider's own links stops everything optional, like ours.
			if (recorded && event.email && event.event === 'unsubscribe') await unsubscribe(event.email, 'all')
			return recorded
		})
}

/** Every email with its provider events, newest first, for staff and tests. */
export async function listEmailEvents(emailIds: string[]) {
	if (emailIds.length === 0) return []
	return db().select().from(emailEvents).where(inArray(emailEvents.emailId, emailIds))
}
