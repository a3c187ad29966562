import { and, eq, inArray, or, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { queueEmail, type EmailToQueue } from '#app/email/outbox.server.ts'
import { type Tx } from '#db/client.server.ts'
import { type EventParticipantData } from '#emails/event-emails-parts.ts'
import { campaigns, emails, events, people, teams, type Event } from '#db/schema.ts'
import { eventWhen } from './kinds.ts'

const DAY = 86_400_000

/** The last moment a page takes gifts, from its end date (the whole of that day). */
const endOfDay = (isoDate: string) => new Date(`${isoDate}T23:59:59Z`)

/** One of a participant's timed event emails: which, and when it is due (null: no longer fits, so not sent). */
type TimedEventEmail = {
	template: 'event-reminder' | 'event-thank-you' | 'event-last-push'
	/** The cause key without the page: `event-reminder-7`, `event-thank-you`… */
	cause: string
	daysBefore?: 7 | 1
	sendAfter: Date | null
}

/**
 * When each timed email of a participant's page is due, from the event's date
 * and the page's closing day: the reminders a week and a day before (none
 * once that moment has passed: someone joining three days before gets no "one
 * week to go"), the thank-you the day after (now, if that has passed) and the
 * last push three days before gifts close (only when that comes after the
 * thank-you and is still ahead). Joining and a change of the event's date both
 * read it, so the two cannot disagree.
 */
export function timedEventEmails(
	event: Pick<Event, 'startsAt'>,
	page: { endsOn: string | null },
	now: Date,
): TimedEventEmail[] {
	const startsAt = event.startsAt.getTime()
	const timed: TimedEventEmail[] = ([7, 1] as const).map((daysBefore) => {
		const at = new Date(startsAt - daysBefore * DAY)
		return {
			template: 'event-reminder',
			cause: `event-reminder-${daysBefore}`,
			daysBefore,
			sendAfter: at > now ? at : null,
		}
	})
	const thankYouAt = new Date(startsAt + DAY)
	timed.push({ template: 'event-thank-you', cause: 'event-thank-you', sendAfter: thankYouAt < now ? now : thankYouAt })
	const lastPushAt = page.endsOn ? new Date(endOfDay(page.endsOn).getTime() - 3 * DAY) : null
	timed.push({
		template: 'event-last-push',
		cause: 'event-last-push',
		sendAfter: lastPushAt && lastPushAt > thankYouAt && lastPushAt > now ? lastPushAt : null,
	})
	return timed
}

/** The queued row of one timed email of a page (typed per template). */
function timedEmailFields(
	timed: TimedEventEmail,
	pageId: string,
	data: EventParticipantData,
): Omit<EmailToQueue<'event-reminder'> | EmailToQueue<'event-thank-you' | 'event-last-push'>, 'to'> {
	const common = { causeKey: `${timed.cause}:${pageId}`, sendAfter: timed.sendAfter! }
	if (timed.template === 'event-reminder')
		return { ...common, template: 'event-reminder', data: { ...data, daysBefore: timed.daysBefore! } }
	return { ...common, template: timed.template, data }
}

/** Why a timed event email was stopped by a change of the event's date (a later change may bring it back). */
const MOVED_PAST = 'the event’s new date left no time for it'

/** What the event emails say about the event, as it is now. */
function eventEmailFacts(event: Event) {
	return {
		eventName: event.name,
		eventSlug: event.slug,
		eventWhen: eventWhen(event, getCharity().locale),
		eventPlace: event.place,
	}
}

/**
 * The event was saved (its date, time, name or place may have changed), in the
 * same transaction as the save and after participants' closing days were
 * moved: every timed event email of its participants that has not gone yet
 * moves to its new time and says the event's new details; one whose new time
 * has passed (a reminder a week before an event now three days away) is
 * stopped, and comes back if the date moves again; one that never was (they
 * joined too late for it) is added once its time is ahead. Emails that have
 * gone are never sent again: their cause keys stay taken. One update per kind
 * of email and closing day, not one per participant. With `pageId`, only that
 * participant's (their page's closing day changed: the last push follows it).
 */
export async function rescheduleEventEmails(tx: Tx, event: Event, options: { now?: Date; pageId?: string } = {}) {
	const now = options.now ?? new Date()
	const pages = await tx
		.select({ id: campaigns.id, endsOn: campaigns.endsOn, status: campaigns.status })
		.from(campaigns)
		.where(
			and(
				eq(campaigns.eventId, event.id),
				eq(campaigns.purpose, 'personal'),
				options.pageId ? eq(campaigns.id, options.pageId) : undefined,
			),
		)
	if (pages.length === 0) return
	const facts = sql`${JSON.stringify(eventEmailFacts(event))}::jsonb`
	const byEndsOn = new Map<string | null, typeof pages>()
	for (const page of pages) byEndsOn.set(page.endsOn, [...(byEndsOn.get(page.endsOn) ?? []), page])
	const expected: { pageId: string; timed: TimedEventEmail }[] = []
	for (const [endsOn, group] of byEndsOn) {
		for (const timed of timedEventEmails(event, { endsOn }, now)) {
			const keys = group.map((page) => `${timed.cause}:${page.id}`)
			const notGone = or(
				eq(emails.status, 'scheduled'),
				and(eq(emails.status, 'cancelled'), eq(emails.lastError, MOVED_PAST)),
			)
			await tx
				.update(emails)
				.set(
					timed.sendAfter
						? {
								status: 'scheduled',
								sendAfter: timed.sendAfter,
								lastError: null,
								data: sql`${emails.data} || ${facts}`,
							}
						: { status: 'cancelled', lastError: MOVED_PAST },
				)
				.where(and(inArray(emails.causeKey, keys), notGone))
			if (timed.sendAfter)
				for (const page of group) if (page.status === 'active') expected.push({ pageId: page.id, timed })
		}
	}
	if (expected.length === 0) return
	const existing = await tx
		.select({ causeKey: emails.causeKey })
		.from(emails)
		.where(
			inArray(
				emails.causeKey,
				expected.map(({ pageId, timed }) => `${timed.cause}:${pageId}`),
			),
		)
	const taken = new Set(existing.map((row) => row.causeKey))
	for (const { pageId, timed } of expected) {
		if (taken.has(`${timed.cause}:${pageId}`)) continue
		const found = await pageEmailData(tx, pageId)
		if (!found) continue
		await queueEmail(tx, { ...found.base, ...timedEmailFields(timed, pageId, found.data) })
	}
}

/**
 * A participant's page went live in an event (on joining, or when its
 * registration fee was paid): in that same transaction, the joining
 * confirmation goes now, the captain hears of a new member, and the
 * reminders a week and a day before, the thank-you the day after and the
 * "last push" before gifts close are scheduled as timed rows the dispatcher
 * releases (releaseDueEmails, which reads the page's figures fresh and drops
 * any that no longer apply). Each cause key names the page, so a cause is
 * queued once however often this runs. All are coaching mail: unsubscribing
 * from it stops them.
 */
export async function queueEventJoinEmails(tx: Tx, campaignId: string, now = new Date()) {
	const found = await pageEmailData(tx, campaignId)
	if (!found) return
	const { page, owner, base, data } = found
	await queueEmail(tx, { ...base, template: 'event-joined', causeKey: `event-joined:${page.id}`, data })
	for (const timed of timedEventEmails(found.event, page, now)) {
		if (!timed.sendAfter) continue
		await queueEmail(tx, { ...base, ...timedEmailFields(timed, page.id, data) })
	}
	if (page.teamId) await queueCaptainNotice(tx, page.teamId, page.id, owner)
}

/** A participant's page with its owner and event, and what every event email of theirs carries; null for any other page. */
async function pageEmailData(tx: Tx, campaignId: string) {
	const [row] = await tx
		.select({ page: campaigns, owner: people, event: events })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.innerJoin(events, eq(events.id, campaigns.eventId))
		.where(eq(campaigns.id, campaignId))
	if (!row || row.page.purpose !== 'personal') return null
	const { page, owner, event } = row
	return {
		page,
		owner,
		event,
		base: {
			to: owner.email,
			personId: owner.id,
			campaignId: page.id,
			sequence: 'event',
			category: 'coaching' as const,
		},
		data: {
			firstName: owner.firstName,
			campaignTitle: page.title,
			campaignSlug: page.slug,
			campaignId: page.id,
			raisedMinor: Number(page.raisedMinor),
			goalMinor: Number(page.goalMinor),
			currency: page.currency,
			donorCount: page.donorCount,
			endsOn: page.endsOn ?? '',
			...eventEmailFacts(event),
		},
	}
}

/**
 * The captain hears that someone joined their team (never about themselves):
 * on joining with it, or on moving a live page into it (changeTeam). One per
 * team and page, whichever way they came.
 */
export async function queueCaptainNotice(
	tx: Tx,
	teamId: string,
	campaignId: string,
	member: { id: string; firstName: string; lastName: string },
) {
	const [row] = await tx
		.select({ team: teams, captain: people, event: events })
		.from(teams)
		.innerJoin(people, eq(people.id, teams.captainId))
		.innerJoin(events, eq(events.id, teams.eventId))
		.where(eq(teams.id, teamId))
	if (!row || row.captain.id === member.id) return
	await queueEmail(tx, {
		template: 'team-member-joined',
		causeKey: `team-member-joined:${teamId}:${campaignId}`,
		to: row.captain.email,
		personId: row.captain.id,
		category: 'coaching',
		sequence: 'event',
		data: {
			firstName: row.captain.firstName,
			memberName: `${member.firstName} ${member.lastName}`.trim(),
			teamName: row.team.name,
			teamId: row.team.id,
			teamSlug: row.team.slug,
			eventName: row.event.name,
			eventSlug: row.event.slug,
		},
	})
}
