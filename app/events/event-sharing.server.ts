import { isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { campaignUrl } from '#app/campaigns/urls.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { campaignQrPng, campaignQrSvg, qrFileName } from '#app/sharing/qr.server.ts'
import { campaignShareImage } from '#app/sharing/share-image.server.ts'
import { progressCardHtml } from '#app/sharing/widget.server.ts'
import { readTeamTotal } from './boards.server.ts'
import { getEventGiftPage, getPublicEvent, getTeam } from './events.server.ts'
import { eventKindLabel, eventKinds, eventPath, teamPath } from './kinds.ts'
import { readEventTotals } from './totals.server.ts'

/**
 * The pictures and the progress card of an event's and a team's pages, as a
 * campaign page has them (share image, widget, QR codes), showing the rolled-up
 * total — participants' pages, team gifts and direct gifts, from the sharded
 * totals — against the event's or the team's goal. A draft event and an
 * unknown team are as unknown here as on their pages.
 */

/** What is drawn: the event's or team's name, a line about it, its total and goal, and where it lives. */
async function shareSubject(eventSlug: string, teamSlug: string | null) {
	const event = await getPublicEvent(eventSlug)
	if (!event) return null
	const base = {
		kind: eventKinds[event.kind].pageKind,
		coverImage: event.coverImage,
		currency: event.currency,
		organiserName: '',
	}
	const locale = getCharity().locale
	const day = new Intl.DateTimeFormat(locale, {
		timeZone: event.timeZone,
		day: 'numeric',
		month: 'long',
		year: 'numeric',
	}).format(event.startsAt)
	const appUrl = getEnv().APP_URL
	if (teamSlug === null) {
		const [totals, giftPage] = await Promise.all([readEventTotals(event.id), getEventGiftPage(event.id)])
		return {
			...base,
			slug: `event:${event.slug}`,
			fileSlug: event.slug,
			title: event.name,
			byline: `${eventKindLabel(event.kind)} · ${day} · ${event.place}`,
			raisedMinor: totals.raisedMinor,
			donorCount: totals.donorCount,
			goalMinor: Number(event.goalMinor),
			pageUrl: `${appUrl}${eventPath(event.slug)}`,
			giftPage,
		}
	}
	const found = await getTeam(event.id, teamSlug)
	if (!found) return null
	const totals = await readTeamTotal(found.team.id)
	return {
		...base,
		slug: `team:${event.slug}:${found.team.slug}`,
		fileSlug: `${event.slug}-${found.team.slug}`,
		title: found.team.name,
		byline: `Team in ${event.name} · ${day}`,
		raisedMinor: totals.raisedMinor,
		donorCount: totals.donorCount,
		goalMinor: Number(found.team.goalMinor),
		pageUrl: `${appUrl}${teamPath(event.slug, found.team.slug)}`,
		giftPage: found.page,
	}
}

export type EventShareAsset = 'share.png' | 'widget' | 'qr.svg' | 'qr.png'

/** How long each may be kept: the totals shown are at most a few minutes old; a QR code never changes. */
const cacheControl: Record<EventShareAsset, string> = {
	'share.png': 'public, max-age=300',
	widget: 'public, max-age=60',
	'qr.svg': 'public, max-age=86400',
	'qr.png': 'public, max-age=86400',
}

/** GET /e/<event>/<asset> and /e/<event>/t/<team>/<asset>: the picture or card, or a 404 that is not cached. */
export async function eventShareResponse(
	request: Request,
	asset: EventShareAsset,
	eventSlug: string,
	teamSlug: string | null = null,
): Promise<Response> {
	const subject = await shareSubject(eventSlug, teamSlug)
	if (!subject)
		return new Response(teamSlug === null ? 'Event not found' : 'Team not found', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	const headers = new Headers({ 'Cache-Control': cacheControl[asset] })
	const download = new URL(request.url).searchParams.get('download') === '1'
	switch (asset) {
		case 'share.png':
			headers.set('Content-Type', 'image/png')
			return new Response(new Uint8Array(await campaignShareImage(subject)), { headers })
		case 'widget': {
			const takingGifts = subject.giftPage !== null && isTakingGifts(subject.giftPage, new Date())
			headers.set('Content-Type', 'text/html; charset=utf-8')
			const html = progressCardHtml({
				...subject,
				donateUrl: takingGifts ? campaignUrl(getEnv().APP_URL, subject.giftPage!.slug, 'donate') : null,
			})
			return new Response(html, { headers })
		}
		case 'qr.svg':
		case 'qr.png': {
			const format = asset === 'qr.svg' ? 'svg' : 'png'
			if (download) headers.set('Content-Disposition', `attachment; filename="${qrFileName(subject.fileSlug, format)}"`)
			if (format === 'svg') {
				headers.set('Content-Type', 'image/svg+xml; charset=utf-8')
				return new Response(await campaignQrSvg(subject.pageUrl), { headers })
			}
			headers.set('Content-Type', 'image/png')
			return new Response(new Uint8Array(await campaignQrPng(subject.pageUrl)), { headers })
		}
	}
}
