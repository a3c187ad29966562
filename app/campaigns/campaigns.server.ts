import { campaignPath } from './urls.ts'
import { redirect } from '@remix-run/node'
import { and, desc, eq, inArray, isNull, sql, type Placeholder } from 'drizzle-orm'
import { countedDonationStatuses } from '#app/donations/ledger.server.ts'
import { keptFor } from '#app/utils/cache.server.ts'
import { db, preparedQuery } from '#db/index.server.ts'
import { campaignFormerSlugs, campaigns, donations, people, type CampaignKind } from '#db/schema.ts'
import { renderStory } from './story.server.ts'

export type CampaignSummary = {
	id: string
	slug: string
	title: string
	kind: CampaignKind
	status: 'draft' | 'active' | 'ended' | 'hidden'
	goalMinor: number
	currency: string
	raisedMinor: number
	donorCount: number
	coverImage: string | null
	coverAlt: string | null
	endsOn: string | null
	organiserName: string
	/** The organiser's profile photo, if they added one. */
	organiserPhotoUrl: string | null
	featured: boolean
}

// Totals are kept in step with the append-only money record in the same
// transaction that writes it (see app/donations/ledger.server.ts), so pages
// read two columns instead of summing on every view.
const raisedMinor = campaigns.raisedMinor
const donorCount = campaigns.donorCount

const summaryColumns = {
	id: campaigns.id,
	slug: campaigns.slug,
	title: campaigns.title,
	kind: campaigns.kind,
	status: campaigns.status,
	goalMinor: campaigns.goalMinor,
	currency: campaigns.currency,
	raisedMinor,
	donorCount,
	coverImage: campaigns.coverImage,
	coverAlt: campaigns.coverAlt,
	endsOn: campaigns.endsOn,
	organiserName: sql<string>`trim(${people.firstName} || ' ' || ${people.lastName})`,
	organiserPhotoUrl: people.photoUrl,
	featured: campaigns.featured,
}

/**
 * A person's own page: team and event gift pages (docs/events.md) are shown
 * on their event's pages, never listed as fundraisers of their own.
 */
const personalPage = eq(campaigns.purpose, 'personal')

function normalise(row: CampaignSummary): CampaignSummary {
	return { ...row, raisedMinor: Number(row.raisedMinor), donorCount: Number(row.donorCount) }
}

/** Featured, public campaigns for the landing page. */
export async function listFeaturedCampaigns(limit = 3): Promise<CampaignSummary[]> {
	const rows = await db()
		.select(summaryColumns)
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(and(eq(campaigns.featured, true), eq(campaigns.status, 'active'), personalPage))
		.orderBy(desc(campaigns.publishedAt))
		.limit(limit)
	return rows.map(normalise)
}

/** The newest public campaigns. */
export async function listRecentCampaigns(limit = 6, options: { excludeIds?: string[] } = {}) {
	const rows = await db()
		.select(summaryColumns)
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(
			and(
				eq(campaigns.status, 'active'),
				personalPage,
				options.excludeIds?.length ? sql`${campaigns.id} not in ${options.excludeIds}` : undefined,
			),
		)
		.orderBy(desc(campaigns.publishedAt))
		.limit(limit)
	return rows.map(normalise)
}

/**
 * Total raised across the platform, per currency (normally one), from the
 * stored campaign totals (one row per campaign, never the whole ledger) and
 * kept for 10 seconds, so a landing-page peak costs one pass per window.
 */
export const platformTotals = keptFor(
	10,
	async (): Promise<{ currency: string; raisedMinor: number; campaignCount: number }[]> => {
		const rows = await db()
			.select({
				currency: campaigns.currency,
				raisedMinor: sql<number>`coalesce(sum(${campaigns.raisedMinor}), 0)::bigint`,
				// Fundraisers' pages with a gift: a team's or an event's own gift page is not a campaign of its own.
				campaignCount: sql<number>`(count(*) filter (where ${campaigns.raisedMinor} > 0 and ${campaigns.purpose} = 'personal'))::int`,
			})
			.from(campaigns)
			.where(inArray(campaigns.status, ['active', 'ended']))
			.groupBy(campaigns.currency)
		return rows
			.map((r) => ({
				currency: r.currency,
				raisedMinor: Number(r.raisedMinor),
				campaignCount: Number(r.campaignCount),
			}))
			.filter((r) => r.campaignCount > 0 || r.raisedMinor !== 0)
	},
)

const pageColumns = {
	...summaryColumns,
	story: campaigns.story,
	storyHtml: campaigns.storyHtml,
	publishedAt: campaigns.publishedAt,
	ownerId: campaigns.ownerId,
	hiddenReason: campaigns.hiddenReason,
	updatedAt: campaigns.updatedAt,
	purpose: campaigns.purpose,
	eventId: campaigns.eventId,
	raisedChangedAt: campaigns.raisedChangedAt,
	giftAidNetMinor: campaigns.giftAidNetMinor,
}

/** A campaign anyone may see (active or ended), or null. */
export async function getPublicCampaign(slug: string) {
	const [row] = await db()
		.select(pageColumns)
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(and(eq(campaigns.slug, slug.toLowerCase()), inArray(campaigns.status, ['active', 'ended'])))
	return row ? { ...row, ...normalise(row) } : null
}

// The campaign page's own query, asked at every view: built once.
const campaignBySlug = preparedQuery((database) =>
	database
		.select(pageColumns)
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(eq(campaigns.slug, sql.placeholder('slug')))
		.prepare('campaign_by_slug'),
)

/**
 * The campaign at a short URL as `viewerId` may see it: public states for
 * everyone; drafts and hidden campaigns for their owner only (null otherwise,
 * so a guessed draft URL shows nothing).
 */
export async function getCampaignForViewer(slug: string, viewerId: string | null) {
	const [row] = await campaignBySlug().execute({ slug: slug.toLowerCase() })
	if (!row) return null
	const isOwner = viewerId !== null && row.ownerId === viewerId
	if (!isOwner && (row.status === 'draft' || row.status === 'hidden')) return null
	return { ...row, ...normalise(row), isOwner }
}

/**
 * A campaign's story as page HTML. It is rendered and sanitised when the
 * story is saved; a row saved before that column existed is rendered once
 * here and stored, unless its story changed in the meantime.
 */
export async function storedStoryHtml(campaign: { id: string; story: string; storyHtml: string | null }) {
	if (campaign.storyHtml !== null) return campaign.storyHtml
	const html = renderStory(campaign.story)
	await db()
		.update(campaigns)
		.set({ storyHtml: html })
		.where(and(eq(campaigns.id, campaign.id), eq(campaigns.story, campaign.story), isNull(campaigns.storyHtml)))
	return html
}

/**
 * Donations that still give something after refunds and disputes: who is on
 * the wall, counted exactly as the campaign's donor count is (the stored net,
 * kept in step with the money record), so the page never lists a gift that
 * was taken back. The same condition as the partial index donations_wall_idx,
 * so a page reads 20 entries of that index and nothing else.
 */
const onDonorWall = (campaignId: string | Placeholder) =>
	and(
		eq(donations.campaignId, campaignId),
		// A literal 0, not a parameter, so a generic plan can still prove the partial index applies.
		sql`${donations.netMinor} > 0`,
		inArray(donations.status, [...countedDonationStatuses]),
	)

/** Where a gift stands on the wall: when it was paid (or started, if that was never stamped), then its id. */
const wallOrder = sql`coalesce(${donations.succeededAt}, ${donations.createdAt})`

export type DonorWallEntry = {
	id: string
	/** "Anonymous" when the donor asked; their name is never sent to the page. */
	displayName: string
	/** What the gift still gives after any partial refund; null when the donor hid the amount. */
	amountMinor: number | null
	currency: string
	message: string | null
	at: Date
}

/**
 * Where a page of the donor wall starts: the gifts older than `before`, or
 * newer than `after` (each a donation id from the page next to it). Keyset
 * pagination on the wall's order and id, so a deep page costs what the first does.
 */
export type DonorWallPosition = { before?: string; after?: string }

const donorWallColumns = {
	id: donations.id,
	donorName: donations.donorName,
	anonymous: donations.anonymous,
	hideAmount: donations.hideAmount,
	amountMinor: donations.netMinor,
	currency: donations.currency,
	message: donations.message,
	at: wallOrder.mapWith(donations.succeededAt),
}

const wallNewestFirst = [sql`${wallOrder} desc`, sql`${donations.id} desc`]

// The wall's first page is on every view of a campaign page: built once.
const firstDonorWallPage = preparedQuery((database) =>
	database
		.select(donorWallColumns)
		.from(donations)
		.where(onDonorWall(sql.placeholder('campaignId')))
		.orderBy(...wallNewestFirst)
		.limit(sql.placeholder('limit'))
		.prepare('first_donor_wall_page'),
)

/** Donations still standing, for a public page, newest first, each at its net amount. */
export async function listDonorWall(
	campaignId: string,
	options: { limit?: number } & DonorWallPosition = {},
): Promise<DonorWallEntry[]> {
	const key = sql`(${wallOrder}, ${donations.id})`
	const keyOf = (id: string) =>
		sql`(select coalesce(d2.succeeded_at, d2.created_at), d2.id from donations d2 where d2.id = ${id})`
	const newestFirst = options.after === undefined
	const limit = options.limit ?? 10
	const rows =
		options.before === undefined && options.after === undefined
			? await firstDonorWallPage().execute({ campaignId, limit })
			: await db()
					.select(donorWallColumns)
					.from(donations)
					.where(
						and(
							onDonorWall(campaignId),
							options.before !== undefined ? sql`${key} < ${keyOf(options.before)}` : undefined,
							options.after !== undefined ? sql`${key} > ${keyOf(options.after)}` : undefined,
						),
					)
					// Plain ASC/DESC on both keys: the index's order read forwards or backwards.
					.orderBy(...(newestFirst ? wallNewestFirst : [wallOrder, donations.id]))
					.limit(limit)
	if (!newestFirst) rows.reverse()
	return rows.map((r): DonorWallEntry => ({
		id: r.id,
		displayName: r.anonymous ? 'Anonymous' : r.donorName,
		amountMinor: r.hideAmount ? null : Number(r.amountMinor),
		currency: r.currency,
		message: r.message,
		at: r.at,
	}))
}

/** Every campaign a person owns, newest first, for their dashboard. */
export async function listCampaignsOwnedBy(personId: string): Promise<CampaignSummary[]> {
	const rows = await db()
		.select(summaryColumns)
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(and(eq(campaigns.ownerId, personId), personalPage))
		.orderBy(desc(campaigns.createdAt))
	return rows.map(normalise)
}

/** One campaign's figures (raised, donors) by id. */
export async function getCampaignSummary(campaignId: string): Promise<CampaignSummary | null> {
	const [row] = await db()
		.select(summaryColumns)
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(eq(campaigns.id, campaignId))
	return row ? normalise(row) : null
}

/** The full row of a campaign at a short URL, if it is public (active or ended). */
export async function getPublicCampaignRow(slug: string) {
	const [row] = await db()
		.select()
		.from(campaigns)
		.where(and(eq(campaigns.slug, slug.toLowerCase()), inArray(campaigns.status, ['active', 'ended'])))
	return row ?? null
}

/**
 * A link a public campaign used before its owner changed it answers with a
 * permanent redirect to the current one, keeping the rest of the path and the
 * query (/f/old/qr.png?download=1 → /f/new/qr.png?download=1), so shared
 * links and printed QR codes keep working. Returns when `slug` is no former link.
 */
export async function redirectFromFormerSlug(request: Request, slug: string): Promise<void> {
	const [row] = await db()
		.select({ slug: campaigns.slug })
		.from(campaignFormerSlugs)
		.innerJoin(campaigns, eq(campaigns.id, campaignFormerSlugs.campaignId))
		.where(and(eq(campaignFormerSlugs.slug, slug.toLowerCase()), inArray(campaigns.status, ['active', 'ended'])))
	if (!row) return
	const url = new URL(request.url)
	throw redirect(`${url.pathname.replace(/^\/f\/[^/]+/, campaignPath(row.slug))}${url.search}`, 301)
}
