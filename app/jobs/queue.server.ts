import PgBoss from 'pg-boss'
import { getEnv } from '#app/config/env.server.ts'
import { type Database, type Tx } from '#db/client.server.ts'
import { getDatabase } from '#db/index.server.ts'

/** Every queue the platform uses. */
export const queues = {
	/**
	 * Renders and sends one transactional row of the `emails` table (sign-in
	 * codes first, then receipts, notices…): never behind coaching or bulk mail.
	 */
	sendEmail: 'send-email',
	/** The same for coaching, donor updates and other optional mail, which may wait at a peak. */
	sendBulkEmail: 'send-bulk-email',
	/** Delivers a delayed event of the built-in test checkout (no Stripe account). */
	testStripeEvent: 'test-stripe-event',
	/** Every minute: releases timed emails that are due and closes campaigns past their end date. */
	releaseDueEmails: 'release-due-emails',
	/** Daily: deletes expired sessions, spent sign-in challenges and old rate-limit windows. */
	removeExpiredAuthData: 'remove-expired-auth-data',
	/** Asks Stripe for recent payments and refunds and records any we missed. */
	reconcileStripe: 'reconcile-stripe',
} as const

export type QueueName = (typeof queues)[keyof typeof queues]

const registry = globalThis as typeof globalThis & { __fundraisingJobQueue?: PgBoss }

/**
 * Starts pg-boss on the process's database connection (real PostgreSQL or
 * the embedded one, through the same raw SQL adapter), creating its schema and
 * our queues. Workers are attached separately by `startWorkers`.
 */
export async function startJobQueue(database: Database = getDatabase()): Promise<PgBoss> {
	const existing = registry.__fundraisingJobQueue
	if (existing) return existing
	const boss = new PgBoss({
		// On a real server pg-boss keeps its own small pool (its schema setup
		// needs multi-statement transactions); on the embedded database it
		// shares our single connection through the raw SQL adapter.
		...(database.url ? { connectionString: database.url, max: 4 } : { db: database.sql }),
		schema: 'pgboss',
		// Maintenance expires jobs whose worker died (an email job after
		// EMAIL_JOB_EXPIRE_SECONDS), so it runs often enough for a killed
		// worker's email to be retried within a minute.
		maintenanceIntervalSeconds: 15,
	})
	boss.on('error', (error) => console.warn('[jobs] pg-boss error:', error.message))
	await boss.start()
	for (const name of Object.values(queues)) {
		await boss.createQueue(name, { name, policy: 'standard' })
	}
	registry.__fundraisingJobQueue = boss
	return boss
}

export function getJobQueue(): PgBoss {
	const boss = registry.__fundraisingJobQueue
	if (!boss) throw new Error('The job queue has not been started (call startJobQueue at start).')
	return boss
}

export async function stopJobQueue() {
	const boss = registry.__fundraisingJobQueue
	registry.__fundraisingJobQueue = undefined
	if (boss) await boss.stop({ graceful: true, wait: true, timeout: 5000 })
}

/** One job to put on a queue inside a transaction; `jobId` makes it idempotent for one cause. */
export type JobToEnqueue = { queue: QueueName; data: object; jobId: string; startAfter?: Date; priority?: number }

/**
 * Enqueues a job inside `tx`, so it exists exactly when the change that
 * causes it commits. `jobId` makes the enqueue idempotent for one cause.
 */
export async function enqueueInTransaction(
	tx: Tx,
	queue: QueueName,
	data: object,
	options: { jobId: string; startAfter?: Date; priority?: number },
) {
	await enqueueAllInTransaction(tx, [{ queue, data, ...options }])
}

/**
 * Enqueues several jobs inside `tx` in one statement (a counted gift queues a
 * receipt and a notice at once, while it holds its campaign's lock). A job
 * whose id exists already is left as it is.
 */
export async function enqueueAllInTransaction(tx: Tx, jobs: JobToEnqueue[]) {
	if (jobs.length === 0) return
	const env = getEnv()
	await getJobQueue().insert(
		jobs.map((job) => ({
			id: job.jobId,
			name: job.queue,
			data: job.data,
			startAfter: job.startAfter,
			priority: job.priority,
			// A job whose worker died is failed (and retried) this long after it started.
			expireInSeconds: env.EMAIL_JOB_EXPIRE_SECONDS,
			retryLimit: env.EMAIL_RETRY_LIMIT,
			retryDelay: env.EMAIL_RETRY_DELAY_SECONDS,
			retryBackoff: true,
		})),
		{ db: getDatabase().sqlInTransaction(tx) },
	)
}
