import { loadEnvOrExit } from '../server/services.ts'
import { openConfiguredDatabase, useDatabase } from './index.server.ts'
import { migrateDatabase } from './migrate.server.ts'
import { seedDemoDataIfEmpty } from './seed.server.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
const result = await seedDemoDataIfEmpty()
console.log(
	result
		? `[db] seeded ${result.campaigns} campaigns and ${result.donations} donations`
		: '[db] the database already has campaigns; demo data is only added to an empty database',
)
await database.close()
