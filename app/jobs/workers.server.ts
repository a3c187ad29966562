import { getEnv } from '#app/config/env.server.ts'
import { reconcileStripe } from '#app/donations/reconcile.server.ts'
import { deliverTestEvent } from '#app/donations/test-checkout.server.ts'
import { type StripeEventLike } from '#app/donations/webhooks.server.ts'
import { deliverQueuedEmail } from '#app/email/outbox.server.ts'
import { releaseDueEmails } from '#app/email/sequences.server.ts'
import { removeExpiredAuthData } from './cleanup.server.ts'
import { createPacer } from '#app/utils/pace.ts'
import { getJobQueue, queues, type QueueName } from './queue.server.ts'

/**
 * Sends the emails of one queue: each poll fetches up to
 * EMAIL_WORKER_CONCURRENCY jobs and sends them at once, paced to the
 * provider's rate. A failure sends that job alone back for a retry (the rest
 * of the batch completes), and a full batch fetches again at once rather than
 * after the polling interval, so a backlog drains at the provider's pace.
 */
async function workEmailQueue(queue: QueueName, pollingIntervalSeconds: number, pace: ReturnType<typeof createPacer>) {
	const boss = getJobQueue()
	const batchSize = getEnv().EMAIL_WORKER_CONCURRENCY
	let workerId = ''
	workerId = await boss.work<{ emailId: string }>(
		queue,
		{ includeMetadata: true, batchSize, pollingIntervalSeconds },
		async (jobs) => {
			await Promise.all(
				jobs.map(async (job) => {
					try {
						await pace.take()
						await deliverQueuedEmail(job.data.emailId, { isLastAttempt: job.retryCount >= job.retryLimit })
					} catch (error) {
						await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) })
					}
				}),
			)
			if (jobs.length === batchSize && workerId) boss.notifyWorker(workerId)
		},
	)
}

/** Attaches the handlers for every queue to the running job queue. */
export async function startWorkers(options: { pollingIntervalSeconds?: number } = {}) {
	const boss = getJobQueue()
	// One pace for both email queues: together they stay within the provider's rate.
	const pace = createPacer(getEnv().EMAIL_SEND_RATE_PER_SECOND)
	// Transactional mail (sign-in codes first) has a worker of its own, so a coaching backlog never delays it.
	await workEmailQueue(queues.sendEmail, options.pollingIntervalSeconds ?? 0.5, pace)
	await workEmailQueue(queues.sendBulkEmail, options.pollingIntervalSeconds ?? 1, pace)
	await boss.work<{ event: StripeEventLike }>(
		queues.testStripeEvent,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (job) await deliverTestEvent(job.data.event)
		},
	)
	await boss.work(
		queues.releaseDueEmails,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 },
		async () => {
			await releaseDueEmails(new Date())
		},
	)
	await boss.schedule(queues.releaseDueEmails, '* * * * *')
	await boss.work(queues.removeExpiredAuthData, { batchSize: 1, pollingIntervalSeconds: 60 }, async () => {
		await removeExpiredAuthData(new Date())
	})
	await boss.schedule(queues.removeExpiredAuthData, '41 4 * * *')
	await boss.work(queues.reconcileStripe, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
		const report = await reconcileStripe()
		console.log(`[reconcile] ${report.summary}`)
	})
	// Daily, and only where there is a Stripe account to ask.
	if (getEnv().STRIPE_SECRET_KEY) await boss.schedule(queues.reconcileStripe, '17 3 * * *')
	else await boss.unschedule(queues.reconcileStripe)
}

/** Detaches every handler (the queue itself keeps running); for tests and graceful stops. */
export async function stopWorkers() {
	const boss = getJobQueue()
	for (const name of Object.values(queues)) await boss.offWork(name)
}
