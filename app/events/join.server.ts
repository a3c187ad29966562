import { and, eq, sql } from 'drizzle-orm'
import { organiserNameMissing } from '#app/campaigns/campaign-schema.ts'
import { suggestFreeSlug } from '#app/campaigns/manage.server.ts'
import { renderStory } from '#app/campaigns/story.server.ts'
import { startCampaignSequence } from '#app/email/sequences.server.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, eventRegistrations, events, people, teams, type Event, type Person } from '#db/schema.ts'
import { createTeam, listEventTeams, teamNameTaken } from './events.server.ts'
import { queueCaptainNotice, queueEventJoinEmails } from './event-emails.server.ts'
import { eventGiftsCloseOn, eventKinds, eventWhen } from './kinds.ts'

/** Fundraise alone, start a team (and captain it), or join a team of the event. */
export type TeamChoice =
	{ kind: 'alone' } | { kind: 'start'; name: string; goalMinor: number } | { kind: 'join'; teamId: string }

export type JoinInput = {
	title: string
	story: string
	goalMinor: number
	team: TeamChoice
	/** The organiser's name, for an account that has none yet (saved to the account). */
	organiserName?: { firstName: string; lastName: string }
}

/** Why joining was refused, and which field of the form the message belongs beside. */
export type JoinRefusal = { field: 'form' | 'teamName' | 'teamId' | 'firstName'; message: string }

/**
 * Why the event takes no registration now, or null when it does: it must be
 * open, inside its registration window, and not full.
 */
export function registrationProblem(
	event: Pick<Event, 'state' | 'registrationOpensAt' | 'registrationClosesAt' | 'capacity' | 'participantCount'>,
	now = new Date(),
): string | null {
	const day = (d: Date) => d.toLocaleDateString(getCharity().locale, { day: 'numeric', month: 'long', year: 'numeric' })
	if (event.state === 'ended') return 'This event has taken place, so it takes no more registrations.'
	if (now < event.registrationOpensAt) return `Registration opens on ${day(event.registrationOpensAt)}.`
	if (event.state === 'closed' || now >= event.registrationClosesAt) return 'Registration for this event has closed.'
	if (event.state !== 'open') return 'This event is not open for registration.'
	if (event.capacity !== null && event.participantCount >= event.capacity)
		return 'This event is full: every place has been taken.'
	return null
}

/** The page a participant starts from: a title and a story they are asked to make their own. */
export function suggestedJoinPage(event: Event, person: Person) {
	const first = person.firstName.trim()
	const charity = getCharity()
	const kind = eventKinds[event.kind]
	return {
		title: first ? `${first}’s ${event.name}` : `My ${event.name}`,
		story: `On ${eventWhen(event, charity.locale)} I’m ${kind.verb} in ${event.name} to raise money for ${charity.shortName}.\n\nHere’s why this matters to me: …\n\nEvery gift helps. Thank you for backing me!`,
		goalMinor: event.suggestedGoalMinor,
	}
}

/**
 * Creates the person's page inside the event (and their team when they start
 * one), once per form token and once per person per event. Under the event's
 * row lock, so capacity and the registration window hold when many join at
 * once. With a registration fee the page waits as a draft until it is paid.
 */
export async function joinEvent(person: Person, eventId: string, input: JoinInput, token: string | null) {
	return createOnce<JoinRefusal>({ token, action: 'event-join', personId: person.id }, (tx) =>
		joinEventInTransaction(tx, person, eventId, input),
	)
}

/**
 * joinEvent's work inside the caller's transaction (the demo seed joins its
 * participants with it, without coaching emails).
 */
export async function joinEventInTransaction(
	tx: Tx,
	person: Person,
	eventId: string,
	input: JoinInput,
	options: { coachingEmails?: boolean } = {},
): Promise<{ id: string } | { refused: JoinRefusal }> {
	const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update')
	if (!event) return { refused: { field: 'form', message: 'We could not find that event.' } }
	const [already] = await tx
		.select({ id: eventRegistrations.id })
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.personId, person.id)))
	if (already) return { refused: { field: 'form', message: 'You are already taking part in this event.' } }
	const problem = registrationProblem(event)
	if (problem) return { refused: { field: 'form', message: problem } }
	if (!person.firstName.trim()) {
		const name = input.organiserName
		if (!name?.firstName.trim()) return { refused: { field: 'firstName', message: organiserNameMissing } }
		await tx
			.update(people)
			.set({ firstName: name.firstName.trim(), lastName: name.lastName.trim(), updatedAt: new Date() })
			.where(eq(people.id, person.id))
	}
	const teamId = await chooseTeam(tx, event, person, input.team)
	if (typeof teamId === 'object' && teamId !== null) return { refused: teamId }
	const awaitingFee = event.registrationFeeMinor !== null && event.registrationFeeMinor > 0
	const [page] = await tx
		.insert(campaigns)
		.values({
			ownerId: person.id,
			purpose: 'personal',
			eventId: event.id,
			teamId,
			kind: eventKinds[event.kind].pageKind,
			slug: await suggestFreeSlug(input.title, tx),
			title: input.title,
			story: input.story,
			storyHtml: renderStory(input.story),
			goalMinor: input.goalMinor,
			currency: event.currency,
			endsOn: eventGiftsCloseOn(event),
			status: awaitingFee ? 'draft' : 'active',
			publishedAt: awaitingFee ? null : new Date(),
			coverImage: event.coverImage,
			coverAlt: event.coverAlt,
		})
		.returning({ id: campaigns.id })
	await tx.insert(eventRegistrations).values({
		eventId: event.id,
		personId: person.id,
		campaignId: page!.id,
		status: awaitingFee ? 'awaiting_fee' : 'free',
		feeMinor: awaitingFee ? event.registrationFeeMinor : null,
		currency: event.currency,
	})
	await tx
		.update(events)
		.set({ participantCount: sql`${events.participantCount} + 1` })
		.where(eq(events.id, event.id))
	// A live page gets the coaching emails every published page gets (a fee-paying one when it goes live).
	if (!awaitingFee && options.coachingEmails !== false) {
		await startCampaignSequence(tx, page!.id)
		await queueEventJoinEmails(tx, page!.id)
	}
	return { id: page!.id }
}

/** The team the new page goes into (null: alone), or why the choice cannot be made. */
async function chooseTeam(
	tx: Tx,
	event: Event,
	person: Person,
	choice: TeamChoice,
): Promise<string | null | JoinRefusal> {
	if (choice.kind === 'alone') return null
	if (choice.kind === 'start') {
		if (await teamNameTaken(event.id, choice.name, tx))
			return { field: 'teamName', message: 'A team of this event already has that name; please choose another.' }
		return (await createTeam(tx, event, person, choice)).id
	}
	const [team] = isUuid(choice.teamId)
		? await tx
				.select({ id: teams.id })
				.from(teams)
				.where(and(eq(teams.id, choice.teamId), eq(teams.eventId, event.id)))
		: []
	return team ? team.id : { field: 'teamId', message: 'Please choose one of this event’s teams.' }
}

/** The person's place in the event, with their page, or null when they have not joined. */
export async function getRegistration(eventId: string, personId: string) {
	const [row] = await db()
		.select({
			registration: eventRegistrations,
			pageSlug: campaigns.slug,
			pageStatus: campaigns.status,
			teamId: campaigns.teamId,
		})
		.from(eventRegistrations)
		.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
		.where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.personId, personId)))
	return row ?? null
}

/**
 * The participant moves their page to another team of the event, or out of
 * any team. Gifts already made stay with the team that got them (see
 * docs/events.md); the page's later gifts count for the new one. A captain
 * stays with the team they lead. Moving a live page into a team tells its
 * captain, as joining with it does (once per team and page, so moving out
 * and back sends nothing more); a page still waiting for its fee tells the
 * captain when the fee is paid.
 */
export async function changeTeam(
	campaignId: string,
	person: Person,
	teamId: string | null,
): Promise<{ ok: true } | { ok: false; message: string }> {
	return db().transaction(async (tx) => {
		const [page] = await tx
			.select({
				id: campaigns.id,
				eventId: campaigns.eventId,
				teamId: campaigns.teamId,
				ownerId: campaigns.ownerId,
				status: campaigns.status,
			})
			.from(campaigns)
			.where(and(eq(campaigns.id, campaignId), eq(campaigns.purpose, 'personal')))
			// The page's money lock: a gift being counted now finishes under the old team first.
			.for('update')
		if (!page?.eventId || page.ownerId !== person.id) return { ok: false, message: 'This page is not in an event.' }
		if (page.teamId === teamId) return { ok: true }
		if (page.teamId) {
			const [led] = await tx
				.select({ id: teams.id })
				.from(teams)
				.where(and(eq(teams.id, page.teamId), eq(teams.captainId, person.id)))
			if (led) return { ok: false, message: 'You are this team’s captain, so you stay with it.' }
		}
		if (teamId) {
			const [team] = isUuid(teamId)
				? await tx
						.select({ id: teams.id })
						.from(teams)
						.where(and(eq(teams.id, teamId), eq(teams.eventId, page.eventId)))
				: []
			if (!team) return { ok: false, message: 'Please choose one of this event’s teams.' }
		}
		await tx
			.update(campaigns)
			.set({ teamId, updatedAt: sql`now()` })
			.where(eq(campaigns.id, campaignId))
		if (teamId && page.status === 'active') await queueCaptainNotice(tx, teamId, campaignId, person)
		return { ok: true }
	})
}

/**
 * What a participant's dashboard shows about their event: its name, their
 * team and the others they could move to, whether they captain theirs, and
 * whether their registration fee is still to pay. Null for a page outside events.
 */
export async function getParticipantPanel(campaignId: string) {
	const [row] = await db()
		.select({
			eventId: events.id,
			eventSlug: events.slug,
			eventName: events.name,
			teamId: campaigns.teamId,
			ownerId: campaigns.ownerId,
			registrationStatus: eventRegistrations.status,
			feeMinor: eventRegistrations.feeMinor,
			currency: eventRegistrations.currency,
		})
		.from(campaigns)
		.innerJoin(events, eq(events.id, campaigns.eventId))
		.innerJoin(eventRegistrations, eq(eventRegistrations.campaignId, campaigns.id))
		.where(and(eq(campaigns.id, campaignId), eq(campaigns.purpose, 'personal')))
	if (!row) return null
	const teamRows = await listEventTeams(row.eventId)
	const [led] = row.teamId
		? await db()
				.select({ id: teams.id })
				.from(teams)
				.where(and(eq(teams.id, row.teamId), eq(teams.captainId, row.ownerId)))
		: []
	return {
		eventSlug: row.eventSlug,
		eventName: row.eventName,
		teamId: row.teamId,
		teams: teamRows.map((t) => ({ id: t.id, name: t.name })),
		isCaptain: Boolean(led),
		awaitingFee:
			row.registrationStatus === 'awaiting_fee' ? { feeMinor: row.feeMinor ?? 0, currency: row.currency } : null,
	}
}
