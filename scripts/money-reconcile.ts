// npm run money:reconcile — records any payment or refund Stripe has and we
// missed, through the webhook's own handlers. Safe to run any number of times.
import { reconcileStripe } from '#app/donations/reconcile.server.ts'
import { startJobQueue, stopJobQueue } from '#app/jobs/queue.server.ts'
import { openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { loadEnvOrExit } from '../server/services.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
// Receipts for newly found payments are queued as jobs, so the queue must exist.
await startJobQueue(database)
const days = Number(process.argv[2]) || undefined
const report = await reconcileStripe({ days })
console.log(`[reconcile] ${report.summary}`)
await stopJobQueue()
await database.close()
