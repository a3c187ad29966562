import { and, asc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm'
import { keptForEach } from '#app/utils/cache.server.ts'
import { countedDonationStatuses } from '#app/donations/ledger.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations, people, teams } from '#db/schema.ts'
import { listTeamStandings, readTeamTotals, type RollupTotals } from './totals.server.ts'

/** Rows on each page of a leaderboard (the event page shows the first). */
export const BOARD_PAGE_SIZE = 10
/** Leaderboards are read with small offsets only: deeper than this, people search by name instead. */
export const BOARD_MAX_PAGES = 50

export type FundraiserStanding = {
	rank: number
	slug: string
	title: string
	name: string
	teamName: string | null
	raisedMinor: number
	donorCount: number
}

const personName = sql<string>`trim(concat(${people.firstName}, ' ', ${people.lastName}))`
/** A participant's page the public may see (an unpaid registration's draft page is not on any board). */
// Literals, as in the board indexes' partial conditions, so even a generic plan can read those indexes.
const publicPersonalPage = sql`${campaigns.purpose} = 'personal' and ${campaigns.status} in ('active', 'ended')`
/** The leaderboard order: most raised, then whoever reached their total first. */
// Plain DESC (nulls first), the order of the board indexes, so a page is read from the index's start.
const boardOrder = [sql`${campaigns.raisedMinor} desc`, asc(campaigns.raisedChangedAt), asc(campaigns.id)]

/**
 * One page of the event's top fundraisers. The page's ids are counted off the
 * board index alone (an index-only scan past the offset); only its ten rows
 * then read their campaign, owner and team, not every row before them.
 */
export async function listTopFundraisers(eventId: string, page = 1): Promise<FundraiserStanding[]> {
	const offset = (Math.min(page, BOARD_MAX_PAGES) - 1) * BOARD_PAGE_SIZE
	const pageIds = db()
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(and(eq(campaigns.eventId, eventId), publicPersonalPage))
		.orderBy(...boardOrder)
		.limit(BOARD_PAGE_SIZE)
		.offset(offset)
	const rows = await db()
		.select({
			slug: campaigns.slug,
			title: campaigns.title,
			name: personName,
			teamName: teams.name,
			raisedMinor: campaigns.raisedMinor,
			donorCount: campaigns.donorCount,
		})
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.leftJoin(teams, eq(teams.id, campaigns.teamId))
		.where(inArray(campaigns.id, pageIds))
		.orderBy(...boardOrder)
	return rows.map((r, i) => ({ ...r, raisedMinor: Number(r.raisedMinor), rank: offset + i + 1 }))
}

export type TeamBoardRow = { rank: number; slug: string; name: string; raisedMinor: number; donorCount: number }

/** How long a process keeps an event's team board: the team totals and the team count it shows may be this old. */
export const TEAM_BOARD_SECONDS = 10

/**
 * The event's whole team board, worked out at most once per TEAM_BOARD_SECONDS
 * per process (one refresh at a time; views meanwhile read the last board):
 * summing every team's shards is a pass over all the event's teams (5,000
 * teams, 20,000 shard rows: tens of ms), which a view of one page of ten
 * should not pay. A team's own page reads its shards exactly (readTeamTotal).
 */
const keptTeamBoard = keptForEach(TEAM_BOARD_SECONDS, listTeamStandings)

/** One page of the event's top teams, from the kept board. */
export async function listTopTeams(eventId: string, page = 1): Promise<TeamBoardRow[]> {
	const offset = (Math.min(page, BOARD_MAX_PAGES) - 1) * BOARD_PAGE_SIZE
	const board = await keptTeamBoard(eventId)
	return board.slice(offset, offset + BOARD_PAGE_SIZE).map(({ teamId: _id, ...team }, i) => ({
		rank: offset + i + 1,
		...team,
	}))
}

/** How many teams the event has, from the kept board (participants are counted on the event's row as they join). */
export async function countEventTeams(eventId: string): Promise<number> {
	return (await keptTeamBoard(eventId)).length
}

/** A team's members with their page totals, in leaderboard order. */
export async function listTeamMembers(teamId: string, limit = 100) {
	const rows = await db()
		.select({
			slug: campaigns.slug,
			title: campaigns.title,
			name: personName,
			ownerId: campaigns.ownerId,
			raisedMinor: campaigns.raisedMinor,
			donorCount: campaigns.donorCount,
		})
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(and(eq(campaigns.teamId, teamId), publicPersonalPage))
		.orderBy(...boardOrder)
		.limit(limit)
	return rows.map((r) => ({ ...r, raisedMinor: Number(r.raisedMinor) }))
}

/** The totals of one team (members' gifts while in it + gifts to the team). */
export async function readTeamTotal(teamId: string): Promise<RollupTotals> {
	return (await readTeamTotals([teamId])).get(teamId) ?? { raisedMinor: 0, donorCount: 0, giftAidNetMinor: 0 }
}

/** Pages ahead of a page counted exactly, up to this many: further down, its place comes from the kept board. */
export const EXACT_RANK_WITHIN = 1000
/** How long a process keeps an event's whole board order for the places further down. */
export const BOARD_RANKS_SECONDS = 10

/**
 * Every public page of the event with its place, worked out at most once per
 * BOARD_RANKS_SECONDS per process (one refresh at a time): one pass of the
 * board index (100,000 pages: tens of ms) instead of a count of tens of
 * thousands of index entries at every view of a page far down the board.
 */
const keptBoardRanks = keptForEach(BOARD_RANKS_SECONDS, async (eventId: string) => {
	const rows = await db()
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(and(eq(campaigns.eventId, eventId), publicPersonalPage))
		.orderBy(...boardOrder)
	return new Map(rows.map((row, i) => [row.id, i + 1]))
})

/**
 * A page's place on its event's leaderboard: one plus the public pages ahead
 * of it (more raised, or as much reached earlier). Counted as two ranges of
 * the board index (more raised; as much, reached earlier) rather than one OR,
 * which the planner can only answer by scanning every campaign, and each
 * count stops at `exactWithin`: the top of the board, where places change
 * hands, is exact at every view and costs the same however big the event;
 * a page further down reads its place from the kept board (up to
 * BOARD_RANKS_SECONDS old), or, new since then, is counted in full.
 */
export async function participantRank(
	page: {
		id: string
		eventId: string
		raisedMinor: number
		raisedChangedAt: Date
	},
	exactWithin = EXACT_RANK_WITHIN,
): Promise<number> {
	const inBoard = and(eq(campaigns.eventId, page.eventId), publicPersonalPage)
	const moreRaised = sql`${campaigns.raisedMinor} > ${page.raisedMinor}`
	const reachedFirst = and(
		sql`${campaigns.raisedMinor} = ${page.raisedMinor}`,
		sql`(${campaigns.raisedChangedAt}, ${campaigns.id}) < (${page.raisedChangedAt.toISOString()}::timestamptz, ${page.id}::uuid)`,
	)
	const count = sql<number>`count(*)::int`.mapWith(Number)
	const ahead = async (condition: SQL | undefined, upTo?: number) => {
		const pagesAhead = db()
			.select({ one: sql`1` })
			.from(campaigns)
			.where(and(inBoard, condition))
		const [row] = await db()
			.select({ n: count })
			.from((upTo === undefined ? pagesAhead : pagesAhead.limit(upTo)).as('ahead'))
		return row?.n ?? 0
	}
	const [more, first] = await Promise.all([ahead(moreRaised, exactWithin), ahead(reachedFirst, exactWithin)])
	if (more + first < exactWithin) return more + first + 1
	const kept = (await keptBoardRanks(page.eventId)).get(page.id)
	if (kept !== undefined) return kept
	const [allMore, allFirst] = await Promise.all([ahead(moreRaised), ahead(reachedFirst)])
	return allMore + allFirst + 1
}

export type EventGift = {
	id: string
	displayName: string
	amountMinor: number | null
	currency: string
	message: string | null
	at: Date
	/** Where the gift went: a participant's page, a team, or the event itself. */
	to: { purpose: 'personal' | 'team' | 'event'; slug: string; title: string; teamSlug: string | null }
}

/**
 * The newest gifts across the event (pages, teams and the event itself),
 * still standing, with the donor's anonymity and hidden amounts kept.
 */
/** When a gift was paid (or started, if never stamped): the donor wall's order, never null. */
const giftOrder = sql`coalesce(${donations.succeededAt}, ${donations.createdAt})`

export async function listRecentEventGifts(eventId: string, limit = 10): Promise<EventGift[]> {
	const rows = await db()
		.select({
			id: donations.id,
			donorName: donations.donorName,
			anonymous: donations.anonymous,
			hideAmount: donations.hideAmount,
			amountMinor: donations.netMinor,
			currency: donations.currency,
			message: donations.message,
			at: giftOrder.mapWith(donations.succeededAt),
			purpose: campaigns.purpose,
			slug: campaigns.slug,
			title: campaigns.title,
			teamSlug: teams.slug,
		})
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.leftJoin(teams, eq(teams.id, campaigns.teamId))
		.where(
			and(
				eq(donations.eventId, eventId),
				// A literal 0, as in the partial index donations_event_wall_idx, so the plan reads that index.
				sql`${donations.netMinor} > 0`,
				inArray(donations.status, [...countedDonationStatuses]),
			),
		)
		.orderBy(sql`${giftOrder} desc`, sql`${donations.id} desc`)
		.limit(limit)
	return rows.map((r) => ({
		id: r.id,
		displayName: r.anonymous ? 'Anonymous' : r.donorName,
		amountMinor: r.hideAmount ? null : Number(r.amountMinor),
		currency: r.currency,
		message: r.message,
		at: r.at ?? new Date(0),
		to: { purpose: r.purpose, slug: r.slug, title: r.title, teamSlug: r.teamSlug },
	}))
}

/** `%` and `_` typed by a person are letters, not wildcards. */
function containing(text: string) {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** The name as `people_name_trgm_idx` holds it (`||`: both parts are never null, so it equals `personName`). */
const searchableName = sql<string>`trim(${people.firstName} || ' ' || ${people.lastName})`

/**
 * The event's public pages whose title or owner's name matches: the first `limit` in board order of each, as the
 * board's first `limit` matches are among them. Each half is planned on its own, so PostgreSQL picks per search
 * what reads least: a rare name or title through its trigram index (`campaigns_title_trgm_idx`,
 * `people_name_trgm_idx`), only the matches read however big the event; a common one (or one too short for
 * trigrams) down the board index until `limit` match. An OR across the two tables could only take the second way.
 */
function matchingPages(eventId: string, pattern: string, limit: number) {
	const inEvent = and(eq(campaigns.eventId, eventId), publicPersonalPage)
	const byTitle = db()
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(and(inEvent, ilike(campaigns.title, pattern)))
		.orderBy(...boardOrder)
		.limit(limit)
	const byName = db()
		.select({ id: campaigns.id })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(and(inEvent, ilike(searchableName, pattern)))
		.orderBy(...boardOrder)
		.limit(limit)
	return sql`${campaigns.id} in (${byTitle} union ${byName})`
}

/** The event's participants whose name or page title holds what a friend typed, in leaderboard order (the query). */
export function participantSearch(eventId: string, query: string, limit = 20) {
	return db()
		.select({ slug: campaigns.slug, title: campaigns.title, name: personName, raisedMinor: campaigns.raisedMinor })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(
			and(eq(campaigns.eventId, eventId), publicPersonalPage, matchingPages(eventId, containing(query.trim()), limit)),
		)
		.orderBy(...boardOrder)
		.limit(limit)
}

/** Participants (by name or page title) and teams (by name) of the event matching what a friend typed. */
export async function searchEvent(eventId: string, query: string, limit = 20) {
	const pattern = containing(query.trim())
	const [participants, teamRows] = await Promise.all([
		participantSearch(eventId, query, limit),
		db()
			.select({ slug: teams.slug, name: teams.name })
			.from(teams)
			.where(and(eq(teams.eventId, eventId), ilike(teams.name, pattern)))
			.orderBy(asc(sql`lower(${teams.name})`))
			.limit(limit),
	])
	return { participants: participants.map((p) => ({ ...p, raisedMinor: Number(p.raisedMinor) })), teams: teamRows }
}
