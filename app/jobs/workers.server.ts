import { deliverQueuedEmail } from '#app/email/outbox.server.ts'
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
}
