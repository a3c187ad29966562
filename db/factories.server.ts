import { randomUUID } from 'node:crypto'
import { type DbOrTx } from './client.server.ts'
import { recordMovement } from '#app/donations/ledger.server.ts'
import { campaigns, donations, people, type CampaignKind, type Donation, type NewCampaign } from './schema.ts'

/** Test and demo-data factories: sensible defaults, any field overridable. */

export async function createPerson(tx: DbOrTx, overrides: Partial<typeof people.$inferInsert> = {}) {
	const [row] = await tx
		.insert(people)
		.values({
			email: `person-${randomUUID().slice(0, 8)}@example.org`,
			firstName: 'Sam',
			lastName: 'Supporter',
			...overrides,
		})
		.returning()
	return row!
}

export async function createCampaign(
	tx: DbOrTx,
	overrides: Partial<NewCampaign> & { ownerId: string; kind?: CampaignKind },
) {
	const slug = overrides.slug ?? `campaign-${randomUUID().slice(0, 8)}`
	const [row] = await tx
		.insert(campaigns)
		.values({
			kind: 'own_idea',
			title: 'My fundraiser for justice',
			story: 'I am raising money to help end sex trafficking.',
			goalMinor: 50_000,
			currency: 'GBP',
			status: 'active',
			publishedAt: new Date(),
			...overrides,
			slug,
		})
		.returning()
	return row!
}

/**
 * A donation that has already succeeded, with its money movement, as the
 * Stripe webhook will record it. For demo data and tests of read paths.
 */
export async function createSucceededDonation(
	tx: DbOrTx,
	overrides: {
		campaignId: string
		amountMinor: number
		currency?: string
		donorName?: string
		anonymous?: boolean
		hideAmount?: boolean
		message?: string | null
		succeededAt?: Date
		/** The signed-in donor the gift is linked to. */
		donorId?: string | null
	},
) {
	// Money is only ever written inside a transaction.
	if (!('rollback' in tx)) return tx.transaction((t): Promise<Donation> => createSucceededDonation(t, overrides))
	const currency = overrides.currency ?? 'GBP'
	const succeededAt = overrides.succeededAt ?? new Date()
	const [donation] = await tx
		.insert(donations)
		.values({
			campaignId: overrides.campaignId,
			donorName: overrides.donorName ?? 'A friend',
			donorId: overrides.donorId ?? null,
			amountMinor: overrides.amountMinor,
			currency,
			status: 'succeeded',
			anonymous: overrides.anonymous ?? false,
			hideAmount: overrides.hideAmount ?? false,
			message: overrides.message ?? null,
			createdAt: succeededAt,
			succeededAt,
		})
		.returning()
	// The ledger alone, without the after-step: demo and test data queue no milestone emails.
	await recordMovement(tx, {
		kind: 'donation_succeeded',
		amountMinor: overrides.amountMinor,
		currency,
		donationId: donation!.id,
		campaignId: overrides.campaignId,
		sourceId: `demo:${donation!.id}`,
		createdAt: succeededAt,
	})
	return donation!
}
