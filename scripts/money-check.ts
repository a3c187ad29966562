// npm run money:check — recomputes every campaign, team and event total from the money record
// and reports any drift from the stored totals. Exits 1 when there is drift.
import { findMoneyDrift } from '#app/donations/ledger.server.ts'
import { openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { loadEnvOrExit } from '../server/services.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
const { checked, drift, checkedEvents, checkedTeams, rollupDrift } = await findMoneyDrift()
for (const d of drift) {
	console.log(
		`${d.slug}: stored ${d.storedRaised} (${d.storedDonors} donors), ledger ${d.ledgerRaised} (${d.ledgerDonors} donors)`,
	)
}
for (const d of rollupDrift) {
	console.log(
		`${d.scope} ${d.slug}: stored ${d.storedRaised} (${d.storedDonors} donors), ledger ${d.ledgerRaised} (${d.ledgerDonors} donors)`,
	)
}
console.log(
	`checked ${checked} campaigns, ${checkedTeams} teams, ${checkedEvents} events; drift: ${drift.length + rollupDrift.length}`,
)
await database.close()
process.exit(drift.length + rollupDrift.length === 0 ? 0 : 1)
