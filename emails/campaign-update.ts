import { campaignUrl } from '#app/campaigns/urls.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type CampaignUpdateData = {
	/** Empty when we only know the donor's email. */
	donorName: string
	fundraiserName: string
	campaignTitle: string
	campaignSlug: string
	/** Plain text as the fundraiser wrote it; line breaks are kept. */
	updateBody: string
}

/** Shortens text to at most `max` characters, on a word boundary where possible, so subjects stay scannable. */
function shorten(text: string, max: number) {
	if (text.length <= max) return text
	const cut = text.slice(0, max - 1)
	const space = cut.lastIndexOf(' ')
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** A fundraiser's update, passed on to donors who asked to hear how the page is going. */
export function campaignUpdateEmail(data: CampaignUpdateData, ctx: EmailContext): RenderedEmail {
	const pageUrl = campaignUrl(ctx.appUrl, data.campaignSlug)
	const donorName = data.donorName.trim()
	const fundraiser = data.fundraiserName.trim()
	const greeting = donorName ? `Dear ${donorName},` : 'Hello,'
	const body = data.updateBody.trim()
	const intro = fundraiser ? `${fundraiser} posted an update on` : 'There’s an update on'
	const heading = fundraiser ? `News from ${fundraiser}` : `News about ${data.campaignTitle}`
	const subject = fundraiser ? `News from ${shorten(fundraiser, 48)}` : `News about ${shorten(data.campaignTitle, 47)}`
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">${escapeHtml(heading)}</h1>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)} <a href="${escapeHtml(pageUrl)}"><strong>${escapeHtml(data.campaignTitle)}</strong></a>, the fundraiser you supported:</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${ctx.charity.accentColor};background:#faf7f2;color:#24211e;white-space:pre-wrap">${escapeHtml(body)}</blockquote>
${button(pageUrl, 'See the page', ctx)}
<p>Thank you for standing with survivors of trafficking.</p>
<p style="font-size:13px;color:#5f5850">You’re receiving this because you asked for updates when you gave. ${escapeHtml(ctx.charity.name)} passed on this message; the fundraiser does not see your email address.</p>`
	const bodyText = `${heading}

${greeting}

${intro} “${data.campaignTitle}”, the fundraiser you supported:

${body}

See the page: ${pageUrl}

Thank you for standing with survivors of trafficking.

You’re receiving this because you asked for updates when you gave. ${ctx.charity.name} passed on this message; the fundraiser does not see your email address.`
	return {
		subject,
		...emailLayout(ctx, { preheader: shorten(body.replace(/\s+/g, ' '), 90), bodyHtml, bodyText }),
	}
}
