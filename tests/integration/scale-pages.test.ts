import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	csvChunks,
	csvHeaderLine,
	csvLine,
	csvText,
	exportPagesQueued,
	type CsvColumn,
	type KeysetPage,
} from '#app/staff/csv.server.ts'
import { csvDownload } from '#app/staff/reporting.server.ts'
import { openDatabase } from '#db/client.server.ts'
import { campaigns } from '#db/schema.ts'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { db, eachRow, getDatabase } from '#db/index.server.ts'
import { donations } from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

describe('donor wall pages', () => {
	let app: Awaited<ReturnType<typeof startHttpApp>>
	beforeAll(async () => {
		app = await startHttpApp()
	})
	afterAll(async () => {
		await app?.close()
	})

	const page = async (path: string) => (await (await app.get(path)).text()).replaceAll('<!-- -->', '')
	const names = (html: string) => [...html.matchAll(/>(Giver \d+)</g)].map((m) => m[1])
	const links = (html: string): Record<string, string | undefined> =>
		Object.fromEntries(
			[...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(← Newer|Older →)<\/a>/g)].map((m): [string, string] => [
				m[2]!,
				m[1]!.replaceAll('&amp;', '&'),
			]),
		)

	test('older and newer are plain links to the gifts either side of the page, by keyset, and list every gift once', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'many-gifts' })
		const start = Date.parse('2025-05-01T12:00:00Z')
		for (let i = 1; i <= 45; i++) {
			await createSucceededDonation(db(), {
				campaignId: campaign.id,
				amountMinor: 1000,
				donorName: `Giver ${i}`,
				succeededAt: new Date(start + i * 60_000),
			})
		}
		const first = await page('/f/many-gifts')
		expect(names(first)).toEqual(Array.from({ length: 20 }, (_, i) => `Giver ${45 - i}`))
		expect(first).toContain('Page 1 of 3')
		const older = links(first)['Older →']!
		expect(older).toMatch(/^\/f\/many-gifts\?before=[0-9a-f-]{36}&page=2$/)

		const second = await page(older)
		expect(names(second)).toEqual(Array.from({ length: 20 }, (_, i) => `Giver ${25 - i}`))
		expect(second).toContain('Page 2 of 3')
		const third = await page(links(second)['Older →']!)
		expect(names(third)).toEqual(['Giver 5', 'Giver 4', 'Giver 3', 'Giver 2', 'Giver 1'])
		expect(links(third)['Older →']).toBeUndefined()

		const backToSecond = await page(links(third)['← Newer']!)
		expect(names(backToSecond)).toEqual(names(second))
		expect(links(backToSecond)['← Newer']).toBe('/f/many-gifts')
		// A malformed position shows the first page rather than an error.
		const malformed = await app.get('/f/many-gifts?before=nope&page=7')
		expect(malformed.status).toBe(200)
		expect(names(await malformed.text())).toEqual(names(first))
	})
})

describe('CSV exports', () => {
	test('each column carries its own header and value, and text that looks like a formula is defused', async () => {
		type Gift = { name: string; amount: number }
		const columns: CsvColumn<Gift>[] = [
			{ header: 'donor_name', value: (g) => g.name },
			{ header: 'amount', value: (g) => g.amount },
		]
		expect(csvHeaderLine(columns)).toBe('donor_name,amount\r\n')
		expect(csvLine(columns, { name: '=HYPERLINK("x")', amount: 5 })).toBe(`"'=HYPERLINK(""x"")",5\r\n`)
		const all = [1, 2, 3, 4, 5].map((n) => ({ name: `G${n}`, amount: n }))
		const text = await csvText<Gift>(
			columns,
			(after, size, onRow) => {
				const from = after ? all.findIndex((g) => g.name === after.name) + 1 : 0
				all.slice(from, from + size).forEach(onRow)
				return Promise.resolve()
			},
			{ size: 2 },
		)
		expect(text).toBe('donor_name,amount\r\nG1,1\r\nG2,2\r\nG3,3\r\nG4,4\r\nG5,5\r\n')
	})

	test("continuation pages of all exports take turns, one at a time, and a new export's first rows never wait for them", async () => {
		type Numbered = { n: number }
		const columns: CsvColumn<Numbered>[] = [{ header: 'n', value: (r) => r.n }]
		let continuing = 0
		let mostContinuing = 0
		const held: (() => void)[] = []
		// Numbers 1…total, `size` a page; a continuation page holds until the test lets it go.
		const numbers =
			(total: number): KeysetPage<Numbered> =>
			async (after, size, onRow) => {
				if (after) {
					continuing++
					mostContinuing = Math.max(mostContinuing, continuing)
					await new Promise<void>((resolve) => held.push(resolve))
					continuing--
				}
				const from = after?.n ?? 0
				for (let n = from + 1; n <= Math.min(total, from + size); n++) onRow({ n })
			}
		const text = (chunk: IteratorResult<Uint8Array>) => (chunk.done ? '' : new TextDecoder().decode(chunk.value))
		const settle = () => new Promise((resolve) => setTimeout(resolve, 20))
		const started = async (total: number, signal?: AbortSignal) => {
			const rows = csvChunks(columns, numbers(total), { size: 2, signal })
			expect(text(await rows.next())).toBe('n\r\n')
			expect(text(await rows.next())).toBe('1\r\n2\r\n')
			return rows
		}

		const first = await started(6)
		const second = await started(6)
		const firstNext = first.next()
		const secondNext = second.next()
		await settle()
		expect(held).toHaveLength(1)
		expect(exportPagesQueued()).toBe(1)
		// A download started now gets its first rows at once, though two pages are ahead of it.
		const third = await started(6)

		held.shift()!()
		expect(text(await firstNext)).toBe('3\r\n4\r\n')
		await settle()
		expect(held).toHaveLength(1)
		held.shift()!()
		expect(text(await secondNext)).toBe('3\r\n4\r\n')
		expect(mostContinuing).toBe(1)

		// An export whose client goes away while its page waits for a turn leaves the queue and ends.
		const client = new AbortController()
		const leaving = await started(6, client.signal)
		const thirdNext = third.next()
		const leavingNext = leaving.next()
		await settle()
		expect(exportPagesQueued()).toBe(1)
		client.abort()
		expect(await leavingNext).toEqual({ done: true, value: undefined })
		expect(exportPagesQueued()).toBe(0)
		held.shift()!()
		expect(text(await thirdNext)).toBe('3\r\n4\r\n')
		for (const rows of [first, second, third]) void rows.return(undefined)
		for (const release of held.splice(0)) release()
	})

	test('a staff member gets one export at a time: a second while the first streams is a 429, and leaving frees it', async () => {
		let finish = () => {}
		const held = new Promise<void>((resolve) => (finish = resolve))
		const slowExport = async function* () {
			yield 'a\r\n'
			await held
			yield 'b\r\n'
		}
		const firstClient = new AbortController()
		const first = csvDownload('staff-1', 'donations', slowExport, firstClient.signal)
		expect(first.status).toBe(200)
		const reader = first.body!.getReader()
		await reader.read()
		const second = csvDownload('staff-1', 'donations', slowExport, new AbortController().signal)
		expect(second.status).toBe(429)
		expect(await second.text()).toMatch(/already have an export downloading/)
		// Another staff member is not held up by it.
		expect(csvDownload('staff-2', 'donations', slowExport, new AbortController().signal).status).toBe(200)

		// The first client goes away: its export stops and the next one is served.
		firstClient.abort()
		finish()
		const third = csvDownload('staff-1', 'donations', slowExport, new AbortController().signal)
		expect(third.status).toBe(200)
		expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await third.arrayBuffer())).toBe('\uFEFFa\r\nb\r\n')
		expect(csvDownload('staff-1', 'donations', slowExport, new AbortController().signal).status).toBe(200)
	})
})

describe.runIf(process.env.DATABASE_URL)('statement timeout', () => {
	test('a statement running longer than the configured timeout is cancelled by the server', async () => {
		const url = getDatabase().url!
		const limited = await openDatabase({ driver: 'postgres', url, poolSize: 1, statementTimeoutMs: 200 })
		try {
			await expect(limited.sql.executeSql('select pg_sleep(2)')).rejects.toThrow(/statement timeout/)
			await expect(limited.sql.executeSql('select 1 as one')).resolves.toEqual({ rows: [{ one: 1 }] })
		} finally {
			await limited.close()
		}
	})

	test('eachRow hands over each row as it arrives, decoded as drizzle decodes a select, and stops when cancelled', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'row-by-row' })
		for (let i = 1; i <= 3; i++) {
			await createSucceededDonation(db(), {
				campaignId: campaign.id,
				amountMinor: 1000 * i,
				donorName: `Row ${i}`,
				succeededAt: new Date(Date.parse('2025-05-01T12:00:00Z') + i * 1234),
			})
		}
		const query = () =>
			db()
				.select({
					id: donations.id,
					succeededAt: donations.succeededAt,
					amountMinor: donations.amountMinor,
					doubled: sql<number>`(${donations.amountMinor} * 2)::bigint`.mapWith(Number),
					message: donations.message,
				})
				.from(donations)
				.where(eq(donations.campaignId, campaign.id))
				.orderBy(donations.succeededAt)
		const rows: Awaited<ReturnType<typeof query>> = []
		await eachRow(query(), (row) => rows.push(row))
		expect(rows).toEqual(await query())
		expect(rows[0]!.succeededAt).toEqual(new Date('2025-05-01T12:00:01.234Z'))
		expect(rows.map((r) => r.doubled)).toEqual([2000, 4000, 6000])

		const gone = new AbortController()
		gone.abort()
		const seen: unknown[] = []
		await expect(eachRow(query(), (row) => seen.push(row), gone.signal)).rejects.toThrow(/cancel/)
		expect(seen).toEqual([])
	})

	test('a statement that fails part-way through its rows leaves the next result on its connection whole', async () => {
		// One connection: the next statement runs where the failed one's rows stopped (postgres.js kept counting
		// from there until patches/postgres+3.4.9.patch; a cancelled export page did the same).
		const one = await openDatabase({ driver: 'postgres', url: getDatabase().url!, poolSize: 1 })
		try {
			await expect(
				one.sql.executeSql(
					'select g, case when g < 20000 then g else 1 / (g - g) end from generate_series(1, 40000) g',
				),
			).rejects.toThrow(/division by zero/)
			const { rows } = await one.sql.executeSql('select g from generate_series(1, 3) g')
			expect(rows).toHaveLength(3)
			expect(rows).toEqual([{ g: 1 }, { g: 2 }, { g: 3 }])
		} finally {
			await one.close()
		}
	})
})

describe.runIf(process.env.DATABASE_URL)('prepared statements', () => {
	/** The statements the connection holds prepared after the app's query builder ran one query twice. */
	async function preparedAfterTwoQueries(preparedStatements: boolean | undefined) {
		const one = await openDatabase({ driver: 'postgres', url: getDatabase().url!, poolSize: 1, preparedStatements })
		try {
			const title = (slug: string) =>
				one.db.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.slug, slug))
			await title('no-such-page')
			await title('another-missing-page')
			const { rows } = await one.sql.executeSql(
				`select statement from pg_prepared_statements where statement like '%"campaigns"."slug" = $1%'`,
			)
			return rows.map((row) => (row as { statement: string }).statement)
		} finally {
			await one.close()
		}
	}

	test("the app's queries are parsed and planned once per connection, then run with new values", async () => {
		// drizzle asked postgres.js for an unnamed statement unless a query was given a name (patches/drizzle-orm+*.patch).
		expect(await preparedAfterTwoQueries(undefined)).toHaveLength(1)
	})

	test('DATABASE_PREPARED_STATEMENTS=false (PgBouncer before 1.21) prepares none', async () => {
		expect(await preparedAfterTwoQueries(false)).toEqual([])
	})
})
