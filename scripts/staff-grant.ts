// npm run staff:grant -- someone@charity.org [admin|staff|supporter]
// Gives (or takes away) access to the staff area: `staff` opens it, `admin`
// also lets them manage who has access (Staff → People), `supporter` takes
// it away. The person signs in with an emailed code as usual; there are no
// staff passwords. Changes follow the People page's rules and are written to
// the staff audit log, by "System".
import { roleChangeProblems, setRoleByEmail } from '#app/staff/people.server.ts'
import { openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { personRole, type PersonRole } from '#db/schema.ts'
import { loadEnvOrExit } from '../server/services.ts'

const [email, role = 'staff'] = process.argv.slice(2)
const isRole = (value: string): value is PersonRole => (personRole.enumValues as readonly string[]).includes(value)
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || !isRole(role)) {
	console.error('Usage: npm run staff:grant -- <email> [admin|staff|supporter]')
	process.exit(2)
}
loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
const change = await setRoleByEmail(email, role)
await database.close()
if (!change.ok) {
	console.error(`[staff] ${email} was not changed: ${roleChangeProblems[change.problem]}`)
	process.exit(1)
}
console.log(
	change.changed ? `[staff] ${email} is now ${role} (was ${change.from})` : `[staff] ${email} was already ${role}`,
)
