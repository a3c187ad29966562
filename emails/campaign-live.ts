import { campaignUrl } from '#app/campaigns/urls.ts'
import { guideSections, withCharityNames } from '#app/guide/tips.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type CampaignLiveData = {
	firstName: string
	campaignTitle: string
	campaignSlug: string
	campaignId: string
}

/**
 * The guide tips that matter most in a page's first days, by title so the
 * email keeps up when tips are reworded or renumbered in the guide (a renamed
 * tip drops out and the coaching-emails test notices).
 */
const firstWeekTipTitles = [
	'Make the first donation yourself',
	'Ask five people who love you first',
	'Thank every donor within a day',
]

function firstWeekTips(ctx: EmailContext) {
	const tips = guideSections.flatMap((section) => section.tips)
	return firstWeekTipTitles.flatMap((title) => {
		const tip = tips.find((t) => t.title === title)
		return tip
			? [{ title: withCharityNames(tip.title, ctx.charity), body: withCharityNames(tip.body, ctx.charity) }]
			: []
	})
}

/** Guide text uses **phrase** for bold: <strong> in HTML (after escaping), plain in text. */
function boldHtml(text: string) {
	return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
}
function boldText(text: string) {
	return text.replace(/\*\*(.+?)\*\*/g, '$1')
}

/** Sent when a fundraiser publishes: the link, ready-made ways to share it, and the first-week habits. */
export function campaignLiveEmail(data: CampaignLiveData, ctx: EmailContext): RenderedEmail {
	const slug = encodeURIComponent(data.campaignSlug)
	const pageUrl = campaignUrl(ctx.appUrl, slug)
	const qrUrl = campaignUrl(ctx.appUrl, slug, 'qr.png')
	const qrDownloadUrl = `${qrUrl}?download=1`
	const dashboardUrl = `${ctx.appUrl}/dashboard/${encodeURIComponent(data.campaignId)}`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const shareText = `Please support my fundraiser: ${data.campaignTitle}`
	// Plain links, no tracking or scripts: the same set the page's share panel offers.
	const shareLinks = [
		{ label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${shareText} ${pageUrl}`)}` },
		{
			label: 'Email',
			href: `mailto:?subject=${encodeURIComponent(data.campaignTitle)}&body=${encodeURIComponent(`${shareText}\n\n${pageUrl}`)}`,
		},
		{ label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(pageUrl)}` },
		{
			label: 'X',
			href: `https://twitter.com/intent/tweet?text=${encodeURIComponent(shareText)}&url=${encodeURIComponent(pageUrl)}`,
		},
	]
	const tips = firstWeekTips(ctx)
	const tipsHtml = tips
		.map(
			(tip, i) =>
				`<tr><td valign="top" style="padding:0 12px 16px 0"><div style="width:28px;height:28px;line-height:28px;border-radius:14px;background:${ctx.charity.primaryColor};color:#ffffff;text-align:center;font-weight:bold;font-size:14px">${i + 1}</div></td><td valign="top" style="padding:0 0 16px 0"><strong>${escapeHtml(tip.title)}</strong><br>${boldHtml(tip.body)}</td></tr>`,
		)
		.join('\n')
	const tipsText = tips.map((tip, i) => `${i + 1}. ${tip.title}\n${boldText(tip.body)}`).join('\n\n')
	const h2 = 'font-family:Georgia,serif;font-size:19px;line-height:1.3;margin:28px 0 8px 0'
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Your page is live!</h1>
<p>${escapeHtml(greeting)}</p>
<p>Congratulations: <strong>${escapeHtml(data.campaignTitle)}</strong> is live, and every gift it raises will help ${escapeHtml(ctx.charity.shortName)} rescue victims of sex trafficking, bring criminals to justice and restore survivors. Here is your link:</p>
<p style="font-size:18px;word-break:break-all"><a href="${escapeHtml(pageUrl)}">${escapeHtml(pageUrl)}</a></p>
${button(pageUrl, 'See your page', ctx)}
<h2 style="${h2}">Share it</h2>
<p>Send it on ${shareLinks.map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join(' · ')}, or paste the link into a personal message.</p>
<h2 style="${h2}">Your QR code</h2>
<table role="presentation" cellspacing="0" cellpadding="0"><tr>
<td valign="top" style="padding:0 16px 0 0"><img src="${escapeHtml(qrUrl)}" width="160" height="160" alt="QR code for your fundraiser" style="display:block;border:1px solid #e4ded5;border-radius:6px"></td>
<td valign="top">Put it on a poster in the office kitchen, on a noticeboard or on the table at your party, so people can give from their phones in seconds.<br><br><a href="${escapeHtml(qrDownloadUrl)}">Download the QR code</a></td>
</tr></table>
<h2 style="${h2}">Three tips for your first week</h2>
<table role="presentation" cellspacing="0" cellpadding="0" style="margin:8px 0">
${tipsHtml}
</table>
<p>Track your gifts, thank your donors and post updates from <a href="${escapeHtml(dashboardUrl)}">your dashboard</a>.</p>
<p>We’re cheering you on,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `Your page is live!

${greeting}

Congratulations: “${data.campaignTitle}” is live, and every gift it raises will help ${ctx.charity.shortName} rescue victims of sex trafficking, bring criminals to justice and restore survivors. Here is your link:

${pageUrl}

SHARE IT
Send it on WhatsApp, by email, on Facebook or on X, or paste the link into a personal message.
${shareLinks.map((link) => `${link.label}: ${link.href}`).join('\n')}

YOUR QR CODE
Put it on a poster in the office kitchen, on a noticeboard or on the table at your party, so people can give from their phones in seconds.
Download the QR code: ${qrDownloadUrl}

THREE TIPS FOR YOUR FIRST WEEK

${tipsText}

Track your gifts, thank your donors and post updates from your dashboard: ${dashboardUrl}

We’re cheering you on,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: 'Your page is live: here’s how to share it',
		...emailLayout(ctx, {
			preheader: 'Your link, your QR code and three tips for the first week.',
			bodyHtml,
			bodyText,
		}),
	}
}
