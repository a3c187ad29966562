import { and, count, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { deliverQueuedEmail, queueEmail } from '#app/email/outbox.server.ts'
import { startWorkers, stopWorkers } from '#app/jobs/workers.server.ts'
import { requestSignIn } from '#app/people/sign-in.server.ts'
import { db } from '#db/index.server.ts'
import { emailEvents, emails } from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startSendGridStandIn } from '#tests/support/sendgrid-standin.ts'

type StandIn = Awaited<ReturnType<typeof startSendGridStandIn>>
let sendgrid: StandIn

beforeEach(async () => {
	sendgrid = await startSendGridStandIn()
	resetTestEnv({
		SENDGRID_API_KEY: sendgrid.apiKey,
		SENDGRID_API_BASE: sendgrid.baseUrl,
		EMAIL_WORKER_CONCURRENCY: '10',
	})
})
afterEach(async () => {
	await stopWorkers()
	await sendgrid.close()
})

/** Queues `n` emails of one template in one transaction, as a burst of causes would. */
async function queueBacklog(n: number, template: 'campaign-update' | 'donation-receipt') {
	await db().transaction(async (tx) => {
		for (let i = 0; i < n; i++) {
			const to = `backlog-${template}-${i}@example.com`
			if (template === 'campaign-update') {
				// Donor updates: optional mail, on the bulk queue.
				await queueEmail(tx, {
					template,
					causeKey: `backlog:${template}:${i}`,
					to,
					category: 'updates',
					data: {
						donorName: 'Pat',
						fundraiserName: 'Sam',
						campaignTitle: 'A run',
						campaignSlug: 'a-run',
						updateBody: 'Mile 20!',
					},
				})
			} else {
				await queueEmail(tx, {
					template,
					causeKey: `backlog:${template}:${i}`,
					to,
					data: {
						receiptNumber: `R-${i}`,
						donorName: 'Pat',
						amountMinor: 2000,
						coverFeeMinor: 0,
						currency: 'GBP',
						campaignTitle: 'A run',
						campaignSlug: 'a-run',
						succeededAt: new Date().toISOString(),
					},
				})
			}
		}
	})
}

async function statusCount(template: string, status: 'queued' | 'sent') {
	const [row] = await db()
		.select({ n: count() })
		.from(emails)
		.where(and(eq(emails.template, template), eq(emails.status, status)))
	return row!.n
}

const sentTo = (address: string) => sendgrid.accepted().some((r) => JSON.stringify(r.body).includes(address))

describe('the email queues', () => {
	test('a sign-in code goes out while a backlog of donor updates still waits: transactional mail has its own queue', async () => {
		await queueBacklog(400, 'campaign-update')
		await startWorkers({ pollingIntervalSeconds: 0.5 })
		await expect.poll(() => sendgrid.accepted().length, { timeout: 20_000 }).toBeGreaterThan(0)
		await requestSignIn({ email: 'staff-at-peak@example.org', clientIp: '203.0.113.9' })
		await expect.poll(() => sentTo('staff-at-peak@example.org'), { timeout: 20_000 }).toBe(true)
		// Most of the backlog had not gone when the code did.
		const updatesSentBeforeCode = sendgrid
			.accepted()
			.findIndex((r) => JSON.stringify(r.body).includes('staff-at-peak@example.org'))
		expect(updatesSentBeforeCode).toBeLessThan(200)
	}, 60_000) // room for both 20 s polls on a loaded machine

	test('among transactional mail, sign-in codes go before a backlog of receipts', async () => {
		await queueBacklog(300, 'donation-receipt')
		await requestSignIn({ email: 'late-signer@example.org', clientIp: '203.0.113.10' })
		await startWorkers({ pollingIntervalSeconds: 0.5 })
		await expect.poll(() => sentTo('late-signer@example.org'), { timeout: 20_000 }).toBe(true)
		const position = sendgrid.accepted().findIndex((r) => JSON.stringify(r.body).includes('late-signer@example.org'))
		// It was the last queued, and is in the first batch the worker fetched.
		expect(position).toBeLessThan(10)
	})

	test('a backlog drains in full, every email sent exactly once', async () => {
		await queueBacklog(120, 'donation-receipt')
		await queueBacklog(80, 'campaign-update')
		await startWorkers({ pollingIntervalSeconds: 0.5 })
		await expect
			.poll(
				async () => (await statusCount('donation-receipt', 'sent')) + (await statusCount('campaign-update', 'sent')),
				{ timeout: 30_000 },
			)
			.toBe(200)
		const addresses = sendgrid
			.accepted()
			.map((r) => JSON.stringify((r.body as { personalizations: unknown }).personalizations))
		expect(new Set(addresses).size).toBe(200)
		expect(addresses).toHaveLength(200)
	})

	test('an email left "sending" by a worker that died is not sent again once the provider has reported on it', async () => {
		await queueBacklog(1, 'donation-receipt')
		const [email] = await db().select().from(emails).where(eq(emails.template, 'donation-receipt'))
		// The worker claimed it and SendGrid accepted it; the process died before recording so.
		await db().update(emails).set({ status: 'sending', attempts: 1 }).where(eq(emails.id, email!.id))
		// SendGrid's "processed" event for it arrived (as the event webhook records it).
		await db()
			.insert(emailEvents)
			.values({
				emailId: email!.id,
				event: 'processed',
				dedupeKey: `processed:${email!.id}`,
				occurredAt: new Date(),
				payload: {},
			})
		expect((await deliverQueuedEmail(email!.id, { isLastAttempt: false })).outcome).toBe('already-handled')
		expect(sendgrid.accepted()).toHaveLength(0)
		const [after] = await db().select().from(emails).where(eq(emails.id, email!.id))
		expect(after!.status).toBe('sent')
	})

	test('an email left "sending" with no word from the provider is sent on the retry, its attempt counted', async () => {
		await queueBacklog(1, 'donation-receipt')
		const [email] = await db().select().from(emails).where(eq(emails.template, 'donation-receipt'))
		await db().update(emails).set({ status: 'sending', attempts: 1 }).where(eq(emails.id, email!.id))
		expect((await deliverQueuedEmail(email!.id, { isLastAttempt: false })).outcome).toBe('sent')
		expect(sendgrid.accepted()).toHaveLength(1)
		const [after] = await db().select().from(emails).where(eq(emails.id, email!.id))
		expect(after).toMatchObject({ status: 'sent', attempts: 2 })
	})
})
