import http from 'node:http'
import zlib from 'node:zlib'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { executeRows } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { startHttpApp } from '#tests/support/http-app.ts'
import { waitFor } from '#tests/support/wait.ts'

/*
 * A staff member runs one heavy export at a time (a second is a 429), so a
 * download the client walks away from must give its slot back, and the
 * query behind it must stop. Measured through the real path: the built app
 * behind Express with compression, and a plain HTTP client that hangs up.
 */

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

let cookie: string
beforeEach(async () => {
	await createPerson(db(), { email: 'finance@example.org', role: 'staff' })
	const owner = await createPerson(db())
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'sofia-runs' })
	for (const donorName of ['Hannah Lee', 'Omar Said', 'Zoë Brook']) {
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 1500, donorName })
	}
	cookie = await app.signIn('finance@example.org')
})

type Download = {
	/** Resolves with the status and headers once they arrive. */
	started: Promise<http.IncomingMessage>
	/** Resolves once the first chunk of the body has arrived. */
	firstChunk: Promise<Buffer>
	/** Closes the connection, as a browser does when a download is cancelled or the tab is closed. */
	hangUp: () => void
}

/** A GET of the donations CSV by a client that can hang up at any moment (no keep-alive pool). */
function download(encoding: 'gzip' | 'identity'): Download {
	let hangUp = () => {}
	const started = new Promise<http.IncomingMessage>((resolve, reject) => {
		const request = http.get(
			`${app.origin}/staff/exports/donations.csv`,
			{ headers: { cookie, 'accept-encoding': encoding }, agent: false },
			resolve,
		)
		hangUp = () => request.destroy()
		request.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'ECONNRESET') reject(error)
		})
	})
	const firstChunk = started.then((response) => new Promise<Buffer>((resolve) => response.once('data', resolve)))
	return { started, firstChunk, hangUp: () => hangUp() }
}

/** How many statements wait for a lock on `table` (held by `lockTable`). */
async function waitingOn(table: 'sessions' | 'donations') {
	const [row] = await executeRows<{ waiting: number }>(
		db(),
		sql`select count(*)::int as waiting from pg_locks where not granted and relation = ${table}::regclass`,
	)
	return row!.waiting
}

/** Holds an exclusive lock on `table` (nobody reads it) until `release` is called. */
async function lockTable(table: 'sessions' | 'donations') {
	let release = () => {}
	const released = new Promise<void>((resolve) => (release = resolve))
	let locked = () => {}
	const isLocked = new Promise<void>((resolve) => (locked = resolve))
	const holding = db().transaction(async (tx) => {
		await tx.execute(sql.raw(`lock table "${table}" in access exclusive mode`))
		locked()
		await released
	})
	await isLocked
	return async () => {
		release()
		await holding
	}
}

/** The next download, read to its end: 200 with every donation, or the status it got. */
async function nextDownload() {
	const response = await app.get('/staff/exports/donations.csv', cookie)
	const text = await response.text()
	return { status: response.status, rows: text.split('\r\n').filter(Boolean).length - 1 }
}

describe.runIf(process.env.DATABASE_URL)('a staff export the client hangs up on', () => {
	for (const encoding of ['gzip', 'identity'] as const) {
		test(`hung up before it started (${encoding}): the staff member's next download is served`, async () => {
			// Signing the request in waits on the sessions table, so the client is gone before the export begins.
			const unlock = await lockTable('sessions')
			const gone = download(encoding)
			await waitFor(async () => (await waitingOn('sessions')) === 1, { what: 'the export to wait for its sign-in' })
			gone.hangUp()
			await new Promise((resolve) => setTimeout(resolve, 200))
			await unlock()
			// The abandoned request now goes on to its export; Remix throws away the response of a request whose
			// client left, so a slot taken for it would never be given back.
			await waitFor(async () => (await waitingOn('sessions')) === 0, { what: 'the abandoned request to go on' })
			await new Promise((resolve) => setTimeout(resolve, 200))
			expect(await nextDownload()).toEqual({ status: 200, rows: 3 })
		})

		test(`hung up mid-stream (${encoding}): its query is cancelled and the next download is served`, async () => {
			// The export's first page of rows waits for this lock, so its query is still running when the client leaves.
			const unlock = await lockTable('donations')
			try {
				const leaving = download(encoding)
				const response = await leaving.started
				expect(response.statusCode).toBe(200)
				expect(response.headers['content-encoding']).toBe(encoding === 'gzip' ? 'gzip' : undefined)
				await leaving.firstChunk
				await waitFor(async () => (await waitingOn('donations')) === 1, { what: 'the export to read its first page' })
				leaving.hangUp()
				// The lock is still held: only a cancel ends that statement.
				await waitFor(async () => (await waitingOn('donations')) === 0, {
					what: 'its query to be cancelled',
					timeoutMs: 3_000,
				})
			} finally {
				await unlock()
			}
			expect(await nextDownload()).toEqual({ status: 200, rows: 3 })
		})
	}

	test('a client that reads slowly is sent the export at its own pace, whole, and holds its slot until then', async () => {
		// Far more than the socket buffers hold between the two ends: about 40 MB of CSV, 20 MB gzipped.
		const [campaign] = await executeRows<{ id: string }>(db(), sql`select id from campaigns where slug = 'sofia-runs'`)
		await db().execute(sql`
			insert into donations (campaign_id, donor_name, donor_email, amount_minor, currency, status, created_at, succeeded_at, net_minor, message)
			select ${campaign!.id}, 'Donor ' || g, 'donor' || g || '@example.org', 500, 'GBP', 'succeeded',
				now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, 500,
				(select string_agg(md5(g::text || ':' || k::text), ' ') from generate_series(1, 10) k)
			from generate_series(1, 60000) g`)
		const slow = download('gzip')
		const response = await slow.started
		response.pause()
		// Read from the database only as fast as it is sent: had the server read on into its memory, the export
		// would be over (and the slot free) within a second or two.
		for (let i = 0; i < 8; i++) {
			await new Promise((resolve) => setTimeout(resolve, 500))
			expect((await nextDownload()).status).toBe(429)
		}
		const lines = await new Promise<number>((resolve, reject) => {
			let count = 0
			const text = response.pipe(zlib.createGunzip())
			text.on('data', (chunk: Buffer) => (count += chunk.toString('latin1').split('\n').length - 1))
			text.on('end', () => resolve(count))
			text.on('error', reject)
			response.resume()
		})
		expect(lines).toBe(1 + 60003)
		expect(await nextDownload()).toEqual({ status: 200, rows: 60003 })
	}, 60_000)
})
