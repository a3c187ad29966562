import { type CampaignKind, type EventKind } from '#db/schema.ts'

/** How each kind of event is named, and which kind of page its participants' pages are. */
export const eventKinds: Record<EventKind, { label: string; pageKind: CampaignKind; verb: string }> = {
	polar_dip: { label: 'Polar dip', pageKind: 'challenge', verb: 'taking the plunge' },
	run: { label: 'Run', pageKind: 'run_walk_ride', verb: 'running' },
	walk: { label: 'Walk', pageKind: 'run_walk_ride', verb: 'walking' },
	swim: { label: 'Swim', pageKind: 'challenge', verb: 'swimming' },
	cycle: { label: 'Cycle ride', pageKind: 'run_walk_ride', verb: 'cycling' },
	challenge: { label: 'Challenge', pageKind: 'challenge', verb: 'taking on the challenge' },
	other: { label: 'Event', pageKind: 'own_idea', verb: 'taking part' },
}

export function eventKindLabel(kind: EventKind): string {
	return eventKinds[kind].label
}

/** The event's day as 'YYYY-MM-DD' in its own time zone (a dip at 00:30 in London is on the 1st, not the 31st). */
export function eventLocalDate(event: { startsAt: Date; timeZone: string }): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: event.timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(event.startsAt)
}

/** The date and time written out for people, in the event's time zone. */
export function eventWhen(event: { startsAt: Date | string; timeZone: string }, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: event.timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
	}).format(new Date(event.startsAt))
}

/** The last day participants' pages take gifts: the event's day plus the days it stays open afterwards. */
export function eventGiftsCloseOn(event: { startsAt: Date; timeZone: string; giftsOpenDaysAfterEnd: number }): string {
	const day = new Date(`${eventLocalDate(event)}T00:00:00Z`)
	day.setUTCDate(day.getUTCDate() + event.giftsOpenDaysAfterEnd)
	return day.toISOString().slice(0, 10)
}

/** A page or picture under an event's or a team's address. */
export type EventSubpage =
	/** The join form. */
	| 'join'
	/** The Open Graph image: the total against the goal. */
	| 'share.png'
	/** The embeddable progress card. */
	| 'widget'
	/** The QR code for print. */
	| 'qr.svg'
	/** The QR code as a picture. */
	| 'qr.png'

export function eventPath(eventSlug: string, sub?: EventSubpage): string {
	return `/e/${encodeURIComponent(eventSlug)}${sub ? `/${sub}` : ''}`
}

export function teamPath(eventSlug: string, teamSlug: string, sub?: EventSubpage): string {
	return `${eventPath(eventSlug)}/t/${encodeURIComponent(teamSlug)}${sub ? `/${sub}` : ''}`
}
