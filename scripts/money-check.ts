// npm run money:check — recomputes every campaign, team and event total and every
// donation's net from the money record and reports any drift from the stored
// figures. Exits 1 when there is drift.
import { findDonationNetDrift, findMoneyDrift } from '#app/donations/ledger.server.ts'
import { openConfiguredDatabase, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { loadEnvOrExit } from '../server/services.ts'

loadEnvOrExit()
const database = await openConfiguredDatabase()
useDatabase(database)
await migrateDatabase(database)
const [{ checked, drift, checkedEvents, checkedTeams, rollupDrift }, donationNets] = await Promise.all([
	findMoneyDrift(),
	findDonationNetDrift(),
])
for (const d of drift) {
	console.log(
		`${d.slug}: stored ${d.storedRaised} (${d.storedDonors} donors, Gift Aid net ${d.storedGiftAidNet}), ledger ${d.ledgerRaised} (${d.ledgerDonors} donors, Gift Aid net ${d.ledgerGiftAidNet})`,
	)
}
for (const d of rollupDrift) {
	console.log(
		`${d.scope} ${d.slug}: stored ${d.storedRaised} (${d.storedDonors} donors, Gift Aid net ${d.storedGiftAidNet}), ledger ${d.ledgerRaised} (${d.ledgerDonors} donors, Gift Aid net ${d.ledgerGiftAidNet})`,
	)
}
for (const d of donationNets.drift) {
	console.log(`donation ${d.donationId}: stored net ${d.storedNetMinor}, ledger ${d.ledgerNetMinor}`)
}
const driftCount = drift.length + rollupDrift.length + donationNets.drift.length
console.log(
	`checked ${checked} campaigns, ${checkedTeams} teams, ${checkedEvents} events, ${donationNets.checked} donations; drift: ${driftCount}`,
)
await database.close()
process.exit(driftCount === 0 ? 0 : 1)
