import { campaignUrl } from '#app/campaigns/urls.ts'
import { eventPath } from '#app/events/kinds.ts'
import { formatMoney } from '#app/utils/money.ts'
import { escapeHtml, type EmailContext } from './layout.ts'

/**
 * What every email to an event participant knows. The page's figures
 * (raisedMinor, donorCount…) are read fresh when a timed one is released.
 */
export type EventParticipantData = {
	firstName: string
	campaignTitle: string
	campaignSlug: string
	campaignId: string
	raisedMinor: number
	goalMinor: number
	currency: string
	donorCount: number
	/** The last day the page takes gifts (YYYY-MM-DD). */
	endsOn: string
	eventName: string
	eventSlug: string
	/** The event's date and time, in words, in the event's time zone. */
	eventWhen: string
	eventPlace: string
}

export const greeting = (data: { firstName: string }) =>
	data.firstName.trim() ? `Hi ${data.firstName.trim()},` : 'Hello,'

export function participantLinks(data: EventParticipantData, ctx: EmailContext) {
	return {
		pageUrl: campaignUrl(ctx.appUrl, data.campaignSlug),
		eventUrl: `${ctx.appUrl}${eventPath(data.eventSlug)}`,
		raised: formatMoney(data.raisedMinor, data.currency, ctx.charity.locale),
		goal: formatMoney(data.goalMinor, data.currency, ctx.charity.locale),
	}
}

export const heading = (text: string) =>
	`<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">${escapeHtml(text)}</h1>`

export const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`
