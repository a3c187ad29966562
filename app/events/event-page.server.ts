import { data } from '@remix-run/node'
import { z } from 'zod'
import { giftAidShown } from '#app/gift-aid/shown.server.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import {
	BOARD_MAX_PAGES,
	countEventTeams,
	listRecentEventGifts,
	listTeamMembers,
	listTopFundraisers,
	listTopTeams,
	participantRank,
	readTeamTotal,
	searchEvent,
} from './boards.server.ts'
import { getEventGiftPage, getPageEvent, getPublicEvent, getTeam } from './events.server.ts'
import { eventLocalDate, eventPath, teamPath } from './kinds.ts'
import { registrationProblem } from './join.server.ts'
import { readEventTotals, type RollupTotals } from './totals.server.ts'

const boardPage = z.coerce.number().int().min(1).max(BOARD_MAX_PAGES).catch(1)

/** What /e/<slug> reads from its query: a search, and which page of each leaderboard. */
const eventPageQuery = z.object({
	q: z.string().trim().max(80).optional().catch(undefined),
	fp: boardPage,
	tp: boardPage,
})

/** A public event or a 404 the page's error boundary shows. */
async function requirePublicEvent(slug: string) {
	const event = await getPublicEvent(slug)
	if (!event) throw data({ error: 'We couldn’t find that event.' }, { status: 404 })
	return event
}

/** An event's or team's totals as a page shows them: the Gift Aid on its eligible gifts beside the total. */
function shownTotals({ giftAidNetMinor, ...totals }: RollupTotals, currency: string) {
	return { ...totals, giftAidMinor: giftAidShown(giftAidNetMinor, currency) }
}

/** Everything the event page shows, read with bounded, indexed queries. */
export async function loadEventPage(slug: string, url: URL) {
	const event = await requirePublicEvent(slug)
	const query = eventPageQuery.parse(Object.fromEntries(url.searchParams))
	const search = query.q && query.q.length >= 2 ? query.q : null
	const [totals, teamCount, fundraisers, topTeams, recentGifts, giftPage, found] = await Promise.all([
		readEventTotals(event.id),
		countEventTeams(event.id),
		listTopFundraisers(event.id, query.fp),
		listTopTeams(event.id, query.tp),
		listRecentEventGifts(event.id),
		getEventGiftPage(event.id),
		search ? searchEvent(event.id, search) : Promise.resolve(null),
	])
	const now = new Date()
	const { description: _markdown, createdById: _createdBy, ...shown } = event
	return {
		event: { ...shown, day: eventLocalDate(event) },
		totals: shownTotals(totals, event.currency),
		participantCount: event.participantCount,
		teamCount,
		fundraisers,
		topTeams,
		boardPages: { fp: query.fp, tp: query.tp },
		recentGifts,
		search: search ? { q: search, ...found! } : query.q ? { q: query.q, tooShort: true as const } : null,
		giftPage: giftPage ? { slug: giftPage.slug, takingGifts: isTakingGifts(giftPage, now) } : null,
		registrationProblem: registrationProblem(event, now),
		url: `${getEnv().APP_URL}${eventPath(event.slug)}`,
		shareImage: `${getEnv().APP_URL}${eventPath(event.slug, 'share.png')}`,
		widgetUrl: `${getEnv().APP_URL}${eventPath(event.slug, 'widget')}`,
		locale: getCharity().locale,
		now: now.toISOString(),
	}
}

/** Everything the team page shows. */
export async function loadTeamPage(eventSlug: string, teamSlug: string) {
	const event = await requirePublicEvent(eventSlug)
	const found = await getTeam(event.id, teamSlug)
	if (!found) throw data({ error: 'We couldn’t find that team.' }, { status: 404 })
	const [totals, members] = await Promise.all([readTeamTotal(found.team.id), listTeamMembers(found.team.id)])
	const now = new Date()
	return {
		event: {
			slug: event.slug,
			name: event.name,
			kind: event.kind,
			startsAt: event.startsAt,
			timeZone: event.timeZone,
			place: event.place,
			currency: event.currency,
			coverImage: event.coverImage,
			coverAlt: event.coverAlt,
			day: eventLocalDate(event),
		},
		team: {
			id: found.team.id,
			slug: found.team.slug,
			name: found.team.name,
			goalMinor: Number(found.team.goalMinor),
			captainName: found.captainName || 'A supporter',
		},
		totals: shownTotals(totals, event.currency),
		members: members.map(({ ownerId: _owner, ...m }) => m),
		giftPage: { slug: found.page.slug, takingGifts: isTakingGifts(found.page, now) },
		registrationProblem: registrationProblem(event, now),
		url: `${getEnv().APP_URL}${teamPath(event.slug, found.team.slug)}`,
		shareImage: `${getEnv().APP_URL}${teamPath(event.slug, found.team.slug, 'share.png')}`,
		widgetUrl: `${getEnv().APP_URL}${teamPath(event.slug, found.team.slug, 'widget')}`,
		locale: getCharity().locale,
		now: now.toISOString(),
	}
}

/** A participant's page's event, team and rank, for its /f/ page; null for a page outside events. */
export async function loadPageEvent(page: {
	id: string
	eventId: string | null
	purpose: string
	status: string
	raisedMinor: number
	raisedChangedAt: Date
}) {
	if (!page.eventId || page.purpose !== 'personal') return null
	const eventId = page.eventId
	const [inEvent, rank] = await Promise.all([
		getPageEvent(page.id),
		page.status === 'active' || page.status === 'ended' ? participantRank({ ...page, eventId }) : Promise.resolve(null),
	])
	return inEvent ? { ...inEvent, rank } : null
}
