import { loadEnvOrExit } from '../server/services.ts'
import { openConfiguredDatabase } from './index.server.ts'
import { migrateDatabase } from './migrate.server.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
await migrateDatabase(database)
await database.close()
console.log(`[db] migrations applied (${database.driver})`)
