import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { deliverQueuedEmail } from '#app/email/outbox.server.ts'
import { startWorkers, stopWorkers } from '#app/jobs/workers.server.ts'
import { recordLearnMoreSignup } from '#app/people/signups.server.ts'
import { recordContactMessage } from '#app/contact/contact.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { db, getDatabase } from '#db/index.server.ts'
import { devMailbox, emails } from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startSendGridStandIn } from '#tests/support/sendgrid-standin.ts'
import { waitFor } from '#tests/support/wait.ts'

type StandIn = Awaited<ReturnType<typeof startSendGridStandIn>>
let sendgrid: StandIn

beforeEach(async () => {
	sendgrid = await startSendGridStandIn()
})
afterEach(async () => {
	await stopWorkers()
	await sendgrid.close()
})

function useSendGrid() {
	resetTestEnv({
		SENDGRID_API_KEY: sendgrid.apiKey,
		SENDGRID_API_BASE: sendgrid.baseUrl,
		EMAIL_FROM: 'hello@justice.example.org',
		EMAIL_FROM_NAME: 'Justice Fundraising',
	})
}

async function emailRow(id: string) {
	const [row] = await db().select().from(emails).where(eq(emails.id, id))
	return row!
}

const signup = {
	firstName: 'Grace',
	lastName: 'Hopper',
	email: 'grace@example.com',
	idea: 'challenge' as const,
	emailConsent: true,
}

describe('email delivery through SendGrid', () => {
	test('the worker sends the welcome email with both parts to SendGrid and records its message id', async () => {
		useSendGrid()
		const { welcomeEmailId } = await recordLearnMoreSignup(signup)
		await startWorkers({ pollingIntervalSeconds: 0.5 })
		const sent = await waitFor(
			async () => {
				const row = await emailRow(welcomeEmailId!)
				return row.status === 'sent' ? row : null
			},
			{ what: 'the welcome email to be sent' },
		)

		expect(sendgrid.accepted()).toHaveLength(1)
		const request = sendgrid.accepted()[0]!
		expect(request.method).toBe('POST')
		expect(request.path).toBe('/v3/mail/send')
		expect(request.body.from).toEqual({ email: 'hello@justice.example.org', name: 'Justice Fundraising' })
		expect(request.body.personalizations[0]?.to).toEqual([{ email: 'grace@example.com' }])
		expect(request.body.subject).toBe('Welcome — your free fundraising guide')
		const parts = Object.fromEntries(request.body.content.map((c) => [c.type, c.value]))
		expect(parts['text/plain']).toContain('25 Tips for the Novice Fundraiser')
		expect(parts['text/plain']).toContain('http://localhost:3000/guide/25-tips')
		expect(parts['text/plain']).toContain('http://localhost:3000/start?kind=challenge')
		expect(parts['text/html']).toContain('href="http://localhost:3000/guide/25-tips"')
		expect(parts['text/html']).toContain('Thank you, Grace')
		expect(request.body.custom_args).toEqual({ email_id: welcomeEmailId })
		expect(request.body.categories).toEqual(['signup-welcome'])
		expect(sent.providerMessageId).toBe(request.headers['x-message-id'] ?? sent.providerMessageId)
		expect(sent.providerMessageId).toMatch(/^sg-/)
		expect(sent.subject).toBe('Welcome — your free fundraising guide')
	})

	test('a SendGrid 5xx is retried and the email is sent exactly once', async () => {
		useSendGrid()
		sendgrid.failNext(503)
		const { welcomeEmailId } = await recordLearnMoreSignup(signup)
		await startWorkers({ pollingIntervalSeconds: 0.5 })
		const sent = await waitFor(
			async () => {
				const row = await emailRow(welcomeEmailId!)
				return row.status === 'sent' ? row : null
			},
			{ what: 'the retried email to be sent', timeoutMs: 20_000 },
		)
		expect(sendgrid.requests.map((r) => r.status)).toEqual([503, 202])
		expect(sent.attempts).toBe(2)
		// The email's job is finished and nothing else waits on the queue, so nothing more can go out.
		await expect.poll(() => openEmailJobs(), { timeout: 10_000 }).toEqual([])
		expect(sendgrid.accepted()).toHaveLength(1)
	})

	test('delivering an email that was already sent does not send it again', async () => {
		useSendGrid()
		const { welcomeEmailId } = await recordLearnMoreSignup(signup)
		expect((await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: false })).outcome).toBe('sent')
		expect((await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: false })).outcome).toBe('already-handled')
		expect(sendgrid.accepted()).toHaveLength(1)
	})

	test('a refusal from SendGrid (4xx) marks the email failed without retrying', async () => {
		useSendGrid()
		sendgrid.failNext(400)
		const { welcomeEmailId } = await recordLearnMoreSignup(signup)
		const result = await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: false })
		expect(result.outcome).toBe('failed')
		const row = await emailRow(welcomeEmailId!)
		expect(row.status).toBe('failed')
		expect(row.lastError).toContain('400')
	})

	test('an email still failing on its last attempt is marked failed for staff to see', async () => {
		useSendGrid()
		sendgrid.failNext(500)
		const { welcomeEmailId } = await recordLearnMoreSignup(signup)
		expect((await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: true })).outcome).toBe('failed')
		expect((await emailRow(welcomeEmailId!)).status).toBe('failed')
	})

	test('contact messages notify the configured staff address', async () => {
		useSendGrid()
		process.env.STAFF_NOTIFY_EMAIL = 'team@justice.example.org'
		resetTestEnv({ ...process.env })
		const recorded = await recordContactMessage(
			{
				topic: 'media',
				name: 'Jo Reporter',
				email: 'jo@news.example.com',
				organisation: 'Daily Example',
				phone: null,
				message: 'I would like to interview a fundraiser.',
			},
			newFormToken(),
		)
		if (recorded.status === 'stale') throw new Error('a fresh form token was refused')
		const { messageId } = recorded
		const [queued] = await db().select().from(emails)
		await deliverQueuedEmail(queued!.id, { isLastAttempt: false })
		const request = sendgrid.accepted()[0]!
		expect(request.body.personalizations[0]?.to).toEqual([{ email: 'team@justice.example.org' }])
		expect(request.body.subject).toBe('Media enquiry: Jo Reporter')
		const text = request.body.content.find((c) => c.type === 'text/plain')?.value
		expect(text).toContain('Organisation: Daily Example')
		expect(text).toContain(messageId)
	})
})

describe('email without a SendGrid key', () => {
	test('is stored in the development mailbox instead of leaving the machine', async () => {
		const { welcomeEmailId } = await recordLearnMoreSignup(signup)
		const result = await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: false })
		expect(result.outcome).toBe('sent')
		const [stored] = await db().select().from(devMailbox)
		expect(stored).toMatchObject({
			toEmail: 'grace@example.com',
			subject: 'Welcome — your free fundraising guide',
			emailId: welcomeEmailId,
		})
		expect(stored!.text).toContain('25 Tips for the Novice Fundraiser')
		expect(sendgrid.requests).toHaveLength(0)
	})
})

/** Jobs still waiting, retrying or running (pg-boss's own record of the queue). */
async function openEmailJobs() {
	const { rows } = await getDatabase().sql.executeSql(
		`select id, state from pgboss.job where state in ('created', 'retry', 'active')`,
	)
	return rows
}
