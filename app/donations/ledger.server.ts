import { and, eq, ne, sql } from 'drizzle-orm'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, disputes, donations, moneyMovements, type DisputeStatus, type DonationStatus } from '#db/schema.ts'
import { addToEventTotals, findRollupDrift, type RollupDrift } from '#app/events/totals.server.ts'

export type MovementInput = typeof moneyMovements.$inferInsert

/** A campaign's stored totals, kept in step with its money record. */
export type CampaignTotals = { raisedMinor: number; donorCount: number }

/**
 * Takes the campaign's row lock. Every transaction that writes money for a
 * campaign takes it first, so its totals change one writer at a time.
 */
export async function lockCampaignForMoney(tx: DbOrTx, campaignId: string) {
	const [row] = await tx
		.select({
			raisedMinor: campaigns.raisedMinor,
			donorCount: campaigns.donorCount,
			currency: campaigns.currency,
			eventId: campaigns.eventId,
			teamId: campaigns.teamId,
		})
		.from(campaigns)
		.where(eq(campaigns.id, campaignId))
		.for('update')
	return {
		raisedMinor: Number(row?.raisedMinor ?? 0),
		donorCount: row?.donorCount ?? 0,
		currency: row?.currency ?? null,
		eventId: row?.eventId ?? null,
		teamId: row?.teamId ?? null,
	}
}

/**
 * Why a movement in `currency` cannot be recorded for the campaign, or null
 * when it can. Webhook handlers ask before moving money, so a mismatch is
 * held for review instead of failing the event.
 */
export async function movementCurrencyProblem(
	tx: DbOrTx,
	campaignId: string,
	currency: string,
): Promise<string | null> {
	const [row] = await tx.select({ currency: campaigns.currency }).from(campaigns).where(eq(campaigns.id, campaignId))
	if (!row) return `campaign ${campaignId} does not exist`
	return row.currency === currency
		? null
		: `currency ${currency} does not match the campaign's currency ${row.currency}`
}

/** A movement just appended, with the campaign's totals either side of it. */
export type RecordedMovement = {
	id: string
	kind: MovementInput['kind']
	amountMinor: number
	campaignId: string
	donationId: string | null
	before: CampaignTotals
	after: CampaignTotals
}

/**
 * Appends a movement to the money record, once: the (kind, source id) pair is
 * unique, and a donation's gift is counted at most once, so a replayed event
 * adds nothing. Keeps the campaign's totals and the donation's status in step
 * in the same transaction. Returns the new movement with the campaign's
 * totals before and after it, or null when nothing was added. A movement in
 * another currency than its campaign's is refused with an error: amounts in
 * different currencies never add up.
 *
 * Totals change by the movement alone (under the campaign's row lock), so a
 * gift costs the same on a page with 200,000 gifts as on one with 10; the
 * movements stay the truth, and findMoneyDrift (npm run money:check) proves
 * the stored totals against them.
 *
 * A movement of a page inside an event also counts for that event and its
 * team (see docs/events.md): a gift for the ones its page is in now, a
 * refund or dispute for the ones its gift counted for, so a team change
 * leaves past gifts where they were.
 */
export async function recordMovement(tx: Tx, movement: MovementInput): Promise<RecordedMovement | null> {
	const before = await lockCampaignForMoney(tx, movement.campaignId)
	if (before.currency === null)
		throw new Error(`Refusing a ${movement.kind} movement: campaign ${movement.campaignId} does not exist`)
	if (movement.currency !== before.currency) {
		throw new Error(
			`Refusing a ${movement.kind} movement in currency ${movement.currency} for campaign ${movement.campaignId}, which is in ${before.currency}`,
		)
	}
	const donationId = movement.donationId ?? null
	const countsFor = await movementCountsFor(tx, movement, before)
	const [inserted] = await tx
		.insert(moneyMovements)
		.values({ ...movement, ...countsFor })
		.onConflictDoNothing()
		.returning({ id: moneyMovements.id })
	if (!inserted) return null
	const donorChange = donationId ? await donorCountChange(tx, donationId, movement.amountMinor) : 0
	const [after] = await tx
		.update(campaigns)
		.set({
			raisedMinor: sql`${campaigns.raisedMinor} + ${movement.amountMinor}`,
			donorCount: sql`${campaigns.donorCount} + ${donorChange}`,
			raisedChangedAt: sql`now()`,
		})
		.where(eq(campaigns.id, movement.campaignId))
		.returning({ raisedMinor: campaigns.raisedMinor, donorCount: campaigns.donorCount })
	if (donationId && isGiftKind(movement.kind)) {
		await tx.update(donations).set(countsFor).where(eq(donations.id, donationId))
	}
	await addToEventTotals(tx, {
		...countsFor,
		campaignId: movement.campaignId,
		amountMinor: movement.amountMinor,
		donorChange,
	})
	if (donationId) await refreshDonationStatus(tx, donationId)
	return {
		id: inserted.id,
		kind: movement.kind,
		amountMinor: movement.amountMinor,
		campaignId: movement.campaignId,
		donationId,
		before: { raisedMinor: before.raisedMinor, donorCount: before.donorCount },
		after: { raisedMinor: Number(after!.raisedMinor), donorCount: after!.donorCount },
	}
}

const isGiftKind = (kind: MovementInput['kind']) => kind === 'donation_succeeded' || kind === 'offline_confirmed'

/**
 * The event and team a movement counts for: a gift (or a movement without a
 * donation) those of its page now; any later movement of a donation those
 * its gift was stamped with, so a refund comes off the team that got the gift.
 */
async function movementCountsFor(
	tx: Tx,
	movement: MovementInput,
	page: { eventId: string | null; teamId: string | null },
): Promise<{ eventId: string | null; teamId: string | null }> {
	if (!movement.donationId || isGiftKind(movement.kind)) return { eventId: page.eventId, teamId: page.teamId }
	const [gift] = await tx
		.select({ eventId: moneyMovements.eventId, teamId: moneyMovements.teamId })
		.from(moneyMovements)
		.where(
			and(
				eq(moneyMovements.donationId, movement.donationId),
				sql`${moneyMovements.kind} in ('donation_succeeded', 'offline_confirmed')`,
			),
		)
	return gift ?? { eventId: page.eventId, teamId: page.teamId }
}

/**
 * How the campaign's donor count changes now that a movement of `amountMinor`
 * was added to the donation: a donation counts as a donor while its net is
 * above zero, so the count moves only when the net crosses zero. Reads the
 * donation's own movements (indexed by donation), never the campaign's.
 */
async function donorCountChange(tx: Tx, donationId: string, amountMinor: number): Promise<-1 | 0 | 1> {
	const [row] = await tx
		.select({ net: sql<number>`coalesce(sum(${moneyMovements.amountMinor}), 0)::bigint`.mapWith(Number) })
		.from(moneyMovements)
		.where(eq(moneyMovements.donationId, donationId))
	const netAfter = row?.net ?? 0
	const netBefore = netAfter - amountMinor
	if (netBefore <= 0 && netAfter > 0) return 1
	if (netBefore > 0 && netAfter <= 0) return -1
	return 0
}

/** A dispute that is still open: the bank has not decided (an inquiry or a chargeback). */
export const openDisputeStatuses: readonly DisputeStatus[] = [
	'warning_needs_response',
	'warning_under_review',
	'needs_response',
	'under_review',
]

/**
 * Statuses of a donation whose gift was counted: they follow the money
 * record (and the disputes Stripe told us of), never the other way round.
 */
export const countedDonationStatuses: readonly DonationStatus[] = [
	'succeeded',
	'partially_refunded',
	'refunded',
	'disputed',
	'dispute_lost',
	'dispute_won',
]

/**
 * Sets a counted donation's status from its movements and disputes: an open
 * dispute shows first (staff must answer it), then a lost one, then refunds,
 * then a won dispute. A donation whose gift is not counted keeps the status
 * its checkout gave it.
 */
export async function refreshDonationStatus(tx: DbOrTx, donationId: string) {
	const m = moneyMovements
	const [sums] = await tx
		.select({
			giftMinor:
				sql<number>`coalesce(sum(${m.amountMinor}) filter (where ${m.kind} in ('donation_succeeded', 'offline_confirmed')), 0)::bigint`.mapWith(
					Number,
				),
			refundedMinor:
				sql<number>`coalesce(-sum(${m.amountMinor}) filter (where ${m.kind} = 'refund'), 0)::bigint`.mapWith(Number),
		})
		.from(m)
		.where(eq(m.donationId, donationId))
	if (!sums || sums.giftMinor <= 0) return
	const statuses = (
		await tx.select({ status: disputes.status }).from(disputes).where(eq(disputes.donationId, donationId))
	).map((d) => d.status)
	const status: DonationStatus = statuses.some((s) => openDisputeStatuses.includes(s))
		? 'disputed'
		: statuses.includes('lost')
			? 'dispute_lost'
			: sums.refundedMinor >= sums.giftMinor
				? 'refunded'
				: sums.refundedMinor > 0
					? 'partially_refunded'
					: statuses.includes('won')
						? 'dispute_won'
						: 'succeeded'
	await tx
		.update(donations)
		.set({ status })
		.where(and(eq(donations.id, donationId), ne(donations.status, status)))
}

/**
 * What a donation still gives after refunds and disputes, from the money
 * record: the donor wall shows it, and a donation counts as a donor (and
 * hears the fundraiser's updates) only while it is above zero, exactly as the
 * campaign's donor count is computed. For a query over the donations table.
 */
export function donationNetSql() {
	// Qualified by hand: drizzle leaves columns of a single-table select unqualified, which the subquery would read as its own.
	return sql<number>`coalesce((select sum(nm.amount_minor) from money_movements nm where nm.donation_id = "donations"."id"), 0)::bigint`.mapWith(
		Number,
	)
}

/** Ledger-derived figures of one campaign: what every page must show. */
export function ledgerTotalsSql(campaignId: ReturnType<typeof sql> | string) {
	return {
		raised: sql<number>`coalesce((select sum(m.amount_minor) from money_movements m where m.campaign_id = ${campaignId}), 0)::bigint`,
		donors: sql<number>`(select count(*) from (select m.donation_id from money_movements m where m.campaign_id = ${campaignId} and m.donation_id is not null group by m.donation_id having sum(m.amount_minor) > 0) d)::int`,
	}
}

export type Drift = {
	campaignId: string
	slug: string
	storedRaised: number
	ledgerRaised: number
	storedDonors: number
	ledgerDonors: number
}

/**
 * Every campaign whose stored totals differ from the money record (should be
 * none), and every event and team (`rollupDrift`, see findRollupDrift). One grouped pass over the movements (per donation, then per
 * campaign) joined to the campaigns, so the check costs one scan of the
 * ledger however many campaigns there are.
 */
export async function findMoneyDrift(): Promise<{
	checked: number
	drift: Drift[]
	checkedEvents: number
	checkedTeams: number
	rollupDrift: RollupDrift[]
}> {
	const m = moneyMovements
	const perDonation = db()
		.select({
			campaignId: m.campaignId,
			donationId: m.donationId,
			netMinor: sql<number>`sum(${m.amountMinor})`.as('net_minor'),
		})
		.from(m)
		.groupBy(m.campaignId, m.donationId)
		.as('per_donation')
	const perCampaign = db()
		.select({
			campaignId: perDonation.campaignId,
			raised: sql<number>`sum(${perDonation.netMinor})`.as('raised'),
			donors:
				sql<number>`count(*) filter (where ${perDonation.donationId} is not null and ${perDonation.netMinor} > 0)`.as(
					'donors',
				),
		})
		.from(perDonation)
		.groupBy(perDonation.campaignId)
		.as('per_campaign')
	const ledgerRaised = sql<number>`coalesce(${perCampaign.raised}, 0)::bigint`
	const ledgerDonors = sql<number>`coalesce(${perCampaign.donors}, 0)::int`
	const [counted, rows, rollup] = await Promise.all([
		db()
			.select({ n: sql<number>`count(*)::int`.mapWith(Number) })
			.from(campaigns),
		db()
			.select({
				campaignId: campaigns.id,
				slug: campaigns.slug,
				storedRaised: campaigns.raisedMinor,
				storedDonors: campaigns.donorCount,
				ledgerRaised: ledgerRaised.mapWith(Number),
				ledgerDonors: ledgerDonors.mapWith(Number),
			})
			.from(campaigns)
			.leftJoin(perCampaign, eq(perCampaign.campaignId, campaigns.id))
			.where(sql`${campaigns.raisedMinor} <> ${ledgerRaised} or ${campaigns.donorCount} <> ${ledgerDonors}`),
		findRollupDrift(),
	])
	return {
		checked: counted[0]?.n ?? 0,
		checkedEvents: rollup.checkedEvents,
		checkedTeams: rollup.checkedTeams,
		rollupDrift: rollup.drift,
		drift: rows.map((r) => ({
			...r,
			storedRaised: Number(r.storedRaised),
			ledgerRaised: Number(r.ledgerRaised),
			storedDonors: Number(r.storedDonors),
			ledgerDonors: Number(r.ledgerDonors),
		})),
	}
}
