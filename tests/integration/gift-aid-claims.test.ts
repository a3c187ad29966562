import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import {
	createClaimBatch,
	getClaim,
	giftAidTotals,
	listAdjustmentsDue,
	listClaimableGifts,
	markClaimPaid,
	markClaimSubmitted,
} from '#app/gift-aid/claims.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, giftAidClaimItems, giftAidClaims, giftAidDeclarations, type Person } from '#db/schema.ts'
import { daysAgo, giftAidGift, refundGift } from '#tests/support/gift-aid.ts'

async function setup() {
	const staff = await createPerson(db(), { email: 'sam.staff@charity.example', role: 'staff' })
	const owner = await createPerson(db(), { email: 'nia@example.com', firstName: 'Nia', lastName: 'Okafor' })
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip', title: 'Nia’s polar dip' })
	return { staff, campaign }
}

async function createBatch(staff: Person, now?: Date) {
	const made = await createClaimBatch(staff, newFormToken(), now)
	if (made.status !== 'created') throw new Error(`expected a batch, got ${made.status}`)
	return made.id
}

async function itemsOf(claimId: string) {
	return db()
		.select({
			donationId: giftAidClaimItems.donationId,
			kind: giftAidClaimItems.kind,
			amountMinor: giftAidClaimItems.amountMinor,
			giftAidMinor: giftAidClaimItems.giftAidMinor,
		})
		.from(giftAidClaimItems)
		.where(eq(giftAidClaimItems.claimId, claimId))
}

describe('which gifts a claim takes', () => {
	test('eligible gifts past the refund window and inside 4 years, each at its net; refunded, undeclared and too-recent gifts stay out', async () => {
		const { staff, campaign } = await setup()
		const ready = await giftAidGift(campaign.id, { amountMinor: 1000, madeAt: daysAgo(40) })
		const tooRecent = await giftAidGift(campaign.id, { amountMinor: 1000, madeAt: daysAgo(10) })
		const tooOld = await giftAidGift(campaign.id, { amountMinor: 1000, madeAt: daysAgo(4 * 365 + 5) })
		const partlyRefunded = await giftAidGift(campaign.id, { amountMinor: 5000, madeAt: daysAgo(60) })
		await refundGift(partlyRefunded, 2000)
		const refunded = await giftAidGift(campaign.id, { amountMinor: 3000, madeAt: daysAgo(60) })
		await refundGift(refunded, 3000)
		const family = await giftAidGift(campaign.id, {
			amountMinor: 2500,
			madeAt: daysAgo(60),
			status: 'participant_or_family',
		})

		const claimId = await createBatch(staff)
		const items = await itemsOf(claimId)
		const claimed = new Map(items.map((item) => [item.donationId, item]))
		expect([...claimed.keys()].sort()).toEqual([ready.id, partlyRefunded.id].sort())
		expect(claimed.get(ready.id)).toMatchObject({ kind: 'claim', amountMinor: 1000, giftAidMinor: 250 })
		// At its net: £50 less £20 refunded.
		expect(claimed.get(partlyRefunded.id)).toMatchObject({ kind: 'claim', amountMinor: 3000, giftAidMinor: 750 })
		for (const out of [tooRecent, tooOld, refunded, family]) expect(claimed.has(out.id)).toBe(false)

		const claim = await getClaim(claimId)
		expect(claim).toMatchObject({ status: 'draft', gifts: 2, donationsMinor: 4000, giftAidMinor: 1000, adjustments: 0 })
	})

	test('a cancelled declaration keeps the gifts made before it was cancelled, never those after', async () => {
		const { staff, campaign } = await setup()
		const before = await giftAidGift(campaign.id, { amountMinor: 2000, madeAt: daysAgo(90) })
		const cancelledAt = daysAgo(70)
		await db()
			.update(giftAidDeclarations)
			.set({ cancelledAt })
			.where(sql`${giftAidDeclarations.id} = ${before.giftAidDeclarationId}`)
		// A later gift under the same, cancelled declaration (however it came to be marked eligible) is not claimed.
		const after = await giftAidGift(campaign.id, { amountMinor: 2000, madeAt: daysAgo(50) })
		await db()
			.update(giftAidDeclarations)
			.set({ cancelledAt })
			.where(sql`${giftAidDeclarations.id} = ${after.giftAidDeclarationId}`)

		const claimId = await createBatch(staff)
		expect((await itemsOf(claimId)).map((i) => i.donationId)).toEqual([before.id])
	})

	test('the ready list pages by keyset, oldest first, with no gift on two pages', async () => {
		const { campaign } = await setup()
		const gifts = []
		for (let i = 0; i < 7; i++)
			gifts.push(await giftAidGift(campaign.id, { amountMinor: 500 + i, madeAt: daysAgo(100 - i) }))
		const first = await listClaimableGifts({ limit: 3 })
		const second = await listClaimableGifts({ limit: 3, after: first.next! })
		const third = await listClaimableGifts({ limit: 3, after: second.next! })
		expect([...first.rows, ...second.rows, ...third.rows].map((g) => g.id)).toEqual(gifts.map((g) => g.id))
		expect(third.next).toBeNull()
	})
})

describe('claim batches', () => {
	test('two create requests at the same moment never put a gift in two batches', async () => {
		const { staff, campaign } = await setup()
		const other = await createPerson(db(), { email: 'ola.staff@charity.example', role: 'staff' })
		for (let i = 0; i < 40; i++) await giftAidGift(campaign.id, { amountMinor: 1000 + i, madeAt: daysAgo(45) })

		// Two staff members press "Create" at once: on PostgreSQL these run on two connections at the same time.
		const results = await Promise.all([
			createClaimBatch(staff, newFormToken()),
			createClaimBatch(other, newFormToken()),
		])
		const statuses = results.map((r) => r.status).sort()
		expect(statuses).toEqual(['created', 'refused'])
		const rows = await db()
			.select({ donationId: giftAidClaimItems.donationId, claimId: giftAidClaimItems.claimId })
			.from(giftAidClaimItems)
		expect(rows).toHaveLength(40)
		expect(new Set(rows.map((r) => r.donationId)).size).toBe(40)
		expect(new Set(rows.map((r) => r.claimId)).size).toBe(1)
	})

	test('the database refuses a gift in a second batch, whatever the code does', async () => {
		const { staff, campaign } = await setup()
		const gift = await giftAidGift(campaign.id, { amountMinor: 1000, madeAt: daysAgo(45) })
		await createBatch(staff)
		const [other] = await db()
			.insert(giftAidClaims)
			.values({ currency: 'GBP', hmrcReference: 'test' })
			.returning({ id: giftAidClaims.id })
		const refused = await db()
			.insert(giftAidClaimItems)
			.values({ claimId: other!.id, donationId: gift.id, amountMinor: 1000, giftAidMinor: 250, currency: 'GBP' })
			.then(
				() => null,
				(error: unknown) => error,
			)
		expect(String((refused as { cause?: unknown } | null)?.cause ?? refused)).toMatch(
			/gift_aid_claim_items_one_claim_per_donation/,
		)
	})

	test('a double click makes one batch, and a second create finds nothing new', async () => {
		const { staff, campaign } = await setup()
		await giftAidGift(campaign.id, { amountMinor: 1000, madeAt: daysAgo(45) })
		const token = newFormToken()
		const [a, b] = await Promise.all([createClaimBatch(staff, token), createClaimBatch(staff, token)])
		expect([a.status, b.status].sort()).toEqual(['created', 'repeated'])
		expect(
			a.status !== 'stale' && a.status !== 'refused' && b.status !== 'stale' && b.status !== 'refused' && a.id === b.id,
		).toBe(true)
		expect(await createClaimBatch(staff, newFormToken())).toEqual({ status: 'refused', refusal: 'nothing-to-claim' })
	})

	test('create, submit and paid move the batch on, each in the audit log, and the totals follow', async () => {
		const { staff, campaign } = await setup()
		await giftAidGift(campaign.id, { amountMinor: 10_000, madeAt: daysAgo(45) })
		await giftAidGift(campaign.id, { amountMinor: 2_000, madeAt: daysAgo(5) })
		expect(await giftAidTotals()).toMatchObject({ expectedMinor: 3000, claimedMinor: 0, receivedMinor: 0 })

		const claimId = await createBatch(staff)
		expect(await markClaimPaid(claimId, staff, 2500)).toEqual({ ok: false, problem: 'not-submitted' })
		expect(await markClaimSubmitted(claimId, staff, 'HMRC-123')).toEqual({ ok: true })
		expect(await markClaimSubmitted(claimId, staff, null)).toEqual({ ok: false, problem: 'not-draft' })
		expect(await giftAidTotals()).toMatchObject({ expectedMinor: 500, claimedMinor: 2500, receivedMinor: 0 })
		expect(await markClaimPaid(claimId, staff, 2500)).toEqual({ ok: true })
		expect(await giftAidTotals()).toMatchObject({ expectedMinor: 500, claimedMinor: 2500, receivedMinor: 2500 })

		const actions = await db()
			.select({ action: auditLog.action, actorId: auditLog.actorId })
			.from(auditLog)
			.where(and(eq(auditLog.subjectType, 'gift_aid_claim'), eq(auditLog.subjectId, claimId)))
		expect(actions.map((a) => a.action).sort()).toEqual(
			['gift_aid.claim_create', 'gift_aid.claim_paid', 'gift_aid.claim_submit'].sort(),
		)
		expect(actions.every((a) => a.actorId === staff.id)).toBe(true)
		expect(await getClaim(claimId)).toMatchObject({ status: 'paid', paidMinor: 2500, submissionReference: 'HMRC-123' })
	})

	test('a gift refunded after it was claimed is an adjustment on the next batch, once', async () => {
		const { staff, campaign } = await setup()
		const claimedGift = await giftAidGift(campaign.id, { amountMinor: 10_000, madeAt: daysAgo(80) })
		const first = await createBatch(staff)
		await markClaimSubmitted(first, staff, null)
		await refundGift(claimedGift, 4000)

		const due = await listAdjustmentsDue()
		expect(due.rows.map((g) => ({ id: g.id, claimedMinor: g.claimedMinor, netMinor: g.netMinor }))).toEqual([
			{ id: claimedGift.id, claimedMinor: 10_000, netMinor: 6000 },
		])
		// Adjustments ride on a claim: with nothing new to claim they wait.
		expect((await createClaimBatch(staff, newFormToken())).status).toBe('refused')
		expect((await listAdjustmentsDue()).rows).toHaveLength(1)

		const newGift = await giftAidGift(campaign.id, { amountMinor: 2000, madeAt: daysAgo(40) })
		const second = await createBatch(staff)
		const items = await itemsOf(second)
		expect(items).toEqual(
			expect.arrayContaining([
				{ donationId: newGift.id, kind: 'claim', amountMinor: 2000, giftAidMinor: 500 },
				{ donationId: claimedGift.id, kind: 'adjustment', amountMinor: -4000, giftAidMinor: -1000 },
			]),
		)
		expect(items).toHaveLength(2)
		expect(await getClaim(second)).toMatchObject({ giftAidMinor: -500, adjustments: 1, adjustedGiftAidMinor: -1000 })
		expect((await listAdjustmentsDue()).rows).toHaveLength(0)

		// Refunded in full later: the next batch adjusts only for what changed since.
		await refundGift(claimedGift, 6000)
		await giftAidGift(campaign.id, { amountMinor: 2000, madeAt: daysAgo(35) })
		const third = await createBatch(staff)
		expect((await itemsOf(third)).find((i) => i.kind === 'adjustment')).toEqual({
			donationId: claimedGift.id,
			kind: 'adjustment',
			amountMinor: -6000,
			giftAidMinor: -1500,
		})
	})
})
