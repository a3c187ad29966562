import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import { openDatabase, type Database } from './client.server.ts'

// Beside this module (db/migrations), or, bundled into build/main.mjs or build/worker.mjs, the project's own.
export const migrationsFolder = [new URL('./migrations', import.meta.url), new URL('../db/migrations', import.meta.url)]
	.map((url) => fileURLToPath(url))
	.find((folder) => fs.existsSync(folder))!

// Arbitrary constant: several app processes starting together migrate one at a time.
const MIGRATION_LOCK = 724_201_931

/** Applies every committed drizzle-kit migration not yet applied. */
export async function migrateDatabase(database: Database) {
	if (database.driver === 'pglite') {
		await migratePglite(database.db as Parameters<typeof migratePglite>[0], { migrationsFolder })
		return
	}
	// Its own connection, without the app's statement timeout: building an
	// index on a large table may rightly take longer than any request should.
	const own = database.url ? await openDatabase({ driver: 'postgres', url: database.url, poolSize: 2 }) : database
	try {
		await own.withAdvisoryLock(MIGRATION_LOCK, () =>
			migratePostgres(own.db as Parameters<typeof migratePostgres>[0], { migrationsFolder }),
		)
	} finally {
		if (own !== database) await own.close()
	}
}
