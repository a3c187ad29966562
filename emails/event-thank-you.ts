import { greeting, heading, paragraph, participantLinks, type EventParticipantData } from './event-emails-parts.ts'
import { button, emailLayout, type EmailContext, type RenderedEmail } from './layout.ts'

export type EventThankYouData = EventParticipantData

/** The day after the event: thank you, with what they raised, and that gifts are still coming in. */
export function eventThankYouEmail(data: EventThankYouData, ctx: EmailContext): RenderedEmail {
	const { pageUrl, raised } = participantLinks(data, ctx)
	const subject = `Thank you for taking part in ${data.eventName}`
	const lines = [
		greeting(data),
		`You did it! Thank you for taking part in ${data.eventName}.`,
		`You have raised ${raised} from ${data.donorCount} ${data.donorCount === 1 ? 'donor' : 'donors'}. Your page stays open for gifts until ${data.endsOn}: many people give after the event, once they see you did it, so tell them how it went.`,
	]
	const bodyHtml = `${heading(subject)}\n${lines.map(paragraph).join('\n')}\n${button(pageUrl, 'Post how it went', ctx)}`
	const bodyText = `${subject}\n\n${lines.join('\n\n')}\n\nYour page: ${pageUrl}`
	return { subject, ...emailLayout(ctx, { preheader: `You raised ${raised}`, bodyHtml, bodyText }) }
}
