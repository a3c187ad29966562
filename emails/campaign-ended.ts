import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type CampaignEndedData = {
	firstName: string
	campaignTitle: string
	campaignSlug: string
	campaignId: string
	raisedMinor: number
	goalMinor: number
	currency: string
	donorCount: number
}

/** Sent when a page closes: the result, and the two things that finish a fundraiser well. */
export function campaignEndedEmail(data: CampaignEndedData, ctx: EmailContext): RenderedEmail {
	const money = (minor: number) => formatMoney(minor, data.currency, ctx.charity.locale, { wholeUnits: true })
	const pageUrl = campaignUrl(ctx.appUrl, data.campaignSlug)
	const dashboardUrl = `${ctx.appUrl}/dashboard/${encodeURIComponent(data.campaignId)}`
	const startUrl = `${ctx.appUrl}/start`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const shortName = ctx.charity.shortName
	const raised = money(data.raisedMinor)
	const h1 = 'font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0'
	const h2 = 'font-family:Georgia,serif;font-size:19px;line-height:1.3;margin:24px 0 8px 0'
	const signOff = `With gratitude,<br>The ${escapeHtml(shortName)} supporter team`
	const signOffText = `With gratitude,\nThe ${shortName} supporter team`

	if (data.raisedMinor <= 0) {
		// Nothing raised: no totals to report and nobody to thank, so no numbers; just gratitude and an open door.
		const bodyHtml = `
<h1 style="${h1}">Your fundraiser has closed</h1>
<p>${escapeHtml(greeting)}</p>
<p>Your page <a href="${escapeHtml(pageUrl)}"><strong>${escapeHtml(data.campaignTitle)}</strong></a> has now closed. It didn’t receive any gifts this time, and that happens more often than you might think. Thank you for standing up for justice and for telling people about it.</p>
<p>If you’d like to try again, another moment will come: a birthday, a run, a celebration. Starting with a gift of your own and a personal message to five close friends makes the biggest difference.</p>
${button(startUrl, 'Start a new page', ctx)}
<p>${signOff}</p>`
		const bodyText = `Your fundraiser has closed

${greeting}

Your page “${data.campaignTitle}” (${pageUrl}) has now closed. It didn’t receive any gifts this time, and that happens more often than you might think. Thank you for standing up for justice and for telling people about it.

If you’d like to try again, another moment will come: a birthday, a run, a celebration. Starting with a gift of your own and a personal message to five close friends makes the biggest difference.

Start a new page: ${startUrl}

${signOffText}`
		return {
			subject: 'Your fundraiser has closed',
			...emailLayout(ctx, { preheader: 'Thank you for standing up for justice.', bodyHtml, bodyText }),
		}
	}

	const people = data.donorCount === 1 ? '1 person' : `${data.donorCount} people`
	const ofGoal =
		data.goalMinor > 0
			? data.raisedMinor >= data.goalMinor
				? ` That’s ${Math.floor((data.raisedMinor * 100) / data.goalMinor)}% of your ${money(data.goalMinor)} goal. You did it!`
				: ` That’s ${Math.floor((data.raisedMinor * 100) / data.goalMinor)}% of your ${money(data.goalMinor)} goal, and every gift counts.`
			: ''
	const summary = `${data.donorCount > 0 ? `Together with ${people}, you raised` : 'You raised'} ${raised}.${ofGoal}`
	const thankYou =
		'Send each donor a short, personal thank-you by name, if you haven’t already. A handwritten card or a personal note to your biggest supporters will be remembered for a long time.'
	const finalTotal = `Tell everyone what you raised together: the total, how many people gave and how it compares with your goal. Let them know their gifts support ${shortName}’s work to rescue victims, bring criminals to justice, restore survivors and strengthen justice systems. A photo from the day makes the perfect finishing touch.`
	const bodyHtml = `
<h1 style="${h1}">You raised ${escapeHtml(raised)}. Thank you!</h1>
<p>${escapeHtml(greeting)}</p>
<p>Your page <a href="${escapeHtml(pageUrl)}"><strong>${escapeHtml(data.campaignTitle)}</strong></a> has now closed.</p>
<table role="presentation" cellspacing="0" cellpadding="0" style="margin:16px 0"><tr>
<td style="padding:12px 24px 12px 16px;border-left:4px solid ${ctx.charity.accentColor}"><div style="font-size:28px;font-weight:bold;line-height:1.2">${escapeHtml(raised)}</div><div style="font-size:14px">raised</div></td>
<td style="padding:12px 16px"><div style="font-size:28px;font-weight:bold;line-height:1.2">${data.donorCount}</div><div style="font-size:14px">${data.donorCount === 1 ? 'donor' : 'donors'}</div></td>
</tr></table>
<p>${escapeHtml(summary)}</p>
<h2 style="${h2}">Thank everyone</h2>
<p>${escapeHtml(thankYou)}</p>
${button(dashboardUrl, 'Thank your donors', ctx)}
<h2 style="${h2}">Share your final total</h2>
<p>${escapeHtml(finalTotal)}</p>
<p>You stood up for justice and brought others with you. We’re so grateful.</p>
<p>${signOff}</p>`
	const bodyText = `You raised ${raised}. Thank you!

${greeting}

Your page “${data.campaignTitle}” (${pageUrl}) has now closed.

Raised: ${raised}
Donors: ${data.donorCount}

${summary}

THANK EVERYONE
${thankYou}

Thank your donors: ${dashboardUrl}

SHARE YOUR FINAL TOTAL
${finalTotal}

You stood up for justice and brought others with you. We’re so grateful.

${signOffText}`
	return {
		subject: `You raised ${raised}. Thank you!`.slice(0, 59),
		...emailLayout(ctx, { preheader: summary, bodyHtml, bodyText }),
	}
}
