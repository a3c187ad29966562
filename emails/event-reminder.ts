import { greeting, heading, paragraph, participantLinks, type EventParticipantData } from './event-emails-parts.ts'
import { button, emailLayout, type EmailContext, type RenderedEmail } from './layout.ts'

export type EventReminderData = EventParticipantData & { daysBefore: 7 | 1 }

/** A week, then a day, before the event: when and where, and one more push on their page. */
export function eventReminderEmail(data: EventReminderData, ctx: EmailContext): RenderedEmail {
	const { pageUrl, raised, goal } = participantLinks(data, ctx)
	const away = data.daysBefore === 1 ? 'tomorrow' : 'one week away'
	const subject = `${data.eventName} is ${away}`
	const lines = [
		greeting(data),
		`${data.eventName} is ${away}: ${data.eventWhen}, ${data.eventPlace}.`,
		`You have raised ${raised} of your ${goal} goal so far. Sharing your page again now, with a line about how you are getting ready, is one of the best times to ask.`,
	]
	const bodyHtml = `${heading(subject)}\n${lines.map(paragraph).join('\n')}\n${button(pageUrl, 'Share your page', ctx)}`
	const bodyText = `${subject}\n\n${lines.join('\n\n')}\n\nYour page: ${pageUrl}`
	return { subject, ...emailLayout(ctx, { preheader: `${data.eventWhen}, ${data.eventPlace}`, bodyHtml, bodyText }) }
}
