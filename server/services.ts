import { getEnv, InvalidEnvironmentError, type Env } from '#app/config/env.server.ts'
import { emailProvider } from '#app/email/providers/index.server.ts'
import { startJobQueue, stopJobQueue } from '#app/jobs/queue.server.ts'
import { startWorkers } from '#app/jobs/workers.server.ts'
import { openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { type Database } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { seedDemoDataIfEmpty } from '#db/seed.server.ts'

/** Reads the environment or exits listing every problem with it. */
export function loadEnvOrExit(): Env {
	try {
		return getEnv()
	} catch (error) {
		if (error instanceof InvalidEnvironmentError) {
			console.error(error.message)
			process.exit(1)
		}
		throw error
	}
}

/**
 * Opens and migrates the database, seeds demo data where wanted, starts the
 * job queue and (optionally) its workers. Shared by the web server and the
 * stand-alone worker.
 */
export async function startServices(options: {
	runWorkers: boolean
}): Promise<{ database: Database; stop: () => Promise<void> }> {
	const env = getEnv()
	if (env.STRIPE_SECRET_KEY && !process.env.STRIPE_WEBHOOK_SECRET) {
		console.warn(
			'[config] STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: Stripe webhooks will be refused until it is.',
		)
	}
	const database = await openConfiguredDatabase()
	useDatabase(database)
	await migrateDatabase(database)
	const seed = env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === 'true' : env.NODE_ENV !== 'production'
	if (seed) {
		const seeded = await seedDemoDataIfEmpty()
		if (seeded) console.log(`[db] seeded demo data: ${seeded.campaigns} campaigns, ${seeded.donations} donations`)
	}
	await startJobQueue(database)
	if (options.runWorkers) await startWorkers()
	console.log(
		`[services] database: ${database.driver === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'PostgreSQL'}; ` +
			`email: ${emailProvider().label}; ` +
			`workers: ${options.runWorkers ? 'in this process' : 'separate process'}`,
	)
	return {
		database,
		async stop() {
			await stopJobQueue()
			await database.close()
			useDatabase(undefined)
		},
	}
}
