import { guideSections, withCharityNames } from '#app/guide/tips.ts'
import { greeting, heading, paragraph, participantLinks, type EventParticipantData } from './event-emails-parts.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type EventJoinedData = EventParticipantData

/** The guide's tips that matter most for an event page, by title (a renamed tip drops out and a test notices). */
const eventTipTitles = [
	'Make the first donation yourself',
	'Ask five people who love you first',
	'Thank every donor within a day',
]

function eventTips(ctx: EmailContext) {
	const tips = guideSections.flatMap((section) => section.tips)
	return eventTipTitles.flatMap((title) => {
		const tip = tips.find((t) => t.title === title)
		return tip
			? [{ title: withCharityNames(tip.title, ctx.charity), body: withCharityNames(tip.body, ctx.charity) }]
			: []
	})
}

/** Joining confirmation: the event's details, their page and how to share it, three tips from the guide. */
export function eventJoinedEmail(data: EventJoinedData, ctx: EmailContext): RenderedEmail {
	const { pageUrl, eventUrl } = participantLinks(data, ctx)
	const shareText = `I’m taking part in ${data.eventName} for ${ctx.charity.shortName}. Please sponsor me:`
	const shares = [
		{ label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${shareText} ${pageUrl}`)}` },
		{ label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(pageUrl)}` },
		{
			label: 'Email',
			href: `mailto:?subject=${encodeURIComponent(data.campaignTitle)}&body=${encodeURIComponent(`${shareText}\n\n${pageUrl}`)}`,
		},
	]
	const tips = eventTips(ctx)
	const bodyHtml = `
${heading(`You’re in: ${data.eventName}`)}
${paragraph(greeting(data))}
<p>Thank you for joining <a href="${escapeHtml(eventUrl)}"><strong>${escapeHtml(data.eventName)}</strong></a>: ${escapeHtml(data.eventWhen)}, ${escapeHtml(data.eventPlace)}.</p>
<p>Your page is live: <a href="${escapeHtml(pageUrl)}">${escapeHtml(data.campaignTitle)}</a>.</p>
${button(pageUrl, 'See your page', ctx)}
<p>Share it: ${shares.map((s) => `<a href="${escapeHtml(s.href)}">${escapeHtml(s.label)}</a>`).join(' · ')}</p>
<h2 style="font-size:18px;margin:24px 0 8px 0">Three tips from our guide</h2>
${tips.map((t) => `<p><strong>${escapeHtml(t.title)}.</strong> ${escapeHtml(t.body.replaceAll('**', ''))}</p>`).join('\n')}`
	const bodyText = `You’re in: ${data.eventName}

${greeting(data)}

Thank you for joining ${data.eventName}: ${data.eventWhen}, ${data.eventPlace}.
${eventUrl}

Your page is live: ${pageUrl}

Share it:
${shares.map((s) => `${s.label}: ${s.href}`).join('\n')}

Three tips from our guide
${tips.map((t) => `- ${t.title}. ${t.body.replaceAll('**', '')}`).join('\n')}`
	return {
		subject: `You’re in: ${data.eventName}`,
		...emailLayout(ctx, { preheader: `${data.eventWhen}, ${data.eventPlace}`, bodyHtml, bodyText }),
	}
}
