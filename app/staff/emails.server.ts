import { likePattern } from '#app/utils/like-pattern.ts'
import { isUuid } from '#app/utils/ids.ts'
import { and, count, desc, eq, ilike, inArray } from 'drizzle-orm'
import { enqueueEmailJob } from '#app/email/outbox.server.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { db } from '#db/index.server.ts'
import { emailEvents, emails, emailStatus, type Person } from '#db/schema.ts'

export type EmailStatus = (typeof emailStatus.enumValues)[number]
export const emailStatuses = emailStatus.enumValues

const EVENTS_PER_EMAIL = 3

/**
 * Templates whose subject line carries a secret ("Your sign-in code: 123456").
 * Staff must not be able to read someone's code and sign in as them, so the
 * subject is withheld from the list.
 */
const SECRET_SUBJECT_TEMPLATES = new Set(['sign-in-code'])

/**
 * Emails for the staff page, newest first, with their latest provider events
 * and counts by status. The template's data is never read: a queued sign-in
 * email still holds its code and link (and its subject is withheld, below).
 */
export async function listEmailsForStaff(options: {
	status?: EmailStatus
	template?: string
	to?: string
	limit: number
	offset: number
}) {
	const to = options.to?.trim()
	// Counts by status follow the template and address filters, so each count says what choosing that status would list.
	const narrowing = and(
		options.template ? eq(emails.template, options.template) : undefined,
		to ? ilike(emails.toEmail, likePattern(to)) : undefined,
	)
	const where = and(narrowing, options.status ? eq(emails.status, options.status) : undefined)
	const [rows, countRows, templateRows] = await Promise.all([
		db()
			.select({
				id: emails.id,
				toEmail: emails.toEmail,
				template: emails.template,
				category: emails.category,
				status: emails.status,
				subject: emails.subject,
				attempts: emails.attempts,
				lastError: emails.lastError,
				createdAt: emails.createdAt,
				sentAt: emails.sentAt,
				sendAfter: emails.sendAfter,
			})
			.from(emails)
			.where(where)
			.orderBy(desc(emails.createdAt), desc(emails.id))
			.limit(options.limit)
			.offset(options.offset),
		db().select({ status: emails.status, count: count() }).from(emails).where(narrowing).groupBy(emails.status),
		db().selectDistinct({ template: emails.template }).from(emails).orderBy(emails.template),
	])
	const ids = rows.map((row) => row.id)
	const events = ids.length
		? await db()
				.select({ emailId: emailEvents.emailId, event: emailEvents.event, occurredAt: emailEvents.occurredAt })
				.from(emailEvents)
				.where(inArray(emailEvents.emailId, ids))
				.orderBy(desc(emailEvents.occurredAt))
		: []
	const eventsOf = new Map<string, { event: string; occurredAt: Date }[]>()
	for (const event of events) {
		const list = eventsOf.get(event.emailId!) ?? []
		if (list.length < EVENTS_PER_EMAIL) list.push({ event: event.event, occurredAt: event.occurredAt })
		eventsOf.set(event.emailId!, list)
	}
	const counts = Object.fromEntries(emailStatuses.map((status) => [status, 0])) as Record<EmailStatus, number>
	for (const row of countRows) counts[row.status] = Number(row.count)
	const total = options.status ? counts[options.status] : Object.values(counts).reduce((sum, n) => sum + n, 0)
	return {
		emails: rows.map((row) => ({
			...row,
			subject: SECRET_SUBJECT_TEMPLATES.has(row.template) ? null : row.subject,
			events: eventsOf.get(row.id) ?? [],
		})),
		counts,
		total,
		templates: templateRows.map((row) => row.template),
	}
}

export type RetryResult = { ok: true } | { ok: false; problem: 'not-found' | 'not-failed' }

/**
 * Sends a failed email again. Only 'failed' qualifies: a bounced address is
 * suppressed, and anything else has been sent or is on its way. The email
 * goes back to 'queued' (its attempts kept, for the record) with a new job in
 * the same transaction. The new job needs a fresh id, because the first
 * job's id (the email's id) is still taken in pg-boss. The worker sends only
 * queued emails, so a double click or a stale job never sends it twice.
 */
export async function retryFailedEmail(emailId: string, staff: Person): Promise<RetryResult> {
	if (!isUuid(emailId)) return { ok: false, problem: 'not-found' }
	return db().transaction(async (tx) => {
		const [email] = await tx
			.update(emails)
			.set({ status: 'queued' })
			.where(and(eq(emails.id, emailId), eq(emails.status, 'failed')))
			.returning({
				id: emails.id,
				attempts: emails.attempts,
				lastError: emails.lastError,
				template: emails.template,
				category: emails.category,
			})
		if (!email) {
			const [exists] = await tx.select({ id: emails.id }).from(emails).where(eq(emails.id, emailId))
			return { ok: false as const, problem: exists ? ('not-failed' as const) : ('not-found' as const) }
		}
		await enqueueEmailJob(tx, email, crypto.randomUUID())
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'email.retry',
			subjectType: 'email',
			subjectId: emailId,
			data: { attempts: email.attempts, lastError: email.lastError },
		})
		return { ok: true as const }
	})
}
