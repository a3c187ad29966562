import { and, eq, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { enqueueAllInTransaction, queues, type JobToEnqueue } from '#app/jobs/queue.server.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { emailEvents, emails } from '#db/schema.ts'
import { emailTemplates, type EmailTemplateData, type EmailTemplateName } from '#emails/index.ts'
import {
	mayReceive,
	optionalCategories,
	unsubscribeLinks,
	type EmailCategory,
	type OptionalCategory,
} from './preferences.server.ts'
import { PermanentEmailError } from './provider.ts'
import { emailProvider } from './providers/index.server.ts'

/** One email to queue: `causeKey` identifies its cause, and queueing the same cause twice sends once. */
export type EmailToQueue<T extends EmailTemplateName = EmailTemplateName> = {
	template: T
	causeKey: string
	to: string
	personId?: string | null
	data: EmailTemplateData[T]
	/** transactional (default: always sent), coaching, updates, news or staff. */
	category?: EmailCategory
	/** A timed email: kept as scheduled until then, released by the dispatcher. */
	sendAfter?: Date
	sequence?: string
	campaignId?: string | null
	/** Record the cause without sending (e.g. a milestone passed over by a higher one). */
	skip?: boolean
}

/**
 * Queues an email inside the transaction of the change that causes it.
 * Returns the email's id, or null when that cause was already queued.
 */
export async function queueEmail<T extends EmailTemplateName>(tx: Tx, email: EmailToQueue<T>): Promise<string | null> {
	const [id] = await queueEmails(tx, [email])
	return id ?? null
}

/**
 * Queues several emails of one change in one insert and one enqueue (a
 * counted gift's receipt and notice are queued while the campaign's lock is
 * held). Returns each email's id, in order, or null for a cause already
 * queued (or an email not sent: opted out, passed over).
 */
export async function queueEmails(tx: Tx, batch: EmailToQueue[]): Promise<(string | null)[]> {
	if (batch.length === 0) return []
	const planned = []
	for (const email of batch) {
		const category = email.category ?? 'transactional'
		const allowed = !email.skip && (await mayReceive(tx, category, email.to))
		const status = !allowed ? 'cancelled' : email.sendAfter ? 'scheduled' : 'queued'
		planned.push({ email, category, allowed, status } as const)
	}
	const rows = await tx
		.insert(emails)
		.values(
			planned.map(({ email, category, allowed, status }) => ({
				template: email.template,
				causeKey: email.causeKey,
				toEmail: email.to,
				personId: email.personId ?? null,
				data: email.data,
				category,
				status,
				sendAfter: email.sendAfter ?? null,
				sequence: email.sequence ?? null,
				campaignId: email.campaignId ?? null,
				lastError: allowed ? null : email.skip ? 'passed over' : 'recipient opted out',
			})),
		)
		.onConflictDoNothing({ target: emails.causeKey })
		.returning({ id: emails.id, causeKey: emails.causeKey })
	const idOf = new Map(rows.map((row) => [row.causeKey, row.id]))
	await enqueueAllInTransaction(
		tx,
		planned.flatMap(({ email, category, status }) => {
			const id = idOf.get(email.causeKey)
			return id && status === 'queued' ? [emailJob({ id, template: email.template, category })] : []
		}),
	)
	return planned.map(({ email, status }) => (status === 'cancelled' ? null : (idOf.get(email.causeKey) ?? null)))
}

/** Moves a scheduled email to the send queue, in the caller's transaction. */
export async function releaseScheduledEmail(tx: Tx, emailId: string) {
	const [row] = await tx
		.update(emails)
		.set({ status: 'queued' })
		.where(and(eq(emails.id, emailId), eq(emails.status, 'scheduled')))
		.returning({ id: emails.id, template: emails.template, category: emails.category })
	if (row) await enqueueEmailJob(tx, row)
	return Boolean(row)
}

/** Sign-in codes jump the transactional queue: at a peak, people must still be able to sign in. */
const urgentTemplates: ReadonlySet<string> = new Set(['sign-in-code'])

/**
 * Puts an email on the send queue inside `tx`: transactional mail on its own
 * queue (sign-in codes first), optional mail on the bulk queue. `jobId` is the
 * email's id unless a fresh job is wanted (a staff retry of a failed email).
 */
export async function enqueueEmailJob(
	tx: Tx,
	email: { id: string; template: string; category: string },
	jobId: string = email.id,
) {
	await enqueueAllInTransaction(tx, [emailJob(email, jobId)])
}

/** The send job of an email: which queue, and its place in it. */
function emailJob(email: { id: string; template: string; category: string }, jobId: string = email.id): JobToEnqueue {
	const queue =
		email.category === 'transactional' || email.category === 'staff' ? queues.sendEmail : queues.sendBulkEmail
	return { queue, data: { emailId: email.id }, jobId, priority: urgentTemplates.has(email.template) ? 10 : 0 }
}

/**
 * Transactional emails that still offer a way out of what follows them: the
 * welcome (the guide they asked for) and "your page is live" lead into
 * coaching, so they carry its one-click unsubscribe.
 */
const unsubscribeScopeOf: Partial<Record<string, OptionalCategory>> = {
	'signup-welcome': 'coaching',
	'campaign-live': 'coaching',
}

/** Template data fields that are secrets: kept only until the email has gone. */
const secretFieldsOf: Partial<Record<string, string[]>> = {
	'sign-in-code': ['code', 'linkToken'],
}

function redact(data: unknown, fields: string[]) {
	const copy = { ...(data as Record<string, unknown>) }
	for (const field of fields) if (field in copy) copy[field] = '[sent]'
	return copy
}

/**
 * The worker's side: renders and sends one queued email. An email already
 * sent is never sent again; a failure is recorded and rethrown so the queue
 * retries it with back-off; after the last retry it is marked failed.
 *
 * The row is claimed as `sending` (attempt counted) before the provider is
 * called and marked `sent` with the provider's id straight after, so the only
 * window for a duplicate is a crash between the provider accepting and that
 * update. A retry that finds the row still `sending` first asks whether the
 * provider has reported anything about it (its events carry our email id):
 * if so the email went and is marked sent instead of being sent again.
 */
export async function deliverQueuedEmail(emailId: string, attempt: { isLastAttempt: boolean }) {
	const [email] = await db().select().from(emails).where(eq(emails.id, emailId))
	if (!email) return { outcome: 'missing' as const }
	if (email.status !== 'queued' && email.status !== 'sending') return { outcome: 'already-handled' as const }
	if (email.status === 'sending' && (await providerReportedOn(emailId))) {
		await db()
			.update(emails)
			.set({ status: 'sent', sentAt: new Date() })
			.where(and(eq(emails.id, emailId), eq(emails.status, 'sending')))
		return { outcome: 'already-handled' as const }
	}
	const template = emailTemplates[email.template as EmailTemplateName]
	if (!template) {
		await markFailed(emailId, `Unknown email template "${email.template}"`)
		return { outcome: 'failed' as const }
	}
	const optional = (optionalCategories as readonly string[]).includes(email.category)
	// An opt-out between queueing and sending still wins.
	if (optional && !(await mayReceive(db(), email.category, email.toEmail))) {
		await db()
			.update(emails)
			.set({ status: 'cancelled', lastError: 'recipient opted out' })
			.where(eq(emails.id, emailId))
		return { outcome: 'cancelled' as const }
	}
	const scope = optional ? (email.category as OptionalCategory) : unsubscribeScopeOf[email.template]
	const links = scope ? unsubscribeLinks(email.toEmail, scope) : null
	const rendered = template(email.data as never, { charity: getCharity(), appUrl: getEnv().APP_URL, ...links })
	// Claim it: only one worker moves it from where it was, and the attempt is counted before the provider is called.
	const [claimed] = await db()
		.update(emails)
		.set({ status: 'sending', subject: rendered.subject, attempts: sql`${emails.attempts} + 1` })
		.where(and(eq(emails.id, emailId), eq(emails.status, email.status)))
		.returning({ id: emails.id })
	if (!claimed) return { outcome: 'already-handled' as const }
	try {
		const env = getEnv()
		const { messageId } = await emailProvider().send({
			to: email.toEmail,
			from: { email: env.EMAIL_FROM, name: env.EMAIL_FROM_NAME ?? env.CHARITY_NAME },
			subject: rendered.subject,
			html: rendered.html,
			text: rendered.text,
			// RFC 8058 one-click unsubscribe for everything that is not transactional.
			headers: links
				? { 'List-Unsubscribe': `<${links.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
				: {},
			categories: [email.template],
			emailId: email.id,
		})
		await db()
			.update(emails)
			.set({
				status: 'sent',
				providerMessageId: messageId,
				lastError: null,
				sentAt: new Date(),
				// Once delivered, secrets (sign-in codes and links) need not stay in the database.
				...(secretFieldsOf[email.template] ? { data: redact(email.data, secretFieldsOf[email.template]!) } : {}),
			})
			.where(eq(emails.id, emailId))
		return { outcome: 'sent' as const, messageId }
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error)
		if (error instanceof PermanentEmailError || attempt.isLastAttempt) {
			await markFailed(emailId, message)
			return { outcome: 'failed' as const }
		}
		// The provider said no: nothing went, so the retry sends it as new.
		await db()
			.update(emails)
			.set({ status: 'queued', lastError: message.slice(0, 1000) })
			.where(eq(emails.id, emailId))
		throw error
	}
}

/** Whether the provider has told us anything about this email (it accepted it, then). */
async function providerReportedOn(emailId: string) {
	const [event] = await db()
		.select({ id: emailEvents.id })
		.from(emailEvents)
		.where(eq(emailEvents.emailId, emailId))
		.limit(1)
	return Boolean(event)
}

async function markFailed(emailId: string, reason: string) {
	await db()
		.update(emails)
		.set({ status: 'failed', lastError: reason.slice(0, 1000) })
		.where(eq(emails.id, emailId))
}
