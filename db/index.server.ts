import path from 'node:path'
import { getEnv } from '#app/config/env.server.ts'
import { openDatabase, type Database, type Db, type RowsQuery } from './client.server.ts'

// Kept on globalThis so the server entry and the Remix build (two module
// graphs in one process) share one database client.
const registry = globalThis as typeof globalThis & { __fundraisingDatabase?: Database }

/** Opens the database the environment names: DATABASE_URL, or the embedded one in DATA_DIR. */
export async function openConfiguredDatabase(): Promise<Database> {
	const env = getEnv()
	return env.DATABASE_URL
		? openDatabase({
				driver: 'postgres',
				url: env.DATABASE_URL,
				poolSize: env.DATABASE_POOL_SIZE,
				statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
				preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
			})
		: openDatabase({ driver: 'pglite', dataDir: path.resolve(env.DATA_DIR) })
}

/** Makes `database` the process's database (at start, or per test file). */
export function useDatabase(database: Database | undefined) {
	registry.__fundraisingDatabase = database
}

export function getDatabase(): Database {
	const database = registry.__fundraisingDatabase
	if (!database) throw new Error('The database has not been opened yet (call useDatabase at start).')
	return database
}

/** The drizzle client: the one way the app talks to the database. */
export function db(): Db {
	return getDatabase().db
}

/**
 * A query drizzle builds once per database and then runs with new values
 * (`sql.placeholder`). Building a query's SQL costs more than one would think
 * (measured: 4 % of the campaign page's CPU for its three queries), which
 * the pages every visitor opens need not pay at every view.
 */
export function preparedQuery<Query>(build: (db: Db) => Query): () => Query {
	const byDatabase = new WeakMap<Db, Query>()
	return () => {
		const current = db()
		let query = byDatabase.get(current)
		if (query === undefined) {
			query = build(current)
			byDatabase.set(current, query)
		}
		return query
	}
}

/**
 * Runs a select (built on `db()`) and hands each row to `onRow` as it
 * arrives, without collecting them; cancelled once `signal` aborts. For the
 * pages of an export (see Database.eachRow).
 */
export function eachRow<Row>(query: RowsQuery<Row>, onRow: (row: Row) => void, signal?: AbortSignal): Promise<void> {
	return getDatabase().eachRow(query, onRow, signal)
}
