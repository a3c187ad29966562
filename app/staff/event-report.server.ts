import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { readEventTotals } from '#app/events/totals.server.ts'
import { db, eachRow } from '#db/index.server.ts'
import { campaigns, emails, eventRegistrations, people, teams, type Event } from '#db/schema.ts'
import { csvChunks, csvText, decimal, type CsvColumn, type KeysetPage } from './csv.server.ts'
import { dailyTrend } from './reporting.server.ts'

const ZERO_LIST_MAX = 200

/** The last email that went to the person: what "last contact" means on the report. */
const lastContactAt =
	sql<Date | null>`(select max(${emails.sentAt}) from ${emails} where ${emails.personId} = ${people.id} and ${emails.status} = 'sent')`.mapWith(
		(value: string | Date | null) => (value === null ? null : new Date(value)),
	)

const fullName = sql<string>`trim(concat(${people.firstName}, ' ', ${people.lastName}))`

/**
 * An event's report: the total from its shards (the ledger's rollup), where
 * it came from (participants' pages, team gifts, direct event gifts), who
 * is taking part and who has not had a gift yet, the registration fees
 * (never fundraising: they are not in the money record) and a daily trend.
 */
export async function eventReport(event: Event, now = new Date()) {
	const [totals, [pages], [people_], [fees], trend, zero] = await Promise.all([
		readEventTotals(event.id),
		db()
			.select({
				directMinor:
					sql<number>`coalesce(sum(${campaigns.raisedMinor}) filter (where ${campaigns.purpose} = 'event'), 0)::bigint`.mapWith(
						Number,
					),
				directDonors:
					sql<number>`coalesce(sum(${campaigns.donorCount}) filter (where ${campaigns.purpose} = 'event'), 0)::int`.mapWith(
						Number,
					),
				teamGiftsMinor:
					sql<number>`coalesce(sum(${campaigns.raisedMinor}) filter (where ${campaigns.purpose} = 'team'), 0)::bigint`.mapWith(
						Number,
					),
				teams: sql<number>`(count(*) filter (where ${campaigns.purpose} = 'team'))::int`.mapWith(Number),
			})
			.from(campaigns)
			.where(and(eq(campaigns.eventId, event.id), sql`${campaigns.purpose} in ('event', 'team')`)),
		db()
			.select({
				participants: sql<number>`count(*)::int`.mapWith(Number),
				withGift: sql<number>`(count(*) filter (where ${campaigns.donorCount} > 0))::int`.mapWith(Number),
			})
			.from(eventRegistrations)
			.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
			.where(eq(eventRegistrations.eventId, event.id)),
		db()
			.select({
				paid: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'paid'))::int`.mapWith(Number),
				paidMinor:
					sql<number>`coalesce(sum(${eventRegistrations.feeMinor}) filter (where ${eventRegistrations.status} = 'paid'), 0)::bigint`.mapWith(
						Number,
					),
				awaiting: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'awaiting_fee'))::int`.mapWith(
					Number,
				),
				refunded: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'fee_refunded'))::int`.mapWith(
					Number,
				),
			})
			.from(eventRegistrations)
			.where(eq(eventRegistrations.eventId, event.id)),
		dailyTrend({ currency: event.currency, eventId: event.id, days: 30, now }),
		participantsAtZero(event.id),
	])
	const participants = people_?.participants ?? 0
	const withGift = people_?.withGift ?? 0
	return {
		raisedMinor: totals.raisedMinor,
		donorCount: totals.donorCount,
		directMinor: pages?.directMinor ?? 0,
		directDonors: pages?.directDonors ?? 0,
		teamGiftsMinor: pages?.teamGiftsMinor ?? 0,
		teams: pages?.teams ?? 0,
		participants,
		withGift,
		/** Whole percent of participants with at least one gift (null without participants). */
		shareWithGift: participants ? Math.round((withGift * 100) / participants) : null,
		fees: fees ?? { paid: 0, paidMinor: 0, awaiting: 0, refunded: 0 },
		trend,
		zero,
	}
}

export type EventReport = Awaited<ReturnType<typeof eventReport>>

/** How many paid fees the report lists with a refund link (the newest; the participants CSV has every one). */
export const REFUNDABLE_FEES_LISTED = 50

/**
 * Registrations whose fee is paid and not all refunded, newest first: where
 * staff start a refund (read backwards along the event's registrations index).
 */
export async function refundableFees(eventId: string, limit = REFUNDABLE_FEES_LISTED) {
	const rows = await db()
		.select({
			registrationId: eventRegistrations.id,
			name: fullName,
			email: people.email,
			feeMinor: eventRegistrations.feeMinor,
			feeRefundedMinor: eventRegistrations.feeRefundedMinor,
			currency: eventRegistrations.currency,
			feePaidAt: eventRegistrations.feePaidAt,
		})
		.from(eventRegistrations)
		.innerJoin(people, eq(people.id, eventRegistrations.personId))
		.where(
			and(
				eq(eventRegistrations.eventId, eventId),
				sql`${eventRegistrations.status} = 'paid'`,
				sql`${eventRegistrations.feeRefundedMinor} < coalesce(${eventRegistrations.feeMinor}, 0)`,
			),
		)
		.orderBy(desc(eventRegistrations.createdAt), desc(eventRegistrations.id))
		.limit(limit)
	return rows.map((r) => ({ ...r, feeMinor: Number(r.feeMinor ?? 0), feeRefundedMinor: Number(r.feeRefundedMinor) }))
}

/** Participants whose page has raised nothing yet, longest-waiting first, with when we last emailed them. */
export async function participantsAtZero(eventId: string, limit = ZERO_LIST_MAX) {
	return db()
		.select({
			registrationId: eventRegistrations.id,
			personId: people.id,
			name: fullName,
			email: people.email,
			pageSlug: campaigns.slug,
			pageStatus: campaigns.status,
			teamName: teams.name,
			joinedAt: eventRegistrations.createdAt,
			lastContactAt,
		})
		.from(eventRegistrations)
		.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
		.innerJoin(people, eq(people.id, eventRegistrations.personId))
		.leftJoin(teams, eq(teams.id, campaigns.teamId))
		.where(and(eq(eventRegistrations.eventId, eventId), sql`${campaigns.raisedMinor} <= 0`))
		.orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
		.limit(limit)
}

/** One keyset page of an event's participants, in the order they joined. */
function participantPage(eventId: string, after: { registrationId: string } | undefined, size: number) {
	return db()
		.select({
			registrationId: eventRegistrations.id,
			name: fullName,
			email: people.email,
			consentedAt: people.emailConsentAt,
			teamName: teams.name,
			currency: campaigns.currency,
			goalMinor: campaigns.goalMinor,
			raisedMinor: campaigns.raisedMinor,
			donors: campaigns.donorCount,
			registration: eventRegistrations.status,
		})
		.from(eventRegistrations)
		.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
		.innerJoin(people, eq(people.id, eventRegistrations.personId))
		.leftJoin(teams, eq(teams.id, campaigns.teamId))
		.where(
			and(
				eq(eventRegistrations.eventId, eventId),
				after
					? sql`(${eventRegistrations.createdAt}, ${eventRegistrations.id}) > (select k.created_at, k.id from event_registrations k where k.id = ${after.registrationId})`
					: undefined,
			),
		)
		.orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
		.limit(size)
}

type ParticipantRow = Awaited<ReturnType<typeof participantPage>>[number]

const registrationPaidText = { free: 'no fee', awaiting_fee: 'no', paid: 'yes', fee_refunded: 'refunded' } as const

const participantColumns: CsvColumn<ParticipantRow>[] = [
	{ header: 'name', value: (r) => r.name },
	// Only people who agreed to hear from the charity: the rest are reached through the outbox, never a spreadsheet.
	{ header: 'email', value: (r) => (r.consentedAt ? r.email : '') },
	{ header: 'team', value: (r) => r.teamName },
	{ header: 'currency', value: (r) => r.currency },
	{ header: 'goal', value: (r) => decimal(r.goalMinor, r.currency) },
	{ header: 'raised', value: (r) => decimal(Number(r.raisedMinor), r.currency) },
	{ header: 'donors', value: (r) => Number(r.donors) },
	{ header: 'registration_paid', value: (r) => registrationPaidText[r.registration] },
]

/** An event's participants as CSV, streamed in keyset pages; staff only. */
export function participantsCsvChunks(eventId: string, signal?: AbortSignal) {
	return csvChunks(participantColumns, participantRows(eventId, signal), { signal })
}

/** The participants CSV as one string. */
export function participantsCsv(eventId: string): Promise<string> {
	return csvText(participantColumns, participantRows(eventId))
}

/** An event's participants export, page by page, row by row; a page's statement is cancelled once `signal` aborts. */
function participantRows(eventId: string, signal?: AbortSignal): KeysetPage<ParticipantRow> {
	return (after, size, onRow) => eachRow(participantPage(eventId, after, size), onRow, signal)
}
