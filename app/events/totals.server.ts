import { desc, eq, inArray, sql } from 'drizzle-orm'
import { type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import {
	EVENT_TOTAL_SHARDS,
	TEAM_TOTAL_SHARDS,
	donations,
	eventTotalShards,
	events,
	moneyMovements,
	teamTotalShards,
	teams,
} from '#db/schema.ts'

/** An event's or a team's totals, summed over its shards (giftAidNetMinor: the net of its Gift Aid eligible gifts). */
export type RollupTotals = { raisedMinor: number; donorCount: number; giftAidNetMinor: number }

const ZERO_TOTALS: RollupTotals = { raisedMinor: 0, donorCount: 0, giftAidNetMinor: 0 }

/**
 * Which counter row a campaign's movements go to: the first 32 bits of its
 * (random) id, so the pages of one event spread evenly over the shards and
 * one page always lands on the same one (event shard, then team shard: a
 * fixed order, so two gifts never wait on each other's rows in a cycle).
 */
export function shardOf(campaignId: string, shards: number): number {
	return Number.parseInt(campaignId.replaceAll('-', '').slice(0, 8), 16) % shards
}

/**
 * Adds a movement to the totals of the event and team it counts for, in the
 * movement's transaction. Called by recordMovement only.
 */
export async function addToEventTotals(
	tx: Tx,
	move: {
		eventId: string | null
		teamId: string | null
		campaignId: string
		amountMinor: number
		donorChange: number
		/** The part of amountMinor that is a Gift Aid eligible gift's (all of it, or nothing). */
		giftAidChange: number
	},
) {
	if (move.eventId) {
		await tx
			.insert(eventTotalShards)
			.values({
				eventId: move.eventId,
				shard: shardOf(move.campaignId, EVENT_TOTAL_SHARDS),
				raisedMinor: move.amountMinor,
				donorCount: move.donorChange,
				giftAidNetMinor: move.giftAidChange,
			})
			.onConflictDoUpdate({
				target: [eventTotalShards.eventId, eventTotalShards.shard],
				set: {
					raisedMinor: sql`${eventTotalShards.raisedMinor} + ${move.amountMinor}`,
					donorCount: sql`${eventTotalShards.donorCount} + ${move.donorChange}`,
					giftAidNetMinor: sql`${eventTotalShards.giftAidNetMinor} + ${move.giftAidChange}`,
					changedAt: sql`now()`,
				},
			})
	}
	if (move.eventId && move.teamId) {
		await tx
			.insert(teamTotalShards)
			.values({
				teamId: move.teamId,
				eventId: move.eventId,
				shard: shardOf(move.campaignId, TEAM_TOTAL_SHARDS),
				raisedMinor: move.amountMinor,
				donorCount: move.donorChange,
				giftAidNetMinor: move.giftAidChange,
			})
			.onConflictDoUpdate({
				target: [teamTotalShards.teamId, teamTotalShards.shard],
				set: {
					raisedMinor: sql`${teamTotalShards.raisedMinor} + ${move.amountMinor}`,
					donorCount: sql`${teamTotalShards.donorCount} + ${move.donorChange}`,
					giftAidNetMinor: sql`${teamTotalShards.giftAidNetMinor} + ${move.giftAidChange}`,
					changedAt: sql`now()`,
				},
			})
	}
}

/** The event's total and donor count (at most EVENT_TOTAL_SHARDS rows read). */
export async function readEventTotals(eventId: string, tx: DbOrTx = db()): Promise<RollupTotals> {
	const [row] = await tx
		.select({
			raisedMinor: sql<number>`coalesce(sum(${eventTotalShards.raisedMinor}), 0)::bigint`.mapWith(Number),
			donorCount: sql<number>`coalesce(sum(${eventTotalShards.donorCount}), 0)::int`.mapWith(Number),
			giftAidNetMinor: sql<number>`coalesce(sum(${eventTotalShards.giftAidNetMinor}), 0)::bigint`.mapWith(Number),
		})
		.from(eventTotalShards)
		.where(eq(eventTotalShards.eventId, eventId))
	return row ?? { ...ZERO_TOTALS }
}

/** Totals of the given teams, by team id (teams without gifts are at zero). */
export async function readTeamTotals(teamIds: string[], tx: DbOrTx = db()): Promise<Map<string, RollupTotals>> {
	const totals = new Map<string, RollupTotals>(teamIds.map((id) => [id, { ...ZERO_TOTALS }]))
	if (teamIds.length === 0) return totals
	const rows = await tx
		.select({
			teamId: teamTotalShards.teamId,
			raisedMinor: sql<number>`sum(${teamTotalShards.raisedMinor})::bigint`.mapWith(Number),
			donorCount: sql<number>`sum(${teamTotalShards.donorCount})::int`.mapWith(Number),
			giftAidNetMinor: sql<number>`sum(${teamTotalShards.giftAidNetMinor})::bigint`.mapWith(Number),
		})
		.from(teamTotalShards)
		.where(inArray(teamTotalShards.teamId, teamIds))
		.groupBy(teamTotalShards.teamId)
	for (const { teamId, ...r } of rows) totals.set(teamId, r)
	return totals
}

export type TeamStanding = { teamId: string; slug: string; name: string; raisedMinor: number; donorCount: number }

/**
 * Every team of the event by amount raised, ties to the team that got there
 * first; teams without a gift yet follow, oldest first. One pass over the
 * event's team shards (4 rows a team), never the ledger: its cost grows with
 * the event's teams, so pages read it through the kept board (boards.server.ts).
 */
export async function listTeamStandings(eventId: string): Promise<TeamStanding[]> {
	const raised = sql<number>`coalesce(sum(${teamTotalShards.raisedMinor}), 0)::bigint`
	const reachedAt = sql`max(${teamTotalShards.changedAt})`
	return db()
		.select({
			teamId: teams.id,
			slug: teams.slug,
			name: teams.name,
			raisedMinor: raised.mapWith(Number),
			donorCount: sql<number>`coalesce(sum(${teamTotalShards.donorCount}), 0)::int`.mapWith(Number),
		})
		.from(teams)
		.leftJoin(teamTotalShards, eq(teamTotalShards.teamId, teams.id))
		.where(eq(teams.eventId, eventId))
		.groupBy(teams.id)
		.orderBy(desc(raised), sql`${reachedAt} asc nulls last`, teams.createdAt, teams.id)
}

/** An event or team whose stored totals differ from the money record. */
export type RollupDrift = {
	scope: 'event' | 'team'
	id: string
	slug: string
	storedRaised: number
	ledgerRaised: number
	storedDonors: number
	ledgerDonors: number
	storedGiftAidNet: number
	ledgerGiftAidNet: number
}

/**
 * The events (or teams) whose shard sums differ from the movements stamped
 * with them: net per donation, then raised and donors per scope, against the
 * shards' sums. One query shape for both scopes, so the two checks cannot drift apart.
 */
function rollupDriftSql(scope: {
	movementScope: AnyPgColumn
	shardScope: AnyPgColumn
	shards: PgTable
	raised: AnyPgColumn
	donors: AnyPgColumn
	giftAidNet: AnyPgColumn
	scopes: typeof events | typeof teams
}) {
	return sql`
		with per_donation as (
			select ${scope.movementScope} as scope_id, ${moneyMovements.donationId} as donation_id, sum(${moneyMovements.amountMinor}) as net
			from ${moneyMovements} where ${scope.movementScope} is not null
			group by 1, 2
		), ledger as (
			select p.scope_id, sum(p.net) as raised, count(*) filter (where p.donation_id is not null and p.net > 0) as donors,
				coalesce(sum(p.net) filter (where d.gift_aid_status = 'eligible'), 0) as gift_aid_net
			from per_donation p left join ${donations} d on d.id = p.donation_id group by 1
		), stored as (
			select ${scope.shardScope} as scope_id, sum(${scope.raised}) as raised, sum(${scope.donors}) as donors,
				sum(${scope.giftAidNet}) as gift_aid_net
			from ${scope.shards} group by 1
		)
		select x.id, x.slug,
			coalesce(s.raised, 0)::bigint as stored_raised, coalesce(l.raised, 0)::bigint as ledger_raised,
			coalesce(s.donors, 0)::int as stored_donors, coalesce(l.donors, 0)::int as ledger_donors,
			coalesce(s.gift_aid_net, 0)::bigint as stored_gift_aid_net, coalesce(l.gift_aid_net, 0)::bigint as ledger_gift_aid_net
		from ${scope.scopes} x left join ledger l on l.scope_id = x.id left join stored s on s.scope_id = x.id
		where coalesce(s.raised, 0) <> coalesce(l.raised, 0) or coalesce(s.donors, 0) <> coalesce(l.donors, 0)
			or coalesce(s.gift_aid_net, 0) <> coalesce(l.gift_aid_net, 0)`
}

/**
 * Every event and team whose shard sums differ from the movements stamped
 * with it (should be none): grouped passes over the stamped movements, per
 * donation then per event or team, as findMoneyDrift does for pages.
 */
export async function findRollupDrift(): Promise<{
	checkedEvents: number
	checkedTeams: number
	drift: RollupDrift[]
}> {
	const eventRows = await db().execute<Record<string, unknown>>(
		rollupDriftSql({
			movementScope: moneyMovements.eventId,
			shardScope: eventTotalShards.eventId,
			shards: eventTotalShards,
			raised: eventTotalShards.raisedMinor,
			donors: eventTotalShards.donorCount,
			giftAidNet: eventTotalShards.giftAidNetMinor,
			scopes: events,
		}),
	)
	const teamRows = await db().execute<Record<string, unknown>>(
		rollupDriftSql({
			movementScope: moneyMovements.teamId,
			shardScope: teamTotalShards.teamId,
			shards: teamTotalShards,
			raised: teamTotalShards.raisedMinor,
			donors: teamTotalShards.donorCount,
			giftAidNet: teamTotalShards.giftAidNetMinor,
			scopes: teams,
		}),
	)
	const [counts] = await db()
		.select({
			events: sql<number>`(select count(*) from ${events})::int`.mapWith(Number),
			teams: sql<number>`(select count(*) from ${teams})::int`.mapWith(Number),
		})
		.from(sql`(select 1) one`)
	const toDrift = (scope: RollupDrift['scope']) => (r: Record<string, unknown>) => ({
		scope,
		id: String(r.id),
		slug: String(r.slug),
		storedRaised: Number(r.stored_raised),
		ledgerRaised: Number(r.ledger_raised),
		storedDonors: Number(r.stored_donors),
		ledgerDonors: Number(r.ledger_donors),
		storedGiftAidNet: Number(r.stored_gift_aid_net),
		ledgerGiftAidNet: Number(r.ledger_gift_aid_net),
	})
	return {
		checkedEvents: counts?.events ?? 0,
		checkedTeams: counts?.teams ?? 0,
		drift: [...rowsOf(eventRows).map(toDrift('event')), ...rowsOf(teamRows).map(toDrift('team'))],
	}
}

/** postgres.js returns the rows themselves, PGlite an object holding them. */
function rowsOf(result: unknown): Record<string, unknown>[] {
	if (Array.isArray(result)) return result as Record<string, unknown>[]
	return (result as { rows?: Record<string, unknown>[] }).rows ?? []
}
