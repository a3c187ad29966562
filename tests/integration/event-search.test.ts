import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { participantSearch, searchEvent } from '#app/events/boards.server.ts'
import { executeRows } from '#db/client.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { type Event } from '#db/schema.ts'
import { createOpenEvent } from '#tests/support/events.ts'

async function newEvent(): Promise<Event> {
	return createOpenEvent(await createPerson(db(), { firstName: 'Sara', lastName: 'Staff', role: 'staff' }))
}

let pages = 0
/** A participant's page in `event`, owned by a new person called `name`. */
async function page(
	event: Event,
	name: string,
	overrides: { title?: string; raisedMinor?: number; status?: 'active' | 'draft' | 'ended'; at?: number } = {},
) {
	const [firstName, lastName = ''] = name.split(' ')
	const owner = await createPerson(db(), { firstName, lastName })
	pages++
	return createCampaign(db(), {
		ownerId: owner.id,
		purpose: 'personal',
		eventId: event.id,
		slug: `page-${pages}-${event.slug}`,
		title: overrides.title ?? `${name}’s dip`,
		status: overrides.status ?? 'active',
		raisedMinor: overrides.raisedMinor ?? 0,
		raisedChangedAt: new Date(Date.UTC(2026, 0, 1) + (overrides.at ?? pages) * 1000),
	})
}

const found = async (event: Event, query: string) =>
	(await searchEvent(event.id, query)).participants.map((p) => `${p.name} / ${p.title}`)

describe('searching an event', () => {
	test('finds participants by name or by page title, each page once, in leaderboard order, only on the event’s public pages', async () => {
		const event = await newEvent()
		await page(event, 'Morag Brown', { raisedMinor: 500 })
		await page(event, 'Ann Lee', { title: 'Dipping for Morag', raisedMinor: 900 })
		await page(event, 'Morag Smith', { title: 'Morag dips', raisedMinor: 500, at: 0 })
		await page(event, 'Bob Jones', { raisedMinor: 5000 })
		await page(event, 'Morag Draft', { status: 'draft', raisedMinor: 9000 })
		await page(event, 'Morag Ended', { status: 'ended', raisedMinor: 100 })
		await page(await newEvent(), 'Morag Elsewhere', { raisedMinor: 9000 })

		expect(await found(event, '  morag ')).toEqual([
			'Ann Lee / Dipping for Morag',
			// Same total: whoever reached it first.
			'Morag Smith / Morag dips',
			'Morag Brown / Morag Brown’s dip',
			'Morag Ended / Morag Ended’s dip',
		])
		expect(await found(event, 'g sm')).toEqual(['Morag Smith / Morag dips'])
		expect(await found(event, 'nobody')).toEqual([])
	})

	test('shows the board’s first 20 matches when more match, by name and by title alike', async () => {
		const event = await newEvent()
		for (let i = 1; i <= 15; i++) await page(event, `Iona Runner${i}`, { title: `Page ${i}`, raisedMinor: i * 100 })
		for (let i = 1; i <= 15; i++)
			await page(event, `Cal Swimmer${i}`, { title: `Iona’s friend ${i}`, raisedMinor: i * 100 + 50 })
		const expected = [
			...Array.from({ length: 15 }, (_, i) => [(i + 1) * 100, `Iona Runner${i + 1} / Page ${i + 1}`] as const),
			...Array.from(
				{ length: 15 },
				(_, i) => [(i + 1) * 100 + 50, `Cal Swimmer${i + 1} / Iona’s friend ${i + 1}`] as const,
			),
		]
			.sort((a, b) => b[0] - a[0])
			.slice(0, 20)
			.map(([, shown]) => shown)
		expect(await found(event, 'iona')).toEqual(expected)
	})

	test('takes % and _ as letters, not wildcards', async () => {
		const event = await newEvent()
		await page(event, 'Pat Full', { title: '100% effort' })
		await page(event, 'Pat Nought', { title: '100 effort' })
		await page(event, 'Snake Case', { title: 'dip_2026' })
		await page(event, 'Dash Case', { title: 'dip-2026' })
		expect(await found(event, '0% e')).toEqual(['Pat Full / 100% effort'])
		expect(await found(event, 'p_2')).toEqual(['Snake Case / dip_2026'])
	})

	test('a rare name or title is read through the trigram indexes, not the event’s every page', async () => {
		const event = await newEvent()
		// 3,000 participants, one called Zebedee Quill.
		await db().execute(sql`
			with owners as (
				insert into people (email, first_name, last_name)
				select 'bulk-' || n || '@example.org', case when n = 1234 then 'Zebedee' else 'Runner' end,
					case when n = 1234 then 'Quill' else n::text end
				from generate_series(1, 3000) n
				returning id, email
			)
			insert into campaigns (owner_id, kind, purpose, event_id, slug, title, story, goal_minor, currency, status, raised_minor)
			select id, 'own_idea', 'personal', ${event.id}, 'bulk-' || split_part(email, '@', 1), 'Dip ' || email, '', 50000, 'GBP',
				'active', length(email) * 100
			from owners`)
		// As autovacuum would: statistics, and the new rows moved from the GIN indexes' pending lists into the indexes.
		await db().execute(sql`vacuum analyze people, campaigns`)
		// At this size a sequential scan of the small tables is cheapest, so they are ruled out: what is left to
		// choose from is the event's board index (every page, each owner looked up) or the trigram indexes.
		const plan = (query: string) =>
			db().transaction(async (tx) => {
				await tx.execute(sql`set local enable_seqscan = off`)
				const { sql: text, params } = participantSearch(event.id, query).toSQL()
				const bound = text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]))
				return JSON.stringify(await executeRows(tx, sql.raw(`explain (format json) ${bound}`)))
			})
		const byName = await plan('zebedee')
		expect(byName).toContain('people_name_trgm_idx')
		expect(byName).toContain('campaigns_title_trgm_idx')
		expect(byName).not.toContain('campaigns_event_board_idx')
		expect(await found(event, 'zebedee')).toEqual(['Zebedee Quill / Dip bulk-1234@example.org'])
	})
})

/** A bound value as an SQL literal (EXPLAIN cannot take parameters): the test's own strings and numbers only. */
function literal(value: unknown): string {
	if (typeof value === 'number') return String(value)
	return `'${String(value).replaceAll("'", "''")}'`
}
