import { type TestProject } from 'vitest/node'
import { openDatabase } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { createFreshDatabase } from './test-database.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		/** A fresh, migrated database on the real server that each test file copies, or null to use embedded PGlite. */
		testTemplateDatabaseUrl: string | null
		/** The server's DATABASE_URL, from which test files ask for their copies. */
		testServerUrl: string | null
	}
}

/**
 * With DATABASE_URL set (CI), every run gets a fresh database on that server,
 * migrated once, which each test file copies for itself (so files run in
 * parallel); without it, each test file opens an in-memory PGlite.
 */
export default async function setup(project: TestProject) {
	const baseUrl = process.env.DATABASE_URL
	if (!baseUrl) {
		project.provide('testTemplateDatabaseUrl', null)
		project.provide('testServerUrl', null)
		return
	}
	const fresh = await createFreshDatabase(baseUrl, `test_${project.name}`)
	const database = await openDatabase({ driver: 'postgres', url: fresh.url, poolSize: 2 })
	await migrateDatabase(database)
	await database.close()
	project.provide('testTemplateDatabaseUrl', fresh.url)
	project.provide('testServerUrl', baseUrl)
	return async () => {
		await fresh.drop()
	}
}
