// npm run staff:grant -- someone@charity.org [admin|staff|supporter]
// Gives (or takes away) access to the staff area. The person signs in with
// an emailed code as usual; there are no staff passwords.
import { sql } from 'drizzle-orm'
import { db, openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { people } from '#db/schema.ts'
import { loadEnvOrExit } from '../server/services.ts'

const [email, role = 'staff'] = process.argv.slice(2)
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || !['admin', 'staff', 'supporter'].includes(role)) {
	console.error('Usage: npm run staff:grant -- <email> [admin|staff|supporter]')
	process.exit(2)
}
loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
await db()
	.insert(people)
	.values({ email, role: role as 'admin' | 'staff' | 'supporter' })
	.onConflictDoUpdate({
		target: people.emailKey,
		set: { role: role as 'admin' | 'staff' | 'supporter', updatedAt: sql`now()` },
	})
console.log(`[staff] ${email} is now ${role}`)
await database.close()
