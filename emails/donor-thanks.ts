import { campaignUrl } from '#app/campaigns/urls.ts'
import { emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type DonorThanksData = {
	/** Empty when the gift was anonymous. */
	donorName: string
	fundraiserName: string
	campaignTitle: string
	campaignSlug: string
	message: string
}

/** A fundraiser's personal thank-you, passed on by the platform so the donor's address stays private. */
export function donorThanksEmail(data: DonorThanksData, ctx: EmailContext): RenderedEmail {
	const url = campaignUrl(ctx.appUrl, data.campaignSlug)
	const greeting = data.donorName ? `Dear ${data.donorName},` : 'Hello,'
	const bodyHtml = `
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(data.fundraiserName)} sent you a thank-you for your gift to <a href="${escapeHtml(url)}">${escapeHtml(data.campaignTitle)}</a>:</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${ctx.charity.accentColor};background:#faf7f2;white-space:pre-wrap">${escapeHtml(data.message)}</blockquote>
<p>Thank you for standing with survivors of trafficking.</p>
<p style="font-size:13px;color:#5f5850">${escapeHtml(ctx.charity.name)} passed on this message; the fundraiser does not see your email address.</p>`
	const bodyText = `${greeting}

${data.fundraiserName} sent you a thank-you for your gift to "${data.campaignTitle}" (${url}):

${data.message}

Thank you for standing with survivors of trafficking.

${ctx.charity.name} passed on this message; the fundraiser does not see your email address.`
	return {
		subject: `A thank-you from ${data.fundraiserName}`.slice(0, 120),
		...emailLayout(ctx, { preheader: data.message.slice(0, 90), bodyHtml, bodyText }),
	}
}
