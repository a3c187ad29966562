import { campaignUrl } from '#app/campaigns/urls.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type EventMessageData = {
	firstName: string
	eventName: string
	eventSlug: string
	/** The participant's own page in the event. */
	pageSlug: string
	/** As staff wrote them: plain text, line breaks kept. */
	subject: string
	body: string
}

/** A message from the charity's staff to an event's participants (all of them, or those still at zero). */
export function eventMessageEmail(data: EventMessageData, ctx: EmailContext): RenderedEmail {
	const pageUrl = campaignUrl(ctx.appUrl, data.pageSlug)
	const eventUrl = `${ctx.appUrl}/e/${encodeURIComponent(data.eventSlug)}`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const body = data.body.trim()
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">${escapeHtml(data.eventName)}</h1>
<p>${escapeHtml(greeting)}</p>
<div style="white-space:pre-wrap">${escapeHtml(body)}</div>
${button(pageUrl, 'See your page', ctx)}
<p><a href="${escapeHtml(eventUrl)}">The event page</a> has the date, the place and the leaderboards.</p>
<p>Thank you for taking part,<br>${escapeHtml(ctx.charity.name)}</p>`
	const bodyText = `${data.eventName}

${greeting}

${body}

Your page: ${pageUrl}
The event page: ${eventUrl}

Thank you for taking part,
${ctx.charity.name}`
	return {
		subject: data.subject.trim(),
		...emailLayout(ctx, { preheader: body.replace(/\s+/g, ' ').slice(0, 90), bodyHtml, bodyText }),
	}
}
