import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations, type DonationStatus } from '#db/schema.ts'
import { countedDonationStatuses } from './ledger.server.ts'

/**
 * A person's gifts are the ones whose money moved or is moving: a checkout
 * abandoned or declined is not a gift, and offline gifts are the
 * fundraiser's records (they have no donor account).
 */
const shownStatuses: readonly DonationStatus[] = ['processing', ...countedDonationStatuses]

export const DONOR_GIFTS_PAGE_SIZE = 10

export type DonorGift = {
	id: string
	campaignTitle: string
	/** Null when the page is not public any more (hidden or a draft again): the title is shown without a link. */
	campaignSlug: string | null
	amountMinor: number
	coverFeeMinor: number
	/** What was given back, from the money record (refunds only; disputes show in the status). */
	refundedMinor: number
	currency: string
	status: DonationStatus
	givenAt: Date
}

/**
 * The gifts a person gave while signed in (linked by `donorId`), newest
 * first, one page at a time; a page past the end is the last page.
 */
export async function listDonorGifts(personId: string, requestedPage: number) {
	const mine = and(eq(donations.donorId, personId), inArray(donations.status, [...shownStatuses]))
	const [total] = await db().select({ n: count() }).from(donations).where(mine)
	const pageCount = Math.max(1, Math.ceil((total?.n ?? 0) / DONOR_GIFTS_PAGE_SIZE))
	const page = Math.min(Math.max(1, requestedPage), pageCount)
	const rows = await db()
		.select({
			id: donations.id,
			campaignTitle: campaigns.title,
			slug: campaigns.slug,
			campaignStatus: campaigns.status,
			amountMinor: donations.amountMinor,
			coverFeeMinor: donations.coverFeeMinor,
			refundedMinor:
				sql<number>`coalesce((select -sum(m.amount_minor) from money_movements m where m.donation_id = ${donations.id} and m.kind = 'refund'), 0)::bigint`.mapWith(
					Number,
				),
			currency: donations.currency,
			status: donations.status,
			givenAt: sql<Date>`coalesce(${donations.succeededAt}, ${donations.createdAt})`.mapWith(
				(value: string | Date) => new Date(value),
			),
		})
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(mine)
		.orderBy(desc(donations.createdAt), desc(donations.id))
		.limit(DONOR_GIFTS_PAGE_SIZE)
		.offset((page - 1) * DONOR_GIFTS_PAGE_SIZE)
	const gifts: DonorGift[] = rows.map(({ slug, campaignStatus, ...gift }) => ({
		...gift,
		campaignSlug: campaignStatus === 'active' || campaignStatus === 'ended' ? slug : null,
	}))
	return { gifts, page, pageCount, total: total?.n ?? 0 }
}

/** The account page's "Your gifts": the page of gifts its `?page=` asks for, and how to show money. */
export async function loadYourGifts(request: Request, personId: string) {
	const page = Number.parseInt(new URL(request.url).searchParams.get('page') ?? '1', 10)
	const list = await listDonorGifts(personId, Number.isSafeInteger(page) ? page : 1)
	return { ...list, locale: getCharity().locale }
}
