// npm run money:check — recomputes every campaign total and every donation's
// net from the money record and reports any drift from the stored figures.
// Exits 1 when there is drift.
import { findDonationNetDrift, findMoneyDrift } from '#app/donations/ledger.server.ts'
import { openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { loadEnvOrExit } from '../server/services.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
const [{ checked, drift }, donationNets] = await Promise.all([findMoneyDrift(), findDonationNetDrift()])
for (const d of drift) {
	console.log(
		`${d.slug}: stored ${d.storedRaised} (${d.storedDonors} donors), ledger ${d.ledgerRaised} (${d.ledgerDonors} donors)`,
	)
}
for (const d of donationNets.drift) {
	console.log(`donation ${d.donationId}: stored net ${d.storedNetMinor}, ledger ${d.ledgerNetMinor}`)
}
console.log(
	`checked ${checked} campaigns; drift: ${drift.length}; checked ${donationNets.checked} donations; drift: ${donationNets.drift.length}`,
)
await database.close()
process.exit(drift.length === 0 && donationNets.drift.length === 0 ? 0 : 1)
