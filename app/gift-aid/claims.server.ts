import { and, desc, eq, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { type ScheduleGift } from '#app/gift-aid/schedule.ts'
import { giftAidOn } from '#app/gift-aid/wording.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { executeRows, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { giftAidClaims, type Person } from '#db/schema.ts'

/*
 * Gift Aid claim batches. Staff create a batch of the eligible gifts nobody
 * has claimed yet, download HMRC's schedule for it, mark it submitted once
 * sent through Charities Online and paid once HMRC pays. Rules (HMRC):
 * - only a gift whose Gift Aid status is `eligible` (decided when it was
 *   made: a declaration, a UK taxpayer's own money, no benefit, not a
 *   participant's or their family's gift where the charity pays the costs);
 * - at its net: what it still gives after refunds and disputes (never the fee
 *   cover), so a fully refunded gift is not claimed at all;
 * - older than the refund window (GIFT_AID_CLAIM_AFTER_DAYS), so a refund
 *   rarely follows a claim;
 * - at most 4 years old: HMRC takes claims up to 4 years after the end of
 *   the accounting period of the gift, so 4 years from the gift itself is
 *   always inside that limit, whatever the charity's period;
 * - a cancelled declaration stops only gifts made after it was cancelled;
 * - never twice: a unique index on the claim items, and each gift's claimed
 *   amount kept on it (donations.gift_aid_claimed_minor) in the same statement.
 * A gift refunded (or lost to a dispute) after it was claimed has given less
 * than was claimed on it: the next batch carries an adjustment for it, the
 * Gift Aid to give back, which staff enter as the claim's adjustment.
 */

/** The most gifts one batch holds (ten schedule files); what is left waits for the next batch. */
export const MAX_GIFTS_PER_CLAIM = 10_000

/** Gift Aid is claimed on gifts in pounds only. */
export const GIFT_AID_CURRENCY = 'GBP'

/** One batch is made at a time across every process: the key of its advisory lock. */
const CLAIM_LOCK_KEY = 0x6769_6674 // "gift"

const DAY_MS = 86_400_000

/** The window a claim takes gifts from: made after `earliest` and before `latest`. */
export function claimWindow(now = new Date()) {
	const latest = new Date(now.getTime() - getEnv().GIFT_AID_CLAIM_AFTER_DAYS * DAY_MS)
	const earliest = new Date(now)
	earliest.setUTCFullYear(earliest.getUTCFullYear() - 4)
	return { earliest, latest }
}

// When a gift was made: paid, or recorded if it was never stamped as paid. The partial indexes read the same expression.
const madeAt = sql.raw('coalesce(d.succeeded_at, d.created_at)')

/**
 * Gifts that may go into a claim now, as SQL over `donations d` joined to
 * `gift_aid_declarations g`: eligible, still giving something, never claimed,
 * in the window, and made before any cancellation of their declaration.
 */
function claimableWhere(window: { earliest: Date; latest: Date }) {
	return sql`d.gift_aid_status = 'eligible' and d.net_minor > 0 and d.gift_aid_claimed_minor is null
		and d.currency = ${GIFT_AID_CURRENCY}
		and ${madeAt} >= ${window.earliest.toISOString()}::timestamptz
		and ${madeAt} < ${window.latest.toISOString()}::timestamptz
		and (g.cancelled_at is null or d.created_at < g.cancelled_at)`
}

export type CreateClaimRefusal = 'nothing-to-claim'

/**
 * Puts every claimable gift (up to MAX_GIFTS_PER_CLAIM, oldest first) into a
 * new draft batch, with an adjustment for each claimed gift that has since
 * given less, and audits it: one transaction, once per form token. Two
 * creates at once are serialised by an advisory lock (the second then finds
 * the first's gifts claimed); the unique index stops a gift in two batches
 * whatever happens.
 */
export async function createClaimBatch(staff: Person, token: string | null, now = new Date()) {
	return createOnce<CreateClaimRefusal>({ token, action: 'gift-aid-claim', personId: staff.id }, async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`)
		const window = claimWindow(now)
		const [claim] = await tx
			.insert(giftAidClaims)
			.values({
				currency: GIFT_AID_CURRENCY,
				// Kept as it was when the batch was made; empty until the charity sets it.
				hmrcReference: getEnv().CHARITY_HMRC_REFERENCE ?? '',
				createdById: staff.id,
				createdAt: now,
			})
			.returning({ id: giftAidClaims.id })
		const claimId = claim!.id
		const [claimed] = await executeRows<{
			gifts: number
			amount: string | number | null
			giftAid: string | number | null
		}>(
			tx,
			sql`
			with picked as (
				select d.id, least(d.net_minor, d.amount_minor) as amount
				from donations d
				join gift_aid_declarations g on g.id = d.gift_aid_declaration_id
				where ${claimableWhere(window)}
				order by ${madeAt}, d.id
				limit ${MAX_GIFTS_PER_CLAIM}
			), added as (
				insert into gift_aid_claim_items (claim_id, donation_id, kind, amount_minor, gift_aid_minor, currency, created_at)
				select ${claimId}, picked.id, 'claim', picked.amount, floor(picked.amount * 25 / 100), ${GIFT_AID_CURRENCY}, ${now.toISOString()}::timestamptz
				from picked
				on conflict do nothing
				returning donation_id, amount_minor, gift_aid_minor
			), marked as (
				update donations d set gift_aid_claimed_minor = added.amount_minor
				from added where d.id = added.donation_id
				returning d.id
			)
			select count(*)::int as "gifts", sum(amount_minor) as "amount", sum(gift_aid_minor) as "giftAid"
			from added`,
		)
		if (!claimed || claimed.gifts === 0) return { refused: 'nothing-to-claim' as const }
		const adjusted = await addAdjustments(tx, claimId, now)
		const donationsMinor = Number(claimed.amount) + adjusted.amount
		const giftAidMinor = Number(claimed.giftAid) + adjusted.giftAid
		await tx
			.update(giftAidClaims)
			.set({ donationsMinor, giftAidMinor, itemCount: claimed.gifts + adjusted.gifts })
			.where(eq(giftAidClaims.id, claimId))
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'gift_aid.claim_create',
			subjectType: 'gift_aid_claim',
			subjectId: claimId,
			data: {
				gifts: claimed.gifts,
				adjustments: adjusted.gifts,
				donationsMinor,
				giftAidMinor,
				currency: GIFT_AID_CURRENCY,
			},
		})
		return { id: claimId }
	})
}

/**
 * An adjustment for each claimed gift that now gives less than was claimed
 * on it (refunded or lost to a dispute since): its amount is the difference
 * (negative), its Gift Aid what must go back, and the gift's claimed amount
 * follows, so the next batch adjusts it only for what changes after this one.
 */
async function addAdjustments(tx: Tx, claimId: string, now: Date) {
	const [row] = await executeRows<{ gifts: number; amount: string | number | null; giftAid: string | number | null }>(
		tx,
		sql`
		with due as (
			select d.id, d.gift_aid_claimed_minor as claimed, greatest(d.net_minor, 0) as still,
				(select coalesce(sum(i.gift_aid_minor), 0) from gift_aid_claim_items i where i.donation_id = d.id) as gift_aid_claimed
			from donations d
			where d.gift_aid_claimed_minor > greatest(d.net_minor, 0)
			order by ${madeAt}, d.id
			limit ${MAX_GIFTS_PER_CLAIM}
		), added as (
			insert into gift_aid_claim_items (claim_id, donation_id, kind, amount_minor, gift_aid_minor, currency, created_at)
			select ${claimId}, due.id, 'adjustment', due.still - due.claimed, floor(due.still * 25 / 100) - due.gift_aid_claimed,
				${GIFT_AID_CURRENCY}, ${now.toISOString()}::timestamptz
			from due
			returning donation_id, amount_minor, gift_aid_minor
		), marked as (
			update donations d set gift_aid_claimed_minor = d.gift_aid_claimed_minor + added.amount_minor
			from added where d.id = added.donation_id
			returning d.id
		)
		select count(*)::int as "gifts", coalesce(sum(amount_minor), 0) as "amount", coalesce(sum(gift_aid_minor), 0) as "giftAid"
		from added`,
	)
	return { gifts: row?.gifts ?? 0, amount: Number(row?.amount ?? 0), giftAid: Number(row?.giftAid ?? 0) }
}

export type ClaimChangeResult = { ok: true } | { ok: false; problem: 'not-found' | 'not-draft' | 'not-submitted' }

async function whyNot(claimId: string, wanted: 'draft' | 'submitted'): Promise<ClaimChangeResult> {
	const [row] = isUuid(claimId)
		? await db().select({ status: giftAidClaims.status }).from(giftAidClaims).where(eq(giftAidClaims.id, claimId))
		: []
	if (!row) return { ok: false, problem: 'not-found' }
	return { ok: false, problem: wanted === 'draft' ? 'not-draft' : 'not-submitted' }
}

/**
 * Moves a batch on from `from` (only from there: a repeat or a race changes
 * nothing) and audits it, in one transaction.
 */
async function moveClaim(
	claimId: string,
	staff: Person,
	from: 'draft' | 'submitted',
	set: Partial<typeof giftAidClaims.$inferInsert>,
	audit: { action: string; data: object },
): Promise<ClaimChangeResult> {
	if (!isUuid(claimId)) return { ok: false, problem: 'not-found' }
	const done = await db().transaction(async (tx) => {
		const [claim] = await tx
			.update(giftAidClaims)
			.set(set)
			.where(and(eq(giftAidClaims.id, claimId), eq(giftAidClaims.status, from)))
			.returning()
		if (!claim) return false
		await recordAudit(tx, {
			actorId: staff.id,
			action: audit.action,
			subjectType: 'gift_aid_claim',
			subjectId: claimId,
			data: { ...audit.data, giftAidMinor: claim.giftAidMinor, currency: claim.currency },
		})
		return true
	})
	return done ? { ok: true } : whyNot(claimId, from)
}

/** Staff sent the batch through Charities Online: it is fixed from now on. */
export function markClaimSubmitted(
	claimId: string,
	staff: Person,
	submissionReference: string | null,
	now = new Date(),
) {
	return moveClaim(
		claimId,
		staff,
		'draft',
		{ status: 'submitted', submittedAt: now, submittedById: staff.id, submissionReference },
		{ action: 'gift_aid.claim_submit', data: { submissionReference } },
	)
}

/** HMRC paid the batch: what arrived is recorded (it may differ from what was claimed). */
export function markClaimPaid(claimId: string, staff: Person, paidMinor: number, now = new Date()) {
	return moveClaim(
		claimId,
		staff,
		'submitted',
		{ status: 'paid', paidAt: now, paidById: staff.id, paidMinor },
		{ action: 'gift_aid.claim_paid', data: { paidMinor } },
	)
}

/** A download of a batch's schedule, in the audit log (who took donors' details, which file). */
export async function recordClaimExport(
	claimId: string,
	staff: Person,
	file: { format: 'ods' | 'csv'; part: number; aggregate: boolean },
) {
	await db().transaction((tx) =>
		recordAudit(tx, {
			actorId: staff.id,
			action: 'gift_aid.claim_export',
			subjectType: 'gift_aid_claim',
			subjectId: claimId,
			data: file,
		}),
	)
}

/** One batch with its totals split into gifts claimed and adjustments; null when there is none. */
export async function getClaim(claimId: string) {
	if (!isUuid(claimId)) return null
	const [claim] = await db().select().from(giftAidClaims).where(eq(giftAidClaims.id, claimId))
	if (!claim) return null
	const [split] = await executeRows<{
		gifts: number
		claimedMinor: string | number
		claimedGiftAidMinor: string | number
		adjustments: number
		adjustedMinor: string | number
		adjustedGiftAidMinor: string | number
		earliest: string | null
	}>(
		db(),
		sql`select
			(count(*) filter (where i.kind = 'claim'))::int as "gifts",
			coalesce(sum(i.amount_minor) filter (where i.kind = 'claim'), 0) as "claimedMinor",
			coalesce(sum(i.gift_aid_minor) filter (where i.kind = 'claim'), 0) as "claimedGiftAidMinor",
			(count(*) filter (where i.kind = 'adjustment'))::int as "adjustments",
			coalesce(sum(i.amount_minor) filter (where i.kind = 'adjustment'), 0) as "adjustedMinor",
			coalesce(sum(i.gift_aid_minor) filter (where i.kind = 'adjustment'), 0) as "adjustedGiftAidMinor",
			to_char(min(coalesce(d.succeeded_at, d.created_at) at time zone ${getEnv().CHARITY_TIME_ZONE}) filter (where i.kind = 'claim'), 'YYYY-MM-DD') as "earliest"
		from gift_aid_claim_items i join donations d on d.id = i.donation_id
		where i.claim_id = ${claimId}`,
	)
	return {
		...claim,
		donationsMinor: Number(claim.donationsMinor),
		giftAidMinor: Number(claim.giftAidMinor),
		paidMinor: claim.paidMinor === null ? null : Number(claim.paidMinor),
		gifts: split?.gifts ?? 0,
		claimedMinor: Number(split?.claimedMinor ?? 0),
		claimedGiftAidMinor: Number(split?.claimedGiftAidMinor ?? 0),
		adjustments: split?.adjustments ?? 0,
		adjustedMinor: Number(split?.adjustedMinor ?? 0),
		adjustedGiftAidMinor: Number(split?.adjustedGiftAidMinor ?? 0),
		/** The earliest gift's day (YYYY-MM-DD): Charities Online asks for it with the claim. */
		earliestDay: split?.earliest ?? null,
	}
}

/** A page of a keyset list: its rows and the cursor of the next page (null on the last). */
export type KeysetPage<Row> = { rows: Row[]; next: string | null }

function pageOf<Row extends { id: string }>(rows: Row[], size: number): KeysetPage<Row> {
	const shown = rows.slice(0, size)
	return { rows: shown, next: rows.length > size ? (shown.at(-1)?.id ?? null) : null }
}

// The keyset position of a donation, read back from the row itself, as the donations export does.
const afterDonation = (after: string | undefined) =>
	after && isUuid(after)
		? sql`and (${madeAt}, d.id) > (select coalesce(k.succeeded_at, k.created_at), k.id from donations k where k.id = ${after})`
		: sql``

type GiftRow = {
	id: string
	madeAt: string
	amountMinor: number
	netMinor: number
	currency: string
	donorFirstName: string
	donorLastName: string
	postcode: string | null
	overseas: boolean
	campaignTitle: string
	campaignSlug: string
}

const giftColumns = sql`d.id, ${madeAt} as "madeAt", d.amount_minor as "amountMinor", d.net_minor as "netMinor", d.currency,
	g.first_name as "donorFirstName", g.last_name as "donorLastName", g.postcode, g.overseas,
	c.title as "campaignTitle", c.slug as "campaignSlug"`

const giftRow = (row: GiftRow) => ({
	...row,
	madeAt: new Date(row.madeAt).toISOString(),
	amountMinor: Number(row.amountMinor),
	netMinor: Number(row.netMinor),
})

/**
 * Gifts ready to claim, oldest first (nearest HMRC's 4-year limit), a keyset
 * page at a time: each page reads the next entries of a partial index of
 * eligible, unclaimed gifts, so page 100 costs what page 1 does.
 */
export async function listClaimableGifts(options: { after?: string; limit?: number; now?: Date } = {}) {
	const size = options.limit ?? 50
	const rows = await executeRows<GiftRow>(
		db(),
		sql`select ${giftColumns}
		from donations d
		join gift_aid_declarations g on g.id = d.gift_aid_declaration_id
		join campaigns c on c.id = d.campaign_id
		where ${claimableWhere(claimWindow(options.now))} ${afterDonation(options.after)}
		order by ${madeAt}, d.id
		limit ${size + 1}`,
	)
	return pageOf(rows.map(giftRow), size)
}

/**
 * Claimed gifts that now give less than was claimed on them (refunded or
 * lost to a dispute since): the next batch adjusts for them. Read from a
 * partial index of exactly those gifts.
 */
export async function listAdjustmentsDue(options: { after?: string; limit?: number } = {}) {
	const size = options.limit ?? 50
	const rows = await executeRows<GiftRow & { claimedMinor: string | number }>(
		db(),
		sql`select ${giftColumns}, d.gift_aid_claimed_minor as "claimedMinor"
		from donations d
		join gift_aid_declarations g on g.id = d.gift_aid_declaration_id
		join campaigns c on c.id = d.campaign_id
		where d.gift_aid_claimed_minor > greatest(d.net_minor, 0) ${afterDonation(options.after)}
		order by ${madeAt}, d.id
		limit ${size + 1}`,
	)
	return pageOf(
		rows.map((row) => ({ ...giftRow(row), claimedMinor: Number(row.claimedMinor) })),
		size,
	)
}

/** How many gifts a new batch would take now, counted up to `cap` (a count past it says "more than"). */
export async function countClaimableGifts(cap = MAX_GIFTS_PER_CLAIM, now = new Date()) {
	const [row] = await executeRows<{ gifts: number; amount: string | number }>(
		db(),
		sql`select count(*)::int as "gifts", coalesce(sum(amount), 0) as "amount" from (
			select least(d.net_minor, d.amount_minor) as amount
			from donations d join gift_aid_declarations g on g.id = d.gift_aid_declaration_id
			where ${claimableWhere(claimWindow(now))}
			order by ${madeAt}, d.id
			limit ${cap}
		) ready`,
	)
	return { gifts: row?.gifts ?? 0, amountMinor: Number(row?.amount ?? 0), capped: (row?.gifts ?? 0) >= cap }
}

/** The batches, newest first, a keyset page at a time. */
export async function listClaims(options: { after?: string; limit?: number } = {}) {
	const size = options.limit ?? 20
	const after = options.after && isUuid(options.after) ? options.after : undefined
	const rows = await db()
		.select()
		.from(giftAidClaims)
		.where(
			after
				? sql`(${giftAidClaims.createdAt}, ${giftAidClaims.id}) < (select k.created_at, k.id from gift_aid_claims k where k.id = ${after})`
				: undefined,
		)
		.orderBy(desc(giftAidClaims.createdAt), desc(giftAidClaims.id))
		.limit(size + 1)
	return pageOf(
		rows.map((claim) => ({
			...claim,
			donationsMinor: Number(claim.donationsMinor),
			giftAidMinor: Number(claim.giftAidMinor),
			paidMinor: claim.paidMinor === null ? null : Number(claim.paidMinor),
		})),
		size,
	)
}

/** A batch's items (gifts and adjustments), in the order they were added, a keyset page at a time. */
export async function listClaimItems(claimId: string, options: { after?: string; limit?: number } = {}) {
	const size = options.limit ?? 50
	const after = options.after && isUuid(options.after) ? options.after : undefined
	const rows = await executeRows<
		GiftRow & {
			itemId: string
			kind: 'claim' | 'adjustment'
			itemAmountMinor: string | number
			giftAidMinor: string | number
		}
	>(
		db(),
		sql`select i.id as "itemId", i.kind, i.amount_minor as "itemAmountMinor", i.gift_aid_minor as "giftAidMinor", ${giftColumns}
		from gift_aid_claim_items i
		join donations d on d.id = i.donation_id
		join gift_aid_declarations g on g.id = d.gift_aid_declaration_id
		join campaigns c on c.id = d.campaign_id
		where i.claim_id = ${claimId} ${after ? sql`and i.id > ${after}` : sql``}
		order by i.id
		limit ${size + 1}`,
	)
	const items = rows.map((row) => ({
		...giftRow(row),
		id: row.itemId,
		donationId: row.id,
		kind: row.kind,
		itemAmountMinor: Number(row.itemAmountMinor),
		giftAidMinor: Number(row.giftAidMinor),
	}))
	return pageOf(items, size)
}

export type GiftAidTotals = {
	currency: string
	/** Gift Aid on every eligible gift's net not yet in a submitted batch (drafts and gifts in the refund window included). */
	expectedMinor: number
	/** Gift Aid in batches sent to HMRC (submitted or paid), adjustments taken off. */
	claimedMinor: number
	/** What HMRC paid. */
	receivedMinor: number
}

/**
 * Expected, claimed and received Gift Aid. "Expected" starts from the eligible
 * net the money record keeps per campaign (campaigns.gift_aid_net_minor, in
 * step with every movement), so it is one pass over campaigns, not gifts;
 * the rest sums the batches.
 */
export async function giftAidTotals(): Promise<GiftAidTotals> {
	const [row] = await executeRows<{ eligible: string | number; claimed: string | number; received: string | number }>(
		db(),
		sql`select
			(select coalesce(sum(c.gift_aid_net_minor), 0) from campaigns c where c.currency = ${GIFT_AID_CURRENCY}) as "eligible",
			(select coalesce(sum(k.gift_aid_minor), 0) from gift_aid_claims k where k.status in ('submitted', 'paid') and k.currency = ${GIFT_AID_CURRENCY}) as "claimed",
			(select coalesce(sum(k.paid_minor), 0) from gift_aid_claims k where k.status = 'paid' and k.currency = ${GIFT_AID_CURRENCY}) as "received"`,
	)
	const claimedMinor = Number(row?.claimed ?? 0)
	return {
		currency: GIFT_AID_CURRENCY,
		expectedMinor: giftAidOn(Number(row?.eligible ?? 0)) - claimedMinor,
		claimedMinor,
		receivedMinor: Number(row?.received ?? 0),
	}
}

/**
 * Every gift a batch claims, as HMRC's schedule needs it: the declaration's
 * details and the day the gift was received in the charity's time zone, in
 * the schedule's order (by day, then gift). A batch holds at most
 * MAX_GIFTS_PER_CLAIM gifts, so this is bounded whatever the database holds.
 */
export async function scheduleGiftsOf(claimId: string) {
	if (!isUuid(claimId)) return []
	const rows = await executeRows<Omit<ScheduleGift, 'amountMinor'> & { amountMinor: string | number }>(
		db(),
		sql`select d.id as "donationId", i.amount_minor as "amountMinor",
			to_char(${madeAt} at time zone ${getEnv().CHARITY_TIME_ZONE}, 'YYYY-MM-DD') as "day",
			g.title, g.first_name as "firstName", g.last_name as "lastName",
			g.house_name_or_number as "houseNameOrNumber", g.postcode, g.overseas
		from gift_aid_claim_items i
		join donations d on d.id = i.donation_id
		join gift_aid_declarations g on g.id = d.gift_aid_declaration_id
		where i.claim_id = ${claimId} and i.kind = 'claim'
		order by 3, d.id`,
	)
	return rows.map((row): ScheduleGift => ({ ...row, amountMinor: Number(row.amountMinor) }))
}
