import { eq, sql } from 'drizzle-orm'
import { queueFundraisingMilestones } from '#app/email/sequences.server.ts'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, moneyMovements } from '#db/schema.ts'

export type MovementInput = typeof moneyMovements.$inferInsert

/**
 * Takes the campaign's row lock. Every transaction that writes money for a
 * campaign takes it first, so its totals are recomputed one writer at a time.
 */
export async function lockCampaignForMoney(tx: DbOrTx, campaignId: string) {
	const [row] = await tx
		.select({ raisedMinor: campaigns.raisedMinor, donorCount: campaigns.donorCount })
		.from(campaigns)
		.where(eq(campaigns.id, campaignId))
		.for('update')
	return { raisedMinor: Number(row?.raisedMinor ?? 0), donorCount: row?.donorCount ?? 0 }
}

/**
 * Appends a movement to the money record, once: the (kind, source id) pair is
 * unique, so a replayed event adds nothing. Keeps the campaign's totals in
 * step in the same transaction. Returns whether a movement was added.
 */
export async function recordMovement(tx: Tx, movement: MovementInput, options: { quiet?: boolean } = {}): Promise<boolean> {
	const before = await lockCampaignForMoney(tx, movement.campaignId)
	const inserted = await tx.insert(moneyMovements).values(movement).onConflictDoNothing().returning({ id: moneyMovements.id })
	if (inserted.length === 0) return false
	await refreshCampaignTotals(tx, movement.campaignId)
	// New money may cross a milestone: the fundraiser hears of it in this same transaction.
	if (!options.quiet && movement.amountMinor > 0 && (movement.kind === 'donation_succeeded' || movement.kind === 'offline_confirmed')) {
		await queueFundraisingMilestones(tx, movement.campaignId, before, movement.donationId ?? null)
	}
	return true
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

export type Drift = { campaignId: string; slug: string; storedRaised: number; ledgerRaised: number; storedDonors: number; ledgerDonors: number }

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
