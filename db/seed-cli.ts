import { loadEnvOrExit } from '../server/services.ts'
import { openConfiguredDatabase, useDatabase } from './index.server.ts'
import { migrateDatabase } from './migrate.server.ts'
import { seedDemoData, seedDemoDataIfEmpty } from './seed.server.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
const force = process.argv.includes('--force')
const result = force ? await seedDemoData() : await seedDemoDataIfEmpty()
console.log(result ? `[db] seeded ${result.campaigns} campaigns and ${result.donations} donations` : '[db] the database already has campaigns; run with --force to add the demo set again')
await database.close()
