/*
 * HMRC's Gift Aid schedule (Charities Online): one row per gift, or one row
 * for several small gifts added together. The rules, from HMRC's guidance on
 * the schedule spreadsheet:
 * - columns, in order: Title, First name or initial, Last name, House name or
 *   number, Postcode, Aggregated donations, Sponsored event, Donation date, Amount;
 * - title at most 4 characters, first and last name at most 35, a
 *   double-barrelled surname with a space instead of the hyphen; the house
 *   name or number at most 40 (HMRC's claim format);
 * - the postcode in capitals with one space; "X" for a donor living outside the UK;
 * - the date as DD/MM/YY; the amount without a £ sign, with two decimals;
 * - a box that does not apply is left blank (never 0.00 or n/a);
 * - gifts of £20 or less from different donors may be added together on one
 *   row of at most £1,000, with no donor details, a description of at most
 *   35 characters in "Aggregated donations" and the date of the last gift,
 *   and only gifts of the same accounting period together;
 * - "Sponsored event" is "Yes" only on a row that adds up a participant's
 *   sponsors; a gift shown with its own donor's details is an individual
 *   donation and HMRC asks that it is not marked. Every row here names its own
 *   donor (sponsors on an offline sponsorship form included), so it stays blank;
 * - a schedule holds at most 1,000 rows, so a larger claim is several files.
 */

export const SCHEDULE_HEADERS = [
	'Title',
	'First name or initial',
	'Last name',
	'House name or number',
	'Postcode',
	'Aggregated donations',
	'Sponsored event',
	'Donation date',
	'Amount',
] as const

/** Rows HMRC's schedule spreadsheet takes; more are not attached to the claim. */
export const SCHEDULE_ROW_LIMIT = 1000
/** A gift of at most this (pence) may be added together with others on one row. */
export const AGGREGATE_GIFT_MAX_MINOR = 2000
/** The most one added-together row may hold (pence). */
export const AGGREGATE_ROW_MAX_MINOR = 100_000

/** A claimed gift as the schedule needs it: its donor's declaration and the UK day it was received. */
export type ScheduleGift = {
	donationId: string
	amountMinor: number
	/** YYYY-MM-DD in the charity's time zone. */
	day: string
	title: string | null
	firstName: string
	lastName: string
	houseNameOrNumber: string
	postcode: string | null
	overseas: boolean
}

export type ScheduleRow = {
	title: string
	firstName: string
	lastName: string
	houseNameOrNumber: string
	postcode: string
	aggregated: string
	sponsoredEvent: string
	/** YYYY-MM-DD; shown DD/MM/YY. */
	day: string
	amountMinor: number
	/** The gifts this row holds (one, or several added together). */
	donationIds: string[]
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** A postcode as HMRC writes it: capitals, one space before the last three characters. */
export function hmrcPostcode(postcode: string | null, overseas: boolean): string {
	if (overseas || !postcode) return 'X'
	const compact = postcode.replace(/\s+/g, '').toUpperCase()
	return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact
}

/** One gift on its own row, with its donor's details as HMRC limits them. */
export function individualRow(gift: ScheduleGift): ScheduleRow {
	return {
		title: squash(gift.title ?? '').slice(0, 4),
		firstName: squash(gift.firstName).slice(0, 35),
		// HMRC: a double-barrelled surname with a space, not a hyphen.
		lastName: squash(gift.lastName.replaceAll('-', ' ')).slice(0, 35),
		houseNameOrNumber: squash(gift.houseNameOrNumber).slice(0, 40),
		postcode: hmrcPostcode(gift.postcode, gift.overseas),
		aggregated: '',
		sponsoredEvent: '',
		day: gift.day,
		amountMinor: gift.amountMinor,
		donationIds: [gift.donationId],
	}
}

/**
 * Which accounting period a day falls in, for adding gifts together: a
 * calendar month, split again at 5/6 April (the tax year, where a charity
 * set up by trust ends its period). A period that ends at a month's end or on
 * 5 April is never crossed.
 */
export function aggregationPeriod(day: string): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number]
	const mm = String(month).padStart(2, '0')
	// Sorted as text, the two halves of April stay in order between March and May.
	return month === 4 ? `${year}-${mm}-${date <= 5 ? 'a' : 'b'}` : `${year}-${mm}`
}

/**
 * The schedule's rows for a claim's gifts (in the order given: by day, then
 * id). With `aggregate`, gifts of £20 or less are added together per period
 * into rows of at most £1,000, placed after the individual rows; each such row
 * is dated by its last gift and described "Small gifts added together <n>"
 * (numbered through the claim, so every row's description is its own).
 */
export function scheduleRows(gifts: readonly ScheduleGift[], aggregate: boolean): ScheduleRow[] {
	const rows: ScheduleRow[] = []
	const small = new Map<string, ScheduleGift[]>()
	for (const gift of gifts) {
		if (aggregate && gift.amountMinor <= AGGREGATE_GIFT_MAX_MINOR) {
			const period = aggregationPeriod(gift.day)
			const list = small.get(period) ?? []
			list.push(gift)
			small.set(period, list)
		} else rows.push(individualRow(gift))
	}
	let line = 0
	for (const [, list] of [...small].sort(([a], [b]) => a.localeCompare(b))) {
		let current: ScheduleRow | null = null
		for (const gift of list) {
			if (!current || current.amountMinor + gift.amountMinor > AGGREGATE_ROW_MAX_MINOR) {
				line += 1
				current = {
					title: '',
					firstName: '',
					lastName: '',
					houseNameOrNumber: '',
					postcode: '',
					aggregated: `Small gifts added together ${line}`,
					sponsoredEvent: '',
					day: gift.day,
					amountMinor: 0,
					donationIds: [],
				}
				rows.push(current)
			}
			current.amountMinor += gift.amountMinor
			current.donationIds.push(gift.donationId)
			if (gift.day > current.day) current.day = gift.day
		}
	}
	return rows
}

/** How many files a schedule of `rowCount` rows needs. */
export function scheduleFileCount(rowCount: number): number {
	return Math.max(1, Math.ceil(rowCount / SCHEDULE_ROW_LIMIT))
}

/** The rows of file `part` (1-based). */
export function scheduleFileRows<Row>(rows: readonly Row[], part: number): Row[] {
	return rows.slice((part - 1) * SCHEDULE_ROW_LIMIT, part * SCHEDULE_ROW_LIMIT)
}
