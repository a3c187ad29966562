import { eq } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { type Tx } from '#db/client.server.ts'
import { campaigns, events, people, teams } from '#db/schema.ts'
import { eventWhen } from './kinds.ts'

const DAY = 86_400_000

/** The last moment a page takes gifts, from its end date (the whole of that day). */
const endOfDay = (isoDate: string) => new Date(`${isoDate}T23:59:59Z`)

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
	const [row] = await tx
		.select({ page: campaigns, owner: people, event: events })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.innerJoin(events, eq(events.id, campaigns.eventId))
		.where(eq(campaigns.id, campaignId))
	if (!row || row.page.purpose !== 'personal') return
	const { page, owner, event } = row
	const data = {
		firstName: owner.firstName,
		campaignTitle: page.title,
		campaignSlug: page.slug,
		campaignId: page.id,
		raisedMinor: Number(page.raisedMinor),
		goalMinor: Number(page.goalMinor),
		currency: page.currency,
		donorCount: page.donorCount,
		endsOn: page.endsOn ?? '',
		eventName: event.name,
		eventSlug: event.slug,
		eventWhen: eventWhen(event, getCharity().locale),
		eventPlace: event.place,
	}
	const base = {
		to: owner.email,
		personId: owner.id,
		campaignId: page.id,
		sequence: 'event',
		category: 'coaching' as const,
	}
	await queueEmail(tx, { ...base, template: 'event-joined', causeKey: `event-joined:${page.id}`, data })
	const startsAt = event.startsAt.getTime()
	for (const daysBefore of [7, 1] as const) {
		const sendAfter = new Date(startsAt - daysBefore * DAY)
		// Someone joining three days before gets no "one week to go".
		if (sendAfter <= now) continue
		await queueEmail(tx, {
			...base,
			template: 'event-reminder',
			causeKey: `event-reminder-${daysBefore}:${page.id}`,
			data: { ...data, daysBefore },
			sendAfter,
		})
	}
	const thankYouAt = new Date(startsAt + DAY)
	await queueEmail(tx, {
		...base,
		template: 'event-thank-you',
		causeKey: `event-thank-you:${page.id}`,
		data,
		sendAfter: thankYouAt < now ? now : thankYouAt,
	})
	if (page.endsOn) {
		const lastPushAt = new Date(endOfDay(page.endsOn).getTime() - 3 * DAY)
		if (lastPushAt > thankYouAt && lastPushAt > now)
			await queueEmail(tx, {
				...base,
				template: 'event-last-push',
				causeKey: `event-last-push:${page.id}`,
				data,
				sendAfter: lastPushAt,
			})
	}
	if (page.teamId) await queueCaptainNotice(tx, page.teamId, page.id, owner)
}

/** The captain hears that someone joined their team (never about themselves). */
async function queueCaptainNotice(
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
