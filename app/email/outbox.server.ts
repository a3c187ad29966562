import { eq, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { enqueueInTransaction, queues } from '#app/jobs/queue.server.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { emails } from '#db/schema.ts'
import { emailTemplates, type EmailTemplateData, type EmailTemplateName } from '#emails/index.ts'
import { PermanentEmailError, sendEmail } from './sender.server.ts'

/**
 * Queues an email inside the transaction of the change that causes it.
 * `causeKey` identifies the cause; queueing the same cause twice sends once.
 * Returns the email's id, or null when that cause was already queued.
 */
export async function queueEmail<T extends EmailTemplateName>(
	tx: Tx,
	email: {
		template: T
		causeKey: string
		to: string
		personId?: string | null
		data: EmailTemplateData[T]
		sendAfter?: Date
	},
): Promise<string | null> {
	const [row] = await tx
		.insert(emails)
		.values({
			template: email.template,
			causeKey: email.causeKey,
			toEmail: email.to,
			personId: email.personId ?? null,
			data: email.data,
		})
		.onConflictDoNothing({ target: emails.causeKey })
		.returning({ id: emails.id })
	if (!row) return null
	await enqueueInTransaction(tx, queues.sendEmail, { emailId: row.id }, { jobId: row.id, startAfter: email.sendAfter })
	return row.id
}

/**
 * The worker's side: renders and sends one queued email. An email already
 * sent is never sent again; a failure is recorded and rethrown so the queue
 * retries it with back-off; after the last retry it is marked failed.
 */
export async function deliverQueuedEmail(emailId: string, attempt: { isLastAttempt: boolean }) {
	const [email] = await db().select().from(emails).where(eq(emails.id, emailId))
	if (!email) return { outcome: 'missing' as const }
	if (email.status !== 'queued') return { outcome: 'already-handled' as const }
	const template = emailTemplates[email.template as EmailTemplateName]
	if (!template) {
		await markFailed(emailId, `Unknown email template "${email.template}"`)
		return { outcome: 'failed' as const }
	}
	const rendered = template(email.data as any, { charity: getCharity(), appUrl: getEnv().APP_URL })
	try {
		const { messageId } = await sendEmail({
			to: email.toEmail,
			subject: rendered.subject,
			html: rendered.html,
			text: rendered.text,
			emailId: email.id,
			category: email.template,
		})
		await db()
			.update(emails)
			.set({
				status: 'sent',
				subject: rendered.subject,
				providerMessageId: messageId,
				attempts: sql`${emails.attempts} + 1`,
				lastError: null,
				sentAt: new Date(),
			})
			.where(eq(emails.id, emailId))
		return { outcome: 'sent' as const, messageId }
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error)
		if (error instanceof PermanentEmailError || attempt.isLastAttempt) {
			await markFailed(emailId, message)
			return { outcome: 'failed' as const }
		}
		await db()
			.update(emails)
			.set({ attempts: sql`${emails.attempts} + 1`, lastError: message.slice(0, 1000) })
			.where(eq(emails.id, emailId))
		throw error
	}
}

async function markFailed(emailId: string, reason: string) {
	await db()
		.update(emails)
		.set({ status: 'failed', attempts: sql`${emails.attempts} + 1`, lastError: reason.slice(0, 1000) })
		.where(eq(emails.id, emailId))
}
