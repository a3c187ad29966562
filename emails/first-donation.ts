import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type FirstDonationData = {
	firstName: string
	campaignTitle: string
	campaignSlug: string
	campaignId: string
	donorDisplayName: string
	/** null when the donor hid the amount. */
	amountMinor: number | null
	currency: string
}

/** Celebrates a page's first gift: the moment to thank quickly and ask a few more people. */
export function firstDonationEmail(data: FirstDonationData, ctx: EmailContext): RenderedEmail {
	const pageUrl = campaignUrl(ctx.appUrl, data.campaignSlug)
	const dashboardUrl = `${ctx.appUrl}/dashboard/${encodeURIComponent(data.campaignId)}`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const donor = data.donorDisplayName.trim() || 'Someone'
	const gift =
		data.amountMinor === null
			? 'a gift'
			: formatMoney(data.amountMinor, data.currency, ctx.charity.locale, { wholeUnits: true })
	const h2 = 'font-family:Georgia,serif;font-size:19px;line-height:1.3;margin:24px 0 8px 0'
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Your first donation is in!</h1>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(donor)} just gave <strong>${escapeHtml(gift)}</strong> to <a href="${escapeHtml(pageUrl)}">${escapeHtml(data.campaignTitle)}</a>: the first gift on your page. The first one is always the hardest, and yours is in. Congratulations!</p>
<h2 style="${h2}">Say thank you today</h2>
<p>A short, personal thank-you, by name and within a day, makes people feel part of what you’re doing, and they’re more likely to share your page. It doesn’t need to be long: “Thank you, that means so much to me.”</p>
${button(dashboardUrl, 'Say thank you', ctx)}
<h2 style="${h2}">Then ask a few more people</h2>
<p>People are more willing to give to a page that’s already moving. Now is a great moment to message a few more friends personally, with your link:</p>
<p style="word-break:break-all"><a href="${escapeHtml(pageUrl)}">${escapeHtml(pageUrl)}</a></p>
<p>With gratitude,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `Your first donation is in!

${greeting}

${donor} just gave ${gift} to “${data.campaignTitle}”: the first gift on your page. The first one is always the hardest, and yours is in. Congratulations!

SAY THANK YOU TODAY
A short, personal thank-you, by name and within a day, makes people feel part of what you’re doing, and they’re more likely to share your page. It doesn’t need to be long: “Thank you, that means so much to me.”

Say thank you: ${dashboardUrl}

THEN ASK A FEW MORE PEOPLE
People are more willing to give to a page that’s already moving. Now is a great moment to message a few more friends personally, with your link:

${pageUrl}

With gratitude,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: 'Your first donation is in!',
		...emailLayout(ctx, { preheader: `${donor} just gave ${gift}. Here’s what to do next.`, bodyHtml, bodyText }),
	}
}
