import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { findMoneyDrift } from '#app/donations/ledger.server.ts'
import { giftAidTotals } from '#app/gift-aid/claims.server.ts'
import { keptFor } from '#app/utils/cache.server.ts'
import { csvCell, csvChunks, csvText, decimal, type CsvColumn, type KeysetPage } from '#app/staff/csv.server.ts'
import { executeRows } from '#db/client.server.ts'
import { db, eachRow } from '#db/index.server.ts'
import { campaigns, campaignStatus, donations, emails, emailStatus, moneyMovements, people } from '#db/schema.ts'
import type { CampaignStatus } from '#db/schema.ts'

/*
 * Staff reporting. Every money figure is a sum over the append-only money
 * record (never the denormalised campaign columns), and every figure is kept
 * per currency: amounts in different currencies are never added together.
 */

type EmailStatus = (typeof emailStatus.enumValues)[number]

/** Campaigns the public can see or could see: what "published" means across the app. */
const publishedStatuses: CampaignStatus[] = ['active', 'ended']

/** Movements that are a gift arriving (the rest are refunds and disputes). */
const giftKinds = sql`('donation_succeeded', 'offline_confirmed')`

// postgres.js returns bigint sums as strings and PGlite as numbers; both become numbers here.
const bigintSum = (amount: SQL, where?: SQL) =>
	(where
		? sql<number>`coalesce(sum(${amount}) filter (where ${where}), 0)::bigint`
		: sql<number>`coalesce(sum(${amount}), 0)::bigint`
	).mapWith(Number)

export type CurrencyTotals = {
	currency: string
	/** Net: every movement, refunds and disputes included. */
	raisedMinor: number
	/** Gifts received (online payments and confirmed offline gifts). */
	giftCount: number
	/** Sum of the gifts as given, before refunds and disputes. */
	grossGiftsMinor: number
	/** Returned to donors, as a positive amount. */
	refundedMinor: number
	/** Withdrawn by disputes, as a positive amount. */
	disputedMinor: number
	/** Disputes won: money that came back. */
	reinstatedMinor: number
	/** Gross gifts over their count, rounded to a whole minor unit; 0 when there are none. */
	averageGiftMinor: number
}

/** Money per currency, biggest first. */
async function moneyByCurrency(): Promise<CurrencyTotals[]> {
	const m = moneyMovements
	const rows = await db()
		.select({
			currency: m.currency,
			raisedMinor: bigintSum(sql`${m.amountMinor}`),
			giftCount: sql<number>`(count(*) filter (where ${m.kind} in ${giftKinds}))::int`.mapWith(Number),
			grossGiftsMinor: bigintSum(sql`${m.amountMinor}`, sql`${m.kind} in ${giftKinds}`),
			// Refunds and disputes are negative movements; shown as the positive amount that left.
			refundedMinor: bigintSum(sql`-${m.amountMinor}`, sql`${m.kind} = 'refund'`),
			disputedMinor: bigintSum(sql`-${m.amountMinor}`, sql`${m.kind} = 'dispute_withdrawn'`),
			reinstatedMinor: bigintSum(sql`${m.amountMinor}`, sql`${m.kind} = 'dispute_reinstated'`),
		})
		.from(m)
		.groupBy(m.currency)
		.orderBy(desc(sql`sum(${m.amountMinor})`), asc(m.currency))
	return rows.map((row) => ({
		...row,
		averageGiftMinor: row.giftCount > 0 ? Math.round(row.grossGiftsMinor / row.giftCount) : 0,
	}))
}

export type CoachingArmKey = 'coached' | 'holdout' | 'none'

type PageFigures = { fundraisers: number; campaigns: number; campaignsWithGift: number }
type ArmFigures = PageFigures & { raised: { currency: string; raisedMinor: number; medianMinor: number }[] }

/**
 * Fundraisers' published pages counted from their stored totals (kept in step
 * with the money record in the same transaction; drift is reported beside
 * them): over all of them, per owner's coaching arm, and per arm and currency
 * with the median page. Added up by PostgreSQL in one pass, so a handful of
 * rows reach the app whatever the number of pages.
 */
async function publishedPageFigures(): Promise<{ all: PageFigures; arms: Map<CoachingArmKey, ArmFigures> }> {
	const arm = sql`coalesce(${people.coachingArm}::text, 'none')`
	const rows = await executeRows<{
		arm: CoachingArmKey
		currency: string
		level: number
		fundraisers: number
		campaigns: number
		withGift: number
		raised: string | number
		median: string | number | null
	}>(
		db(),
		sql`select ${arm} as "arm", ${campaigns.currency} as "currency", grouping(${arm}, ${campaigns.currency}) as "level",
			count(distinct ${campaigns.ownerId})::int as "fundraisers", count(*)::int as "campaigns",
			(count(*) filter (where ${campaigns.donorCount} > 0))::int as "withGift",
			coalesce(sum(${campaigns.raisedMinor}), 0)::bigint as "raised",
			percentile_cont(0.5) within group (order by ${campaigns.raisedMinor}) as "median"
		from ${campaigns} join ${people} on ${people.id} = ${campaigns.ownerId}
		-- Fundraisers' own pages: a team's or an event's gift page is nobody's fundraiser.
		where ${inArray(campaigns.status, publishedStatuses)} and ${campaigns.purpose} = 'personal'
		group by grouping sets ((${arm}, ${campaigns.currency}), (${arm}), ())`,
	)
	const counts = (row: (typeof rows)[number]): PageFigures => ({
		fundraisers: Number(row.fundraisers),
		campaigns: Number(row.campaigns),
		campaignsWithGift: Number(row.withGift),
	})
	const all = rows.find((row) => Number(row.level) === 3)
	const arms = new Map<CoachingArmKey, ArmFigures>()
	for (const row of rows.filter((r) => Number(r.level) === 1)) arms.set(row.arm, { ...counts(row), raised: [] })
	for (const row of rows.filter((r) => Number(r.level) === 0).sort((a, b) => (a.currency < b.currency ? -1 : 1))) {
		arms.get(row.arm)?.raised.push({
			currency: row.currency,
			raisedMinor: Number(row.raised),
			// Whole minor units: the mean of the two middle pages is rounded.
			medianMinor: Math.round(Number(row.median ?? 0)),
		})
	}
	return { all: all ? counts(all) : { fundraisers: 0, campaigns: 0, campaignsWithGift: 0 }, arms }
}

/** Share (0–1) of `part` in `whole`, or null when there is nothing to divide. */
function share(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null
}

export type PlatformOverview = {
	money: CurrencyTotals[]
	campaignsByStatus: Record<CampaignStatus, number>
	/** People who own at least one published campaign. */
	fundraisers: number
	publishedCampaigns: number
	/** Published campaigns with at least one gift that still nets above zero (refunded gifts do not count). */
	campaignsWithGift: number
	/** campaignsWithGift / publishedCampaigns, or null with no published campaigns. */
	shareWithGift: number | null
	emailsByStatus: Record<EmailStatus, number>
	/** Campaigns whose stored totals differ from the money record: should be 0. */
	moneyDrift: number
	/** The first few drifting campaigns, so staff know where to look. */
	driftSlugs: string[]
	campaignsChecked: number
	/** When the drift check ran (ISO), which may be earlier than the other figures. */
	driftCheckedAt: string
}

type DriftCheck = Awaited<ReturnType<typeof findMoneyDrift>> & { checkedAt: string }

async function checkMoneyDrift(): Promise<DriftCheck> {
	return { ...(await findMoneyDrift()), checkedAt: new Date().toISOString() }
}

/**
 * Everything the overview counts; `driftCheck` is the whole-ledger audit
 * (the overview page passes a kept one, see keptOverviewPageData).
 */
export async function platformOverview(
	driftCheck: () => Promise<DriftCheck> = checkMoneyDrift,
): Promise<PlatformOverview> {
	const [money, statusRows, published, emailRows, drift] = await Promise.all([
		moneyByCurrency(),
		db().select({ status: campaigns.status, n: count() }).from(campaigns).groupBy(campaigns.status),
		publishedPageFigures(),
		db().select({ status: emails.status, n: count() }).from(emails).groupBy(emails.status),
		driftCheck(),
	])
	const campaignsByStatus = Object.fromEntries(campaignStatus.enumValues.map((s) => [s, 0])) as Record<
		CampaignStatus,
		number
	>
	for (const row of statusRows) campaignsByStatus[row.status] = Number(row.n)
	const emailsByStatus = Object.fromEntries(emailStatus.enumValues.map((s) => [s, 0])) as Record<EmailStatus, number>
	for (const row of emailRows) emailsByStatus[row.status] = Number(row.n)
	const { fundraisers, campaigns: publishedCampaigns, campaignsWithGift } = published.all
	return {
		money,
		campaignsByStatus,
		fundraisers,
		publishedCampaigns,
		campaignsWithGift,
		shareWithGift: share(campaignsWithGift, publishedCampaigns),
		emailsByStatus,
		moneyDrift: drift.drift.length + drift.rollupDrift.length,
		driftSlugs: [...drift.drift, ...drift.rollupDrift].slice(0, 10).map((d) => d.slug),
		campaignsChecked: drift.checked,
		driftCheckedAt: drift.checkedAt,
	}
}

export type TrendDay = { day: string; netMinor: number; gifts: number }

const DAY_MS = 86_400_000

/** The UTC midnight starting a YYYY-MM-DD day (plus `addDays`), as ISO text for a timestamptz parameter. */
function dayStart(day: string, addDays = 0): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + addDays * DAY_MS).toISOString()
}

/** YYYY-MM-DD of a moment, in UTC. */
function utcDay(date: Date): string {
	return date.toISOString().slice(0, 10)
}

/**
 * One row per UTC day, oldest first, ending on `now`'s day: the net of every
 * movement in `currency` that day and how many gifts arrived. Days without
 * movements are present with zeros, so a chart shows quiet days as gaps.
 */
export async function dailyTrend(options: {
	days?: number
	currency: string
	now?: Date
	/** Only the movements counted for this event (its pages, teams and direct gifts). */
	eventId?: string
}): Promise<TrendDay[]> {
	const days = Math.max(1, Math.floor(options.days ?? 30))
	const today = Date.parse(utcDay(options.now ?? new Date()))
	const start = new Date(today - (days - 1) * DAY_MS)
	const end = new Date(today + DAY_MS)
	const m = moneyMovements
	const day = sql<string>`to_char(${m.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`
	const rows = await db()
		.select({
			day,
			netMinor: bigintSum(sql`${m.amountMinor}`),
			gifts: sql<number>`(count(*) filter (where ${m.kind} in ${giftKinds}))::int`.mapWith(Number),
		})
		.from(m)
		.where(
			and(
				eq(m.currency, options.currency),
				gte(m.createdAt, start),
				lt(m.createdAt, end),
				options.eventId ? eq(m.eventId, options.eventId) : undefined,
			),
		)
		.groupBy(day)
	const byDay = new Map(rows.map((row) => [row.day, row]))
	return Array.from({ length: days }, (_, i) => {
		const key = utcDay(new Date(start.getTime() + i * DAY_MS))
		const row = byDay.get(key)
		return { day: key, netMinor: row?.netMinor ?? 0, gifts: row?.gifts ?? 0 }
	})
}

export type TopCampaign = {
	id: string
	slug: string
	title: string
	status: CampaignStatus
	currency: string
	goalMinor: number
	raisedMinor: number
	donors: number
	ownerName: string
}

/** The campaigns that raised most (net, their stored totals: an index read), each in its own currency. */
export async function topCampaigns(limit = 10): Promise<TopCampaign[]> {
	const totals = { raised: campaigns.raisedMinor, donors: campaigns.donorCount }
	const rows = await db()
		.select({
			id: campaigns.id,
			slug: campaigns.slug,
			title: campaigns.title,
			status: campaigns.status,
			currency: campaigns.currency,
			goalMinor: campaigns.goalMinor,
			raisedMinor: totals.raised,
			donors: totals.donors,
			ownerName: sql<string>`trim(${people.firstName} || ' ' || ${people.lastName})`,
		})
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(sql`${totals.raised} > 0`)
		.orderBy(desc(totals.raised), asc(campaigns.slug))
		.limit(limit)
	return rows.map((row) => ({
		...row,
		goalMinor: Number(row.goalMinor),
		raisedMinor: Number(row.raisedMinor),
		donors: Number(row.donors),
	}))
}

export type CoachingArmFigures = {
	arm: CoachingArmKey
	/** People assigned to the arm (null for "no arm": that group is everyone else, donors and staff included). */
	members: number | null
	/** Members who own a published campaign. */
	fundraisers: number
	campaigns: number
	campaignsWithGift: number
	shareWithGift: number | null
	/** Per currency: net raised and the median campaign's net. */
	raised: { currency: string; raisedMinor: number; medianMinor: number }[]
}

/**
 * Published campaigns by their owner's coaching arm, so staff can see whether
 * the coaching emails help fundraisers raise something. The arm is recorded
 * once per person (COACHING_HOLDOUT_PERCENT sets the hold-out's share);
 * people from before the measurement have none.
 */
export async function coachingComparison(): Promise<CoachingArmFigures[]> {
	const [published, memberRows] = await Promise.all([
		publishedPageFigures(),
		db()
			.select({ arm: people.coachingArm, n: count() })
			.from(people)
			.where(sql`${people.coachingArm} is not null and ${people.deletedAt} is null`)
			.groupBy(people.coachingArm),
	])
	const members = new Map(memberRows.map((row) => [row.arm, Number(row.n)]))
	return (['coached', 'holdout', 'none'] as const).map((arm) => {
		const figures = published.arms.get(arm) ?? { fundraisers: 0, campaigns: 0, campaignsWithGift: 0, raised: [] }
		return {
			arm,
			members: arm === 'none' ? null : (members.get(arm) ?? 0),
			...figures,
			shareWithGift: share(figures.campaignsWithGift, figures.campaigns),
		}
	})
}

// --- CSV exports -----------------------------------------------------------

export { csvCell }

type DonationExportRow = Awaited<ReturnType<typeof donationExportPage>>[number]

/** One keyset page of the donations export, in the file's order (when paid or started, then id). */
function donationExportPage(range: { from?: string; to?: string }, after: { id: string } | undefined, size: number) {
	const d = donations
	const when = sql`coalesce(${d.succeededAt}, ${d.createdAt})`
	const ledger = (filter: string) =>
		sql<number>`coalesce((select sum(m.amount_minor) from money_movements m where m.donation_id = ${d.id}${sql.raw(filter)}), 0)::bigint`.mapWith(
			Number,
		)
	return db()
		.select({
			id: d.id,
			createdAt: d.createdAt,
			succeededAt: d.succeededAt,
			status: d.status,
			channel: d.channel,
			campaignSlug: campaigns.slug,
			campaignTitle: campaigns.title,
			currency: d.currency,
			amountMinor: d.amountMinor,
			coverFeeMinor: d.coverFeeMinor,
			// The stored net, kept in step with the movements (`npm run money:check` proves it).
			netMinor: d.netMinor,
			refundedMinor: ledger(` and m.kind = 'refund'`),
			disputedMinor: ledger(` and m.kind in ('dispute_withdrawn', 'dispute_reinstated')`),
			// The latest dispute's status as Stripe names it (won, lost, warning_closed…); empty when there was none.
			disputeStatus: sql<
				string | null
			>`(select ds.status::text from disputes ds where ds.donation_id = ${d.id} order by ds.updated_at desc, ds.id limit 1)`,
			donorName: d.donorName,
			donorEmail: d.donorEmail,
			anonymous: d.anonymous,
			hideAmount: d.hideAmount,
			marketingOptIn: d.marketingOptIn,
			updatesOptIn: d.updatesOptIn,
			shareEmailWithFundraiser: d.shareEmailWithFundraiser,
			message: d.message,
			offlineNote: d.offlineNote,
			confirmedAt: d.confirmedAt,
			stripePaymentIntentId: d.stripePaymentIntentId,
		})
		.from(d)
		.innerJoin(campaigns, eq(campaigns.id, d.campaignId))
		.where(
			and(
				range.from ? sql`${when} >= ${dayStart(range.from)}::timestamptz` : undefined,
				range.to ? sql`${when} < ${dayStart(range.to, 1)}::timestamptz` : undefined,
				// Compared with the previous page's last row as stored (microseconds included).
				after
					? sql`(${when}, ${d.id}) > (select coalesce(k.succeeded_at, k.created_at), k.id from donations k where k.id = ${after.id})`
					: undefined,
			),
		)
		.orderBy(asc(when), asc(d.id))
		.limit(size)
}

const donationColumns: CsvColumn<DonationExportRow>[] = [
	{ header: 'donation_id', value: (r) => r.id },
	{ header: 'created_at', value: (r) => r.createdAt },
	{ header: 'succeeded_at', value: (r) => r.succeededAt },
	{ header: 'status', value: (r) => r.status },
	{ header: 'channel', value: (r) => r.channel },
	{ header: 'campaign_slug', value: (r) => r.campaignSlug },
	{ header: 'campaign_title', value: (r) => r.campaignTitle },
	{ header: 'currency', value: (r) => r.currency },
	{ header: 'amount', value: (r) => decimal(r.amountMinor, r.currency) },
	{ header: 'cover_fee', value: (r) => decimal(r.coverFeeMinor, r.currency) },
	{ header: 'total_charged', value: (r) => decimal(Number(r.amountMinor) + Number(r.coverFeeMinor), r.currency) },
	{ header: 'refunded', value: (r) => decimal(-r.refundedMinor, r.currency) },
	{ header: 'disputed', value: (r) => decimal(-r.disputedMinor, r.currency) },
	{ header: 'dispute_status', value: (r) => r.disputeStatus },
	{ header: 'net_received', value: (r) => decimal(r.netMinor, r.currency) },
	{ header: 'donor_name', value: (r) => r.donorName },
	{ header: 'donor_email', value: (r) => r.donorEmail },
	{ header: 'anonymous', value: (r) => r.anonymous },
	{ header: 'hide_amount', value: (r) => r.hideAmount },
	{ header: 'marketing_opt_in', value: (r) => r.marketingOptIn },
	{ header: 'updates_opt_in', value: (r) => r.updatesOptIn },
	{ header: 'share_email_with_fundraiser', value: (r) => r.shareEmailWithFundraiser },
	{ header: 'message', value: (r) => r.message },
	{ header: 'offline_note', value: (r) => r.offlineNote },
	{ header: 'offline_confirmed_at', value: (r) => r.confirmedAt },
	{ header: 'stripe_payment_intent', value: (r) => r.stripePaymentIntentId },
]

/**
 * Every donation (any status; a paid gift's status follows the money record:
 * refunded, disputed…) with its donor, for finance and receipts; staff only.
 * `from` and `to` are inclusive UTC days (YYYY-MM-DD) of when the gift was
 * paid, or started if it never was. Streamed in keyset pages.
 */
export function donationsCsvChunks(range: { from?: string; to?: string } = {}, signal?: AbortSignal) {
	return csvChunks(donationColumns, donationRows(range, signal), { signal })
}

/** The donations CSV as one string. */
export function donationsCsv(range: { from?: string; to?: string } = {}): Promise<string> {
	return csvText(donationColumns, donationRows(range))
}

/** The donations export's pages, row by row; a page's statement is cancelled once `signal` aborts. */
function donationRows(range: { from?: string; to?: string }, signal?: AbortSignal): KeysetPage<DonationExportRow> {
	return (after, size, onRow) => eachRow(donationExportPage(range, after, size), onRow, signal)
}

type CampaignExportRow = Awaited<ReturnType<typeof campaignExportPage>>[number]

/** One keyset page of the campaigns export, oldest first. */
function campaignExportPage(after: { id: string } | undefined, size: number) {
	return db()
		.select({
			id: campaigns.id,
			slug: campaigns.slug,
			title: campaigns.title,
			kind: campaigns.kind,
			status: campaigns.status,
			featured: campaigns.featured,
			currency: campaigns.currency,
			goalMinor: campaigns.goalMinor,
			// The stored totals, kept in step with the money record in the same transaction (`npm run money:check` proves it).
			raisedMinor: campaigns.raisedMinor,
			donors: campaigns.donorCount,
			ownerFirstName: people.firstName,
			ownerLastName: people.lastName,
			ownerEmail: people.email,
			ownerCoachingArm: people.coachingArm,
			createdAt: campaigns.createdAt,
			publishedAt: campaigns.publishedAt,
			endsOn: campaigns.endsOn,
			endedAt: campaigns.endedAt,
			hiddenReason: campaigns.hiddenReason,
		})
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(
			after
				? sql`(${campaigns.createdAt}, ${campaigns.id}) > (select k.created_at, k.id from campaigns k where k.id = ${after.id})`
				: undefined,
		)
		.orderBy(asc(campaigns.createdAt), asc(campaigns.id))
		.limit(size)
}

const campaignColumns: CsvColumn<CampaignExportRow>[] = [
	{ header: 'campaign_id', value: (r) => r.id },
	{ header: 'slug', value: (r) => r.slug },
	{ header: 'title', value: (r) => r.title },
	{ header: 'kind', value: (r) => r.kind },
	{ header: 'status', value: (r) => r.status },
	{ header: 'featured', value: (r) => r.featured },
	{ header: 'currency', value: (r) => r.currency },
	{ header: 'goal', value: (r) => decimal(r.goalMinor, r.currency) },
	{ header: 'raised', value: (r) => decimal(Number(r.raisedMinor), r.currency) },
	{ header: 'donors', value: (r) => Number(r.donors) },
	{ header: 'owner_first_name', value: (r) => r.ownerFirstName },
	{ header: 'owner_last_name', value: (r) => r.ownerLastName },
	{ header: 'owner_email', value: (r) => r.ownerEmail },
	{ header: 'owner_coaching_arm', value: (r) => r.ownerCoachingArm },
	{ header: 'created_at', value: (r) => r.createdAt },
	{ header: 'published_at', value: (r) => r.publishedAt },
	{ header: 'ends_on', value: (r) => r.endsOn },
	{ header: 'ended_at', value: (r) => r.endedAt },
	{ header: 'hidden_reason', value: (r) => r.hiddenReason },
]

/** Every campaign with its owner and its totals, streamed in keyset pages; staff only. */
export function campaignsCsvChunks(signal?: AbortSignal) {
	return csvChunks(campaignColumns, campaignRows(signal), { signal })
}

/** The campaigns CSV as one string. */
export function campaignsCsv(): Promise<string> {
	return csvText(campaignColumns, campaignRows())
}

/** The campaigns export's pages, row by row; a page's statement is cancelled once `signal` aborts. */
function campaignRows(signal?: AbortSignal): KeysetPage<CampaignExportRow> {
	return (after, size, onRow) => eachRow(campaignExportPage(after, size), onRow, signal)
}

const isoDay = z.iso.date({ error: 'Use a date like 2025-01-31' })
const exportRange = z
	.object({ from: isoDay.optional(), to: isoDay.optional() })
	.refine((range) => !range.from || !range.to || range.from <= range.to, { error: '"from" must not be after "to"' })

/** The optional ?from=YYYY-MM-DD&to=YYYY-MM-DD of an export; anything else is a 400. */
export function parseExportRange(url: URL): { from?: string; to?: string } {
	const parsed = exportRange.safeParse({
		from: url.searchParams.get('from') || undefined,
		to: url.searchParams.get('to') || undefined,
	})
	if (!parsed.success) {
		throw new Response(`Bad date range: ${parsed.error.issues.map((issue) => issue.message).join('; ')}\n`, {
			status: 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
	return parsed.data
}

/** Staff members with an export being streamed now (per process). */
const exportsRunning = new Set<string>()

/**
 * A CSV download named `<name>-YYYY-MM-DD.csv` (today, UTC), streamed as its
 * chunks are produced; never cached, since it holds donors' details. One
 * heavy export per staff member at a time (see fileDownload).
 */
export function csvDownload(
	staffId: string,
	name: string,
	chunksFor: (signal: AbortSignal) => AsyncGenerator<string | Uint8Array>,
	signal: AbortSignal,
	now = new Date(),
): Response {
	return fileDownload(
		staffId,
		{ filename: `${name}-${utcDay(now)}.csv`, contentType: 'text/csv; charset=utf-8', byteOrderMark: true },
		chunksFor,
		signal,
	)
}

/**
 * A file download streamed as its chunks (text or bytes) are produced; never
 * cached, since it holds donors' details. One heavy export per staff member
 * at a time: a second, while the first is still streaming, is answered 429.
 * The export stops, and its slot is free again, when the client goes away
 * (`signal`, the request's own), also when that happened before this is
 * called: Remix then throws the response away unread, so a slot taken for it
 * would never be given back.
 */
export function fileDownload(
	staffId: string,
	file: {
		filename: string
		contentType: string
		/** Start with a UTF-8 byte-order mark: how Excel knows a CSV is UTF-8 (names like "Zoë" stay intact). */
		byteOrderMark?: boolean
	},
	chunksFor: (signal: AbortSignal) => AsyncGenerator<string | Uint8Array>,
	signal: AbortSignal,
): Response {
	signal.throwIfAborted()
	if (exportsRunning.has(staffId)) {
		return new Response(
			'You already have an export downloading. Wait for it to finish (or cancel it), then ask for this one again.\n',
			{
				status: 429,
				headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '30' },
			},
		)
	}
	exportsRunning.add(staffId)
	const encoder = new TextEncoder()
	const chunks = chunksFor(signal)
	let released = false
	const release = () => {
		if (released) return
		released = true
		exportsRunning.delete(staffId)
		signal.removeEventListener('abort', stop)
	}
	const stop = () => {
		release()
		void chunks.return(undefined)
	}
	signal.addEventListener('abort', stop)
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			if (file.byteOrderMark) controller.enqueue(encoder.encode('\uFEFF'))
		},
		async pull(controller) {
			try {
				const next = await chunks.next()
				if (next.done || signal.aborted) {
					release()
					controller.close()
				} else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
			} catch (error) {
				release()
				controller.error(error)
			}
		},
		cancel() {
			stop()
		},
	})
	return new Response(body, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${file.filename}"`,
			'Cache-Control': 'no-store',
		},
	})
}

/**
 * The drift check for the overview page, at most once per 5 minutes per
 * process: it groups the whole ledger by donation (about 20 s of a busy
 * 2-core machine at a million gifts), and as an audit of totals that are
 * kept in the same transaction as each movement it need not be fresher.
 */
const keptMoneyDrift = keptFor(300, checkMoneyDrift)

/**
 * The overview page's figures, computed at most once per 30 seconds per
 * process: the money breakdown is a whole-ledger pass (seconds at a million
 * gifts) and the page counts and Gift Aid expected are passes over every
 * campaign, so views in between get the kept figures and the page says when
 * they were computed. (The Gift Aid page reads its totals fresh.)
 */
export const keptOverviewPageData = keptFor(30, () => overviewPageData(new Date(), keptMoneyDrift))

/** Everything the staff overview page shows, in one call. */
export async function overviewPageData(now = new Date(), driftCheck: () => Promise<DriftCheck> = checkMoneyDrift) {
	const [overview, top, coaching, giftAid] = await Promise.all([
		platformOverview(driftCheck),
		topCampaigns(10),
		coachingComparison(),
		giftAidTotals(),
	])
	// The charity's own currency always gets a chart, even before the first gift.
	const currencies = overview.money.length > 0 ? overview.money.map((m) => m.currency) : [getCharity().currency]
	const trends = await Promise.all(
		currencies.map(async (currency) => ({ currency, days: await dailyTrend({ days: 30, currency, now }) })),
	)
	return {
		overview,
		top,
		coaching,
		trends,
		giftAid,
		holdoutPercent: getEnv().COACHING_HOLDOUT_PERCENT,
		locale: getCharity().locale,
		generatedAt: now.toISOString(),
	}
}
