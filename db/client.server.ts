import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core'
import { Column, is, SQL, type DriverValueDecoder, type ExtractTablesWithRelations } from 'drizzle-orm'
import postgres from 'postgres'
import * as schema from './schema.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Either the database or a transaction on it: domain functions accept both. */
export type DbOrTx = Db | Tx

/**
 * Runs a raw SQL query and returns its rows, whichever driver runs it
 * (postgres.js answers with the rows, PGlite with `{ rows }`). For the few
 * statements drizzle's builders cannot express as one round trip.
 */
export async function executeRows<T>(tx: DbOrTx, query: SQL): Promise<T[]> {
	const result: unknown = await tx.execute(query)
	return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[]
}

/** A raw SQL runner in the shape pg-boss's `db` option expects. */
export type SqlExecutor = {
	executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
}

export type Database = {
	db: Db
	/** `postgres` for a real server, `pglite` for the embedded one. */
	driver: 'postgres' | 'pglite'
	/** The connection URL of a real server (absent for the embedded database). */
	url?: string
	/** Runs raw SQL on the database's own connection(s). */
	sql: SqlExecutor
	/** Runs raw SQL inside a drizzle transaction (for transactional job enqueueing). */
	sqlInTransaction: (tx: Tx) => SqlExecutor
	/** Runs `work` while holding a PostgreSQL session advisory lock (no-op on the single-connection embedded database). */
	withAdvisoryLock: <T>(key: number, work: () => Promise<T>) => Promise<T>
	/**
	 * Runs a select and hands each row to `onRow` as it arrives, decoded as
	 * drizzle decodes it, without collecting them. Its statement is cancelled
	 * in PostgreSQL once `signal` aborts (a download whose client went away),
	 * whether still queued for a connection or running; on the embedded
	 * database it runs to the end (one connection, no other session to send a
	 * cancel from). For exports: a row that is formatted and dropped at once
	 * dies young, where a page of rows collected until its last one came was
	 * kept past a garbage collection or two and promoted to V8's old
	 * generation, which then grew by hundreds of MB before a full collection
	 * (the 1M-row donations CSV took the process to 450 MB).
	 */
	eachRow: <Row>(query: RowsQuery<Row>, onRow: (row: Row) => void, signal?: AbortSignal) => Promise<void>
	close: () => Promise<void>
}

/** A drizzle select of one level of fields (no nested objects), as built, not yet run. */
export type RowsQuery<Row> = PromiseLike<Row[]> & {
	toSQL: () => { sql: string; params: unknown[] }
	_: { selectedFields: Record<string, unknown> }
}

/** How drizzle turns each selected field's driver value into the row's value (its mapResultRow, for flat fields). */
function fieldDecoders(query: RowsQuery<unknown>): {
	names: string[]
	decoders: DriverValueDecoder<unknown, unknown>[]
} {
	const fields = Object.entries(query._.selectedFields)
	return {
		names: fields.map(([name]) => name),
		decoders: fields.map(([name, field]) => {
			if (is(field, Column)) return field
			if (is(field, SQL)) return (field as unknown as { decoder: DriverValueDecoder<unknown, unknown> }).decoder
			if (is(field, SQL.Aliased))
				return (field.sql as unknown as { decoder: DriverValueDecoder<unknown, unknown> }).decoder
			throw new Error(`eachRow reads one level of fields; "${name}" is not a column or an SQL expression`)
		}),
	}
}

export type DatabaseOptions =
	| {
			driver: 'postgres'
			url: string
			poolSize?: number
			/** Every statement on these connections is cancelled by the server after this long (0 or absent: no limit). */
			statementTimeoutMs?: number
			/** Named prepared statements, per connection (default true); see DATABASE_PREPARED_STATEMENTS. */
			preparedStatements?: boolean
	  }
	| { driver: 'pglite'; dataDir?: string; pglite?: PGlite }

// pg-boss hands plain objects (job data) as parameters; serialise them as JSON
// so both drivers bind them the same way.
function normaliseValues(values: unknown[] | undefined) {
	return (values ?? []).map((value) =>
		value === undefined
			? null
			: value !== null &&
				  typeof value === 'object' &&
				  !(value instanceof Date) &&
				  !Array.isArray(value) &&
				  !(value instanceof Uint8Array)
				? JSON.stringify(value)
				: value,
	)
}

function postgresExecutor(client: postgres.Sql | postgres.TransactionSql): SqlExecutor {
	return {
		async executeSql(text, values) {
			const rows =
				values && values.length > 0
					? await client.unsafe(text, normaliseValues(values) as postgres.ParameterOrJSON<never>[])
					: await client.unsafe(text)
			return { rows: Array.from(rows) }
		},
	}
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>

function pgliteExecutor(client: PgliteLike): SqlExecutor {
	return {
		async executeSql(text, values) {
			if (values && values.length > 0) {
				const result = await client.query(text, normaliseValues(values))
				return { rows: result.rows }
			}
			// A statement without parameters may hold several commands, which a
			// prepared statement cannot; exec runs them and we return the last result.
			const results = await client.exec(text)
			return { rows: results.at(-1)?.rows ?? [] }
		},
	}
}

// drizzle keeps the driver's transaction client on the session; reaching it
// lets the job queue insert its row in the very same transaction.
function driverClientOf(tx: Tx): unknown {
	return (tx as unknown as { session: { client: unknown } }).session.client
}

/**
 * The postgres.js client, except that each query run through `unsafe` is
 * cancelled when `signal` aborts; a query that has settled is left alone.
 */
function cancellingClient(client: postgres.Sql, signal: AbortSignal): postgres.Sql {
	const unsafe = (...args: Parameters<postgres.Sql['unsafe']>) => {
		const query = client.unsafe(...args)
		// The cancel request goes out on a connection of its own; if the server cannot be reached, the
		// query fails by itself (patches/postgres+3.4.9.patch makes cancel() return that request's promise).
		const cancel = () => void Promise.resolve(query.cancel() as unknown).catch(() => {})
		if (signal.aborted) cancel()
		else {
			signal.addEventListener('abort', cancel, { once: true })
			// Removed once the query is answered, so a long download does not collect one listener per page.
			// Subscribed a microtask later: awaiting a postgres.js query is what sends it, and the caller first
			// sets how the rows come back (`.values()`, `.forEach()`) on the query this returns.
			const forget = () => signal.removeEventListener('abort', cancel)
			queueMicrotask(() => void query.then(forget, forget))
		}
		return query
	}
	return new Proxy(client, {
		get: (target, key): unknown => (key === 'unsafe' ? unsafe : Reflect.get(target, key)),
	})
}

function lockEmbeddedDataDir(dataDir: string) {
	fs.mkdirSync(dataDir, { recursive: true })
	const lockFile = path.join(dataDir, 'app.lock')
	try {
		const pid = Number(fs.readFileSync(lockFile, 'utf8'))
		if (pid && pid !== process.pid) {
			try {
				process.kill(pid, 0)
				throw new Error(
					`The embedded database in ${dataDir} is already open in process ${pid}. ` +
						'Stop that process, or set DATABASE_URL to share a real PostgreSQL server between processes.',
				)
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
			}
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
	}
	fs.writeFileSync(lockFile, String(process.pid))
	return () => {
		try {
			if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile)
		} catch {
			// already gone
		}
	}
}

/** Seconds before a reconnect after `retries` failed connections: 50 ms doubling, never more than a second, with jitter. */
export function reconnectDelaySeconds(retries: number): number {
	return Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2)
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	if (options.driver === 'postgres') {
		const client = postgres(options.url, {
			max: options.poolSize ?? 10,
			onnotice: () => {},
			// Each statement is parsed and planned once per connection, then run with new values (drizzle is patched
			// to ask for this: patches/drizzle-orm+*.patch). Unprepared, PostgreSQL spent half its CPU per counted gift
			// parsing and planning. PostgreSQL's own plan cache then chooses a generic plan only where it costs no
			// more than the custom ones; statements whose plans depend on a literal (partial indexes) keep it literal.
			prepare: options.preparedStatements ?? true,
			// postgres.js counts every failed connection of the pool in one shared
			// retry count and waits 3^n/100 s (up to 20 s) before reconnecting, so a
			// one-second restart under load left the app unanswering for 20 s. Wait
			// at most about a second instead: a restart is over when the server is back.
			backoff: reconnectDelaySeconds,
			// A runaway query (a report over a huge table, a client that left) is
			// cancelled by the server instead of holding a connection for minutes.
			connection: {
				application_name: 'fundraising',
				...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
				// No JIT: our statements are short and prepared, and a generic plan's guess (LIMIT $1 read as 10 % of a
				// million rows) made PostgreSQL compile each export page for 0.5 s (1–3 s on a busy machine) to run it in 4 ms.
				jit: 'off',
			},
		})
		const db = drizzlePostgres({ client, schema }) as unknown as Db
		return {
			db,
			driver: 'postgres',
			url: options.url,
			sql: postgresExecutor(client),
			sqlInTransaction: (tx) => postgresExecutor(driverClientOf(tx) as postgres.TransactionSql),
			async withAdvisoryLock(key, work) {
				const session = await client.reserve()
				try {
					await session`select pg_advisory_lock(${key})`
					try {
						return await work()
					} finally {
						await session`select pg_advisory_unlock(${key})`
					}
				} finally {
					session.release()
				}
			},
			async eachRow(query, onRow, signal) {
				const { names, decoders } = fieldDecoders(query)
				const { sql, params } = query.toSQL()
				const runner = signal ? cancellingClient(client, signal) : client
				// As drizzle runs a select (rows as arrays), but row by row (postgres.js forEach), and unnamed on purpose:
				// each export page is planned for its own values (a generic plan read LIMIT $1 as 10 % of a million rows).
				await runner
					.unsafe(sql, params as postgres.ParameterOrJSON<never>[], { prepare: false })
					.values()
					.forEach((values: unknown[]) => {
						const row: Record<string, unknown> = {}
						for (let i = 0; i < names.length; i++) {
							const value = values[i]
							row[names[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value)
						}
						onRow(row as never)
					})
			},
			close: () => client.end({ timeout: 5 }),
		}
	}
	let unlock = () => {}
	let pglite = options.pglite
	if (!pglite) {
		if (options.dataDir) unlock = lockEmbeddedDataDir(options.dataDir)
		// pg_trgm: the migrations create it for the search indexes (PostgreSQL ships it; PGlite loads it as a bundle).
		const extensions = { pg_trgm }
		pglite = options.dataDir
			? new PGlite(path.join(options.dataDir, 'pgdata'), { extensions })
			: new PGlite({ extensions })
		await pglite.waitReady
	}
	const client = pglite
	const db = drizzlePglite({ client, schema }) as unknown as Db
	return {
		db,
		driver: 'pglite',
		sql: pgliteExecutor(client),
		sqlInTransaction: (tx) => pgliteExecutor(driverClientOf(tx) as PgliteLike),
		withAdvisoryLock: (_key, work) => work(),
		// One connection in this process: the rows are all here at once anyway.
		eachRow: async (query, onRow) => {
			for (const row of await query) onRow(row)
		},
		close: async () => {
			if (!client.closed) await client.close()
			unlock()
		},
	}
}
