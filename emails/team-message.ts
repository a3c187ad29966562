import { teamPath } from '#app/events/kinds.ts'
import { emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type TeamMessageData = {
	memberName: string
	captainName: string
	teamName: string
	teamSlug: string
	eventName: string
	eventSlug: string
	/** Plain text as the captain wrote them; line breaks are kept. */
	subject: string
	body: string
}

/** A team captain's message to every member of their team, passed on by the charity. */
export function teamMessageEmail(data: TeamMessageData, ctx: EmailContext): RenderedEmail {
	const teamUrl = `${ctx.appUrl}${teamPath(data.eventSlug, data.teamSlug)}`
	const greeting = data.memberName.trim() ? `Hi ${data.memberName.trim()},` : 'Hello,'
	const from = `${data.captainName.trim() || 'Your captain'}, captain of ${data.teamName}`
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">${escapeHtml(data.subject)}</h1>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(from)} (${escapeHtml(data.eventName)}), writes:</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${ctx.charity.accentColor};background:#faf7f2;color:#24211e;white-space:pre-wrap">${escapeHtml(data.body)}</blockquote>
<p><a href="${escapeHtml(teamUrl)}">See your team’s page</a></p>
<p style="font-size:13px;color:#5f5850">You’re receiving this because you are in ${escapeHtml(data.teamName)}. ${escapeHtml(ctx.charity.name)} passed on this message; your captain does not see your email address.</p>`
	const bodyText = `${data.subject}

${greeting}

${from} (${data.eventName}), writes:

${data.body}

See your team’s page: ${teamUrl}

You’re receiving this because you are in ${data.teamName}. ${ctx.charity.name} passed on this message; your captain does not see your email address.`
	return {
		subject: `${data.teamName}: ${data.subject}`,
		...emailLayout(ctx, { preheader: data.body.replace(/\s+/g, ' ').slice(0, 90), bodyHtml, bodyText }),
	}
}
