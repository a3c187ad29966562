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
/** Empties the database between tests (see cleanSlateStatement). */
let cleanSlate = ''
let consoleErrors: unknown[][] = []
let allowErrors = false

/** Lets the current test log errors (it expects them). */
export function allowConsoleErrors() {
	allowErrors = true
}

/**
 * A clean slate per test: every row of every table of ours and pg-boss's
 * jobs, with sequences back at their start, in one round trip. It deletes
 * rather than truncates: TRUNCATE makes new files for each of the ~30 tables
 * and their indexes, which cost 0.1–1 s per test on PostgreSQL against a few
 * milliseconds for deleting the handful of rows a test writes. Like TRUNCATE
 * it first takes every table's exclusive lock, so it waits for work a
 * previous test left running and nothing slips in half-way; foreign keys are
 * not checked while it runs (every referencing row goes too), so the order
 * of the deletes does not matter. Several statements in one simple query run
 * as one transaction, which the lock and SET LOCAL last for.
 */
async function cleanSlateStatement(database: Database) {
	const names = async (query: string) =>
		(await database.sql.executeSql(query)).rows.map((row) => `"${(row as { name: string }).name}"`)
	const tables = await names(`select tablename as name from pg_tables where schemaname = 'public'`)
	const sequences = await names(`select sequencename as name from pg_sequences where schemaname = 'public'`)
	return [
		`lock table ${tables.join(', ')} in access exclusive mode`,
		`set local session_replication_role = replica`,
		...tables.map((table) => `delete from ${table}`),
		...sequences.map((sequence) => `alter sequence ${sequence} restart`),
		`delete from pgboss.job`,
	].join(';\n')
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
	cleanSlate = await cleanSlateStatement(database)
	useDatabase(database)
	await startJobQueue(database)
})

beforeEach(async () => {
	resetTestEnv()
	await database.sql.executeSql(cleanSlate)
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
