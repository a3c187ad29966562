import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, vi } from 'vitest'
import { resetEnvCache } from '#app/config/env.server.ts'
import { startJobQueue, stopJobQueue } from '#app/jobs/queue.server.ts'
import { openDatabase, type Database } from '#db/client.server.ts'
import { useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { resetTestEnv } from './env.ts'
import { copyDatabase } from './test-database.ts'

let database: Database
/** This file's own copy of the migrated template database (PostgreSQL only). */
let ownDatabase: Awaited<ReturnType<typeof copyDatabase>> | null = null
let consoleErrors: unknown[][] = []
let allowErrors = false

/** Lets the current test log errors (it expects them). */
export function allowConsoleErrors() {
	allowErrors = true
}

export function testDatabase() {
	return database
}

beforeAll(async () => {
	resetTestEnv()
	const templateUrl = inject('testTemplateDatabaseUrl')
	const serverUrl = inject('testServerUrl')
	ownDatabase = templateUrl && serverUrl ? await copyDatabase(serverUrl, templateUrl, 'test_file') : null
	database = ownDatabase
		? await openDatabase({ driver: 'postgres', url: ownDatabase.url, poolSize: 4 })
		: await openDatabase({ driver: 'pglite' })
	await migrateDatabase(database)
	useDatabase(database)
	await startJobQueue(database)
})

beforeEach(async () => {
	resetTestEnv()
	// A clean slate per test: every table of ours, and pg-boss's jobs.
	const { rows } = await database.sql.executeSql(`select tablename from pg_tables where schemaname = 'public'`)
	await database.sql.executeSql(
		`truncate table ${rows.map((r) => `"${(r as { tablename: string }).tablename}"`).join(', ')} restart identity cascade`,
	)
	await database.sql.executeSql(`delete from pgboss.job`)
	consoleErrors = []
	allowErrors = false
	vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
		consoleErrors.push(args)
	})
})

afterEach(() => {
	vi.restoreAllMocks()
	// A stray console.error is a bug the test did not expect.
	if (!allowErrors) expect(consoleErrors, 'unexpected console.error').toEqual([])
})

afterAll(async () => {
	await stopJobQueue()
	useDatabase(undefined)
	await database?.close()
	await ownDatabase?.drop()
	resetEnvCache()
})
