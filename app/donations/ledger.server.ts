import { and, eq, ne, sql } from 'drizzle-orm'
import { queueFundraisingMilestones } from '#app/email/sequences.server.ts'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, disputes, donations, moneyMovements, type DisputeStatus, type DonationStatus } from '#db/schema.ts'

export type MovementInput = typeof moneyMovements.$inferInsert

/**
 * Takes the campaign's row lock. Every transaction that writes money for a
 * campaign takes it first, so its totals are recomputed one writer at a time.
 */
export async function lockCampaignForMoney(tx: DbOrTx, campaignId: string) {
	const [row] = await tx
		.select({ raisedMinor: campaigns.raisedMinor, donorCount: campaigns.donorCount, currency: campaigns.currency })
		.from(campaigns)
		.where(eq(campaigns.id, campaignId))
		.for('update')
	return {
		raisedMinor: Number(row?.raisedMinor ?? 0),
		donorCount: row?.donorCount ?? 0,
		currency: row?.currency ?? null,
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

/**
 * Appends a movement to the money record, once: the (kind, source id) pair is
 * unique, and a donation's gift is counted at most once, so a replayed event
 * adds nothing. Keeps the campaign's totals and the donation's status in step
 * in the same transaction. Returns the new movement's id, or null when
 * nothing was added. A movement in another currency than its campaign's is
 * refused with an error: amounts in different currencies never add up.
 */
export async function recordMovement(
	tx: Tx,
	movement: MovementInput,
	options: { quiet?: boolean } = {},
): Promise<string | null> {
	const before = await lockCampaignForMoney(tx, movement.campaignId)
	if (before.currency === null)
		throw new Error(`Refusing a ${movement.kind} movement: campaign ${movement.campaignId} does not exist`)
	if (movement.currency !== before.currency) {
		throw new Error(
			`Refusing a ${movement.kind} movement in currency ${movement.currency} for campaign ${movement.campaignId}, which is in ${before.currency}`,
		)
	}
	const [inserted] = await tx
		.insert(moneyMovements)
		.values(movement)
		.onConflictDoNothing()
		.returning({ id: moneyMovements.id })
	if (!inserted) return null
	await refreshCampaignTotals(tx, movement.campaignId)
	if (movement.donationId) await refreshDonationStatus(tx, movement.donationId)
	// New money may cross a milestone: the fundraiser hears of it in this same transaction.
	if (
		!options.quiet &&
		movement.amountMinor > 0 &&
		(movement.kind === 'donation_succeeded' || movement.kind === 'offline_confirmed')
	) {
		await queueFundraisingMilestones(tx, movement.campaignId, before, movement.donationId ?? null)
	}
	return inserted.id
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

/** Recomputes a campaign's denormalised totals from the money record. */
export async function refreshCampaignTotals(tx: DbOrTx, campaignId: string) {
	const totals = ledgerTotalsSql(campaignId)
	await tx
		.update(campaigns)
		.set({ raisedMinor: totals.raised, donorCount: totals.donors })
		.where(eq(campaigns.id, campaignId))
}

export type Drift = {
	campaignId: string
	slug: string
	storedRaised: number
	ledgerRaised: number
	storedDonors: number
	ledgerDonors: number
}

/** Every campaign whose stored totals differ from the money record (should be none). */
export async function findMoneyDrift(): Promise<{ checked: number; drift: Drift[] }> {
	const totals = ledgerTotalsSql(sql`${campaigns.id}`)
	const rows = await db()
		.select({
			campaignId: campaigns.id,
			slug: campaigns.slug,
			storedRaised: campaigns.raisedMinor,
			storedDonors: campaigns.donorCount,
			ledgerRaised: totals.raised,
			ledgerDonors: totals.donors,
		})
		.from(campaigns)
	const normalised = rows.map((r) => ({
		...r,
		storedRaised: Number(r.storedRaised),
		ledgerRaised: Number(r.ledgerRaised),
		storedDonors: Number(r.storedDonors),
		ledgerDonors: Number(r.ledgerDonors),
	}))
	return {
		checked: normalised.length,
		drift: normalised.filter((r) => r.storedRaised !== r.ledgerRaised || r.storedDonors !== r.ledgerDonors),
	}
}
