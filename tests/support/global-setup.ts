import { type TestProject } from 'vitest/node'
import { openDatabase } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { createFreshDatabase } from './test-database.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		/** A fresh, migrated database on the real server, or null to use embedded PGlite. */
		testDatabaseUrl: string | null
	}
}

/**
 * With DATABASE_URL set (CI), every run gets a fresh database on that server,
 * migrated once; without it, each test file opens an in-memory PGlite.
 */
export default async function setup(project: TestProject) {
	const baseUrl = process.env.DATABASE_URL
	if (!baseUrl) {
		project.provide('testDatabaseUrl', null)
		return
	}
	const fresh = await createFreshDatabase(baseUrl, `test_${project.name}`)
	const database = await openDatabase({ driver: 'postgres', url: fresh.url, poolSize: 2 })
	await migrateDatabase(database)
	await database.close()
	project.provide('testDatabaseUrl', fresh.url)
	return async () => {
		await fresh.drop()
	}
}
