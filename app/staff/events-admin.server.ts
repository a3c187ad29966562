import { data } from '@remix-run/node'
import { and, desc, eq, ne, sql } from 'drizzle-orm'
import { slugify } from '#app/campaigns/slug.ts'
import { renderStory } from '#app/campaigns/story.server.ts'
import { rescheduleEventEmails } from '#app/events/event-emails.server.ts'
import { createEvent, setEventState } from '#app/events/events.server.ts'
import { eventGiftsCloseOn } from '#app/events/kinds.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, eventTotalShards, events, type Event, type Person } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'
import { type EventFormValue } from './events/event-form-schema.ts'
import { eventStateActions, stateActionOffered, type EventStateAction } from './events/event-state-actions.ts'

/** What the staff form saves: the form's values, with a processed cover photo in place of the file. */
export type EventDetails = Omit<EventFormValue, 'cover'> & { coverImage?: string }

/** Every event, soonest-or-latest first, with its ledger-derived total summed from its shards. */
export async function listEventsForStaff() {
	return db()
		.select({
			id: events.id,
			slug: events.slug,
			name: events.name,
			kind: events.kind,
			state: events.state,
			featured: events.featured,
			startsAt: events.startsAt,
			timeZone: events.timeZone,
			participantCount: events.participantCount,
			capacity: events.capacity,
			goalMinor: events.goalMinor,
			currency: events.currency,
			raisedMinor:
				sql<number>`coalesce((select sum(${eventTotalShards.raisedMinor}) from ${eventTotalShards} where ${eventTotalShards.eventId} = ${events.id}), 0)::bigint`.mapWith(
					Number,
				),
		})
		.from(events)
		.orderBy(desc(events.startsAt), events.id)
}

/** An event by the id in a staff address, or null (a malformed id is not found, never a 500). */
export async function getEventForStaff(eventId: string): Promise<Event | null> {
	if (!isUuid(eventId)) return null
	const [event] = await db().select().from(events).where(eq(events.id, eventId))
	return event ?? null
}

/** The event a staff address names, or a 404. */
export async function requireEventForStaff(eventId: string | undefined): Promise<Event> {
	const event = await getEventForStaff(eventId ?? '')
	if (!event) throw data({ error: 'We could not find that event.' }, { status: 404 })
	return event
}

/** A free /e/ address from the event's name: "Polar Dip 2027" → polar-dip-2027, then -2, -3… */
async function freeEventSlug(tx: Tx, name: string) {
	const base = (slugify(name) || 'event').slice(0, 55)
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`
		const [taken] = await tx.select({ id: events.id }).from(events).where(eq(events.slug, slug))
		if (!taken) return slug
	}
}

/** Creates a draft event from the staff form, once per form token, with its audit row. */
export async function createEventForStaff(details: EventDetails, staff: Person, token: string | null) {
	return createOnce({ token, action: 'event-create', personId: staff.id }, async (tx) => {
		const { coverImage, ...fields } = details
		const event = await createEvent(
			{ ...fields, slug: await freeEventSlug(tx, details.name), coverImage: coverImage ?? null, state: 'draft' },
			staff,
			tx,
		)
		await recordAudit(tx, { actorId: staff.id, action: 'event.create', subjectType: 'event', subjectId: event.id })
		return { id: event.id }
	})
}

export type EventSaveResult = { ok: true } | { ok: false; field: 'capacity'; message: string }

/**
 * Saves the staff form over an event. Under the event's row lock (joins take
 * it too), so a capacity is never set below the people who joined meanwhile.
 * The event's and its teams' gift pages follow its name, goal and closing
 * day; participants' pages that still close when the event's gifts close
 * follow a change of the date or of the days gifts stay open, and so do
 * their reminders, thank-you and last push (rescheduleEventEmails).
 */
export async function updateEventForStaff(
	eventId: string,
	details: EventDetails,
	staff: Person,
): Promise<EventSaveResult> {
	return db().transaction(async (tx) => {
		const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update')
		if (!event) throw new Error(`event ${eventId} vanished while being saved`)
		if (details.capacity !== null && details.capacity < event.participantCount)
			return {
				ok: false,
				field: 'capacity',
				message: `${event.participantCount} people have already joined: the capacity cannot be lower`,
			}
		const { coverImage, ...fields } = details
		const [saved] = await tx
			.update(events)
			.set({
				...fields,
				descriptionHtml: renderStory(details.description),
				...(coverImage ? { coverImage } : {}),
				updatedAt: sql`now()`,
			})
			.where(eq(events.id, eventId))
			.returning()
		const oldClose = eventGiftsCloseOn(event)
		const newClose = eventGiftsCloseOn(saved!)
		await tx
			.update(campaigns)
			.set({
				title: saved!.name,
				story: saved!.description,
				storyHtml: saved!.descriptionHtml,
				goalMinor: saved!.goalMinor,
				coverImage: saved!.coverImage,
				coverAlt: saved!.coverAlt,
			})
			.where(and(eq(campaigns.eventId, eventId), eq(campaigns.purpose, 'event')))
		if (newClose !== oldClose)
			await tx
				.update(campaigns)
				.set({ endsOn: newClose })
				.where(and(eq(campaigns.eventId, eventId), eq(campaigns.endsOn, oldClose), ne(campaigns.status, 'hidden')))
		// Participants' timed emails follow the event: new times, and the new date, name and place in what they say.
		const told: (keyof Event)[] = ['startsAt', 'timeZone', 'name', 'place', 'giftsOpenDaysAfterEnd']
		if (told.some((key) => String(event[key]) !== String(saved![key]))) await rescheduleEventEmails(tx, saved!)
		// The audit names what changed (not the values: the event's own row has them).
		const changed: string[] = Object.keys(fields).filter(
			(key) => String(event[key as keyof Event]) !== String(saved![key as keyof Event]),
		)
		if (coverImage) changed.push('coverImage')
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'event.update',
			subjectType: 'event',
			subjectId: eventId,
			data: { changed },
		})
		return { ok: true }
	})
}

export type EventActionResult = { ok: true } | { ok: false; error: string }

/** Opens or closes registration, or ends the event, with its audit row in the same transaction. */
export async function changeEventState(
	eventId: string,
	action: EventStateAction,
	staff: Person,
): Promise<EventActionResult> {
	const { to } = eventStateActions[action]
	return db().transaction(async (tx) => {
		const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update')
		if (!event) return { ok: false, error: 'We could not find that event.' }
		if (!stateActionOffered(action, event.state))
			return { ok: false, error: `This cannot be done while the event is ${event.state}.` }
		await setEventState(eventId, to, tx)
		await recordAudit(tx, {
			actorId: staff.id,
			action: `event.${action}`,
			subjectType: 'event',
			subjectId: eventId,
			data: { previousState: event.state },
		})
		return { ok: true }
	})
}

/** Features an event on the landing page (or stops), audited. A draft cannot be featured. */
export async function setEventFeatured(eventId: string, featured: boolean, staff: Person): Promise<EventActionResult> {
	return db().transaction(async (tx) => {
		const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update')
		if (!event) return { ok: false, error: 'We could not find that event.' }
		if (featured && event.state === 'draft')
			return { ok: false, error: 'Open registration before featuring the event: a draft is not public.' }
		if (event.featured === featured) return { ok: true }
		await tx
			.update(events)
			.set({ featured, updatedAt: sql`now()` })
			.where(eq(events.id, eventId))
		await recordAudit(tx, {
			actorId: staff.id,
			action: featured ? 'event.feature' : 'event.unfeature',
			subjectType: 'event',
			subjectId: eventId,
		})
		return { ok: true }
	})
}
