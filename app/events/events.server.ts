import { and, asc, eq, sql } from 'drizzle-orm'
import { suggestFreeSlug } from '#app/campaigns/manage.server.ts'
import { slugify } from '#app/campaigns/slug.ts'
import { renderStory } from '#app/campaigns/story.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import {
	campaigns,
	events,
	teams,
	type CampaignStatus,
	type Event,
	type EventKind,
	type EventState,
	type Person,
	type Team,
} from '#db/schema.ts'
import { readEventTotals } from './totals.server.ts'
import { eventGiftsCloseOn, eventKinds, eventPath, teamPath } from './kinds.ts'

/** What staff give to create an event, already validated (the staff form parses it). */
export type NewEventInput = {
	slug: string
	name: string
	kind: EventKind
	startsAt: Date
	/** Defaults to CHARITY_TIME_ZONE. */
	timeZone?: string
	place: string
	mapUrl?: string | null
	description: string
	coverImage?: string | null
	coverAlt?: string | null
	goalMinor: number
	suggestedGoalMinor: number
	minimumPledgeMinor?: number | null
	registrationFeeMinor?: number | null
	currency: string
	registrationOpensAt: Date
	registrationClosesAt: Date
	capacity?: number | null
	state?: EventState
	giftsOpenDaysAfterEnd?: number
	/** The charity pays participants' costs (HMRC's sponsored-events rule for Gift Aid). */
	charityPaysParticipantCosts?: boolean
	featured?: boolean
}

/** The status an event's (and its teams') own gift-taking page has in each state of the event. */
function giftPageStatus(state: EventState): CampaignStatus {
	return state === 'draft' ? 'draft' : 'active'
}

/**
 * Creates an event with its own gift-taking page ("Donate to the event"),
 * owned by the staff member who created it. The description is rendered
 * through the story sanitiser once, here.
 */
export async function createEvent(input: NewEventInput, createdBy: Person, tx?: Tx): Promise<Event> {
	if (!tx) return db().transaction((t) => createEvent(input, createdBy, t))
	const state = input.state ?? 'draft'
	const [event] = await tx
		.insert(events)
		.values({
			...input,
			timeZone: input.timeZone ?? getEnv().CHARITY_TIME_ZONE,
			descriptionHtml: renderStory(input.description),
			state,
			createdById: createdBy.id,
		})
		.returning()
	const now = new Date()
	await tx.insert(campaigns).values({
		ownerId: createdBy.id,
		purpose: 'event',
		eventId: event!.id,
		kind: eventKinds[event!.kind].pageKind,
		slug: await suggestFreeSlug(`${event!.slug}-event`, tx),
		title: event!.name,
		story: event!.description,
		storyHtml: event!.descriptionHtml,
		goalMinor: event!.goalMinor,
		currency: event!.currency,
		endsOn: eventGiftsCloseOn(event!),
		status: giftPageStatus(state),
		publishedAt: state === 'draft' ? null : now,
		coverImage: event!.coverImage,
		coverAlt: event!.coverAlt,
	})
	return event!
}

/**
 * Moves an event to another state, keeping its own and its teams' gift pages
 * in step (a draft event's pages are drafts too).
 */
export async function setEventState(eventId: string, state: EventState, tx: DbOrTx = db()) {
	await tx
		.update(events)
		.set({ state, updatedAt: sql`now()`, endedAt: state === 'ended' ? sql`coalesce(${events.endedAt}, now())` : null })
		.where(eq(events.id, eventId))
	await tx
		.update(campaigns)
		.set({
			status: giftPageStatus(state),
			publishedAt: state === 'draft' ? null : sql`coalesce(${campaigns.publishedAt}, now())`,
		})
		.where(and(eq(campaigns.eventId, eventId), sql`${campaigns.purpose} in ('event', 'team')`))
}

/** An event the public may see (any state but draft), by its slug. */
export async function getPublicEvent(slug: string): Promise<Event | null> {
	const [event] = await db()
		.select()
		.from(events)
		.where(and(eq(events.slug, slug.toLowerCase()), sql`${events.state} <> 'draft'`))
	return event ?? null
}

/** The event's own gift-taking page (its slug is where "Donate to the event" goes). */
export async function getEventGiftPage(eventId: string) {
	const [page] = await db()
		.select({ id: campaigns.id, slug: campaigns.slug, status: campaigns.status, endsOn: campaigns.endsOn })
		.from(campaigns)
		.where(and(eq(campaigns.eventId, eventId), eq(campaigns.purpose, 'event')))
	return page ?? null
}

/** A team of the event by its slug, with its gift-taking page and captain's name. */
export async function getTeam(eventId: string, teamSlug: string) {
	const [row] = await db()
		.select({
			team: teams,
			page: { id: campaigns.id, slug: campaigns.slug, status: campaigns.status, endsOn: campaigns.endsOn },
			captainName: sql<string>`trim(concat(captain.first_name, ' ', captain.last_name))`,
		})
		.from(teams)
		.innerJoin(campaigns, and(eq(campaigns.teamId, teams.id), eq(campaigns.purpose, 'team')))
		.innerJoin(sql`people captain`, sql`captain.id = ${teams.captainId}`)
		.where(and(eq(teams.eventId, eventId), eq(teams.slug, teamSlug.toLowerCase())))
	return row ?? null
}

/** The event's teams, by name, for the "join a team" choice. */
export async function listEventTeams(eventId: string, tx: DbOrTx = db()) {
	return tx
		.select({ id: teams.id, slug: teams.slug, name: teams.name })
		.from(teams)
		.where(eq(teams.eventId, eventId))
		.orderBy(asc(sql`lower(${teams.name})`), teams.id)
}

/** Where a team name goes wrong inside its event, or null. */
export async function teamNameTaken(eventId: string, name: string, tx: DbOrTx = db()): Promise<boolean> {
	const [row] = await tx
		.select({ id: teams.id })
		.from(teams)
		.where(and(eq(teams.eventId, eventId), sql`lower(${teams.name}) = lower(${name})`))
	return Boolean(row)
}

/**
 * Creates a team inside the event, with its captain and its own gift-taking
 * page ("Donate to the team"). The caller holds the event's row lock and has
 * checked the name is free (the unique index is the last word).
 */
export async function createTeam(
	tx: Tx,
	event: Event,
	captain: Person,
	input: { name: string; goalMinor: number },
): Promise<Team> {
	const base = slugify(input.name) || 'team'
	let slug = base.length >= 3 ? base : `${base}-team`
	for (let n = 2; await teamSlugTaken(tx, event.id, slug); n++) slug = `${base.slice(0, 55)}-${n}`
	const [team] = await tx
		.insert(teams)
		.values({ eventId: event.id, slug, name: input.name, captainId: captain.id, goalMinor: input.goalMinor })
		.returning()
	await tx.insert(campaigns).values({
		ownerId: captain.id,
		purpose: 'team',
		eventId: event.id,
		teamId: team!.id,
		kind: eventKinds[event.kind].pageKind,
		slug: await suggestFreeSlug(`${event.slug}-${slug}`, tx),
		title: `${input.name} · ${event.name}`,
		story: '',
		storyHtml: '',
		goalMinor: input.goalMinor,
		currency: event.currency,
		endsOn: eventGiftsCloseOn(event),
		status: giftPageStatus(event.state),
		publishedAt: event.state === 'draft' ? null : new Date(),
		coverImage: event.coverImage,
		coverAlt: event.coverAlt,
	})
	return team!
}

async function teamSlugTaken(tx: Tx, eventId: string, slug: string) {
	const [row] = await tx
		.select({ id: teams.id })
		.from(teams)
		.where(and(eq(teams.eventId, eventId), eq(teams.slug, slug)))
	return Boolean(row)
}

/** Sets a team's goal, keeping its gift page's goal in step (the captain's dashboard uses it). */
export async function setTeamGoal(teamId: string, goalMinor: number, tx: DbOrTx = db()) {
	await tx
		.update(teams)
		.set({ goalMinor, updatedAt: sql`now()` })
		.where(eq(teams.id, teamId))
	await tx
		.update(campaigns)
		.set({ goalMinor })
		.where(and(eq(campaigns.teamId, teamId), eq(campaigns.purpose, 'team')))
}

/** The event a page belongs to and its team, for the participant's page: null for a page outside events. */
export async function getPageEvent(campaignId: string) {
	const [row] = await db()
		.select({
			eventSlug: events.slug,
			eventName: events.name,
			teamSlug: teams.slug,
			teamName: teams.name,
		})
		.from(campaigns)
		.innerJoin(events, eq(events.id, campaigns.eventId))
		.leftJoin(teams, eq(teams.id, campaigns.teamId))
		.where(eq(campaigns.id, campaignId))
	return row ?? null
}

/** Where a team's or an event's own gift page is shown: its /e/ address (null for a person's page). */
export async function giftPageHome(campaignId: string): Promise<string | null> {
	const [row] = await db()
		.select({ purpose: campaigns.purpose, eventSlug: events.slug, teamSlug: teams.slug })
		.from(campaigns)
		.innerJoin(events, eq(events.id, campaigns.eventId))
		.leftJoin(teams, eq(teams.id, campaigns.teamId))
		.where(eq(campaigns.id, campaignId))
	if (!row || row.purpose === 'personal') return null
	return row.purpose === 'team' && row.teamSlug ? teamPath(row.eventSlug, row.teamSlug) : eventPath(row.eventSlug)
}

/** The featured public event the landing page shows (the soonest, if staff featured several), or null. */
export async function getFeaturedEvent() {
	const [event] = await db()
		.select({
			id: events.id,
			slug: events.slug,
			name: events.name,
			kind: events.kind,
			startsAt: events.startsAt,
			timeZone: events.timeZone,
			place: events.place,
			goalMinor: events.goalMinor,
			currency: events.currency,
			participantCount: events.participantCount,
			coverImage: events.coverImage,
			coverAlt: events.coverAlt,
		})
		.from(events)
		.where(and(eq(events.featured, true), sql`${events.state} in ('open', 'closed')`))
		.orderBy(asc(events.startsAt))
		.limit(1)
	if (!event) return null
	const { id, ...shown } = event
	return { ...shown, goalMinor: Number(shown.goalMinor), raisedMinor: (await readEventTotals(id)).raisedMinor }
}
