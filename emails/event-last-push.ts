import { greeting, heading, paragraph, participantLinks, type EventParticipantData } from './event-emails-parts.ts'
import { button, emailLayout, type EmailContext, type RenderedEmail } from './layout.ts'

export type EventLastPushData = EventParticipantData

/** A few days before the page stops taking gifts: one last push. */
export function eventLastPushEmail(data: EventLastPushData, ctx: EmailContext): RenderedEmail {
	const { pageUrl, raised } = participantLinks(data, ctx)
	const subject = `Last few days for gifts to your ${data.eventName} page`
	const lines = [
		greeting(data),
		`Your page takes gifts until ${data.endsOn}. You have raised ${raised} so far.`,
		'A last reminder to the people who meant to give but have not yet is often worth as much as the first week.',
	]
	const bodyHtml = `${heading(subject)}\n${lines.map(paragraph).join('\n')}\n${button(pageUrl, 'Share your page once more', ctx)}`
	const bodyText = `${subject}\n\n${lines.join('\n\n')}\n\nYour page: ${pageUrl}`
	return { subject, ...emailLayout(ctx, { preheader: `You have raised ${raised}`, bodyHtml, bodyText }) }
}
