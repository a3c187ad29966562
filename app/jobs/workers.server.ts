import { getEnv } from '#app/config/env.server.ts'
import { reconcileStripe } from '#app/donations/reconcile.server.ts'
import { deliverTestEvent } from '#app/donations/test-checkout.server.ts'
import { type StripeEventLike } from '#app/donations/webhooks.server.ts'
import { deliverQueuedEmail } from '#app/email/outbox.server.ts'
import { releaseDueEmails } from '#app/email/sequences.server.ts'
import { removeExpiredAuthData } from './cleanup.server.ts'
import { getJobQueue, queues } from './queue.server.ts'

/** Attaches the handlers for every queue to the running job queue. */
export async function startWorkers(options: { pollingIntervalSeconds?: number } = {}) {
	const boss = getJobQueue()
	await boss.work<{ emailId: string }>(
		queues.sendEmail,
		{ includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (!job) return
			await deliverQueuedEmail(job.data.emailId, { isLastAttempt: job.retryCount >= job.retryLimit })
		},
	)
	await boss.work<{ event: StripeEventLike }>(
		queues.testStripeEvent,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (job) await deliverTestEvent(job.data.event)
		},
	)
	await boss.work(queues.releaseDueEmails, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 }, async () => {
		await releaseDueEmails(new Date())
	})
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
