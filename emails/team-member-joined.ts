import { teamPath } from '#app/events/kinds.ts'
import { greeting, heading, paragraph } from './event-emails-parts.ts'
import { button, emailLayout, type EmailContext, type RenderedEmail } from './layout.ts'

export type TeamMemberJoinedData = {
	firstName: string
	memberName: string
	teamName: string
	teamId: string
	teamSlug: string
	eventName: string
	eventSlug: string
}

/** The captain hears that someone joined their team. */
export function teamMemberJoinedEmail(data: TeamMemberJoinedData, ctx: EmailContext): RenderedEmail {
	const subject = `${data.memberName} joined ${data.teamName}`
	const lines = [
		greeting(data),
		`${data.memberName} has joined your team, ${data.teamName}, for ${data.eventName}. A quick welcome from their captain goes a long way.`,
	]
	const teamUrl = `${ctx.appUrl}${teamPath(data.eventSlug, data.teamSlug)}`
	const dashboardUrl = `${ctx.appUrl}/dashboard/team/${data.teamId}`
	const bodyHtml = `${heading(subject)}\n${lines.map(paragraph).join('\n')}\n${button(dashboardUrl, 'Your team dashboard', ctx)}`
	const bodyText = `${subject}\n\n${lines.join('\n\n')}\n\nYour team dashboard: ${dashboardUrl}\nTeam page: ${teamUrl}`
	return { subject, ...emailLayout(ctx, { preheader: subject, bodyHtml, bodyText }) }
}
