import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type CampaignLastDaysData = {
	firstName: string
	campaignTitle: string
	campaignSlug: string
	campaignId: string
	/** The page's last day, YYYY-MM-DD. */
	endsOn: string
	raisedMinor: number
	goalMinor: number
	currency: string
}

/** "Sunday 14 June" in the charity's locale; the raw value if it is not a date. */
function formatDay(isoDate: string, locale: string) {
	const date = new Date(`${isoDate}T12:00:00Z`)
	if (Number.isNaN(date.getTime())) return isoDate
	return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
		date,
	)
}

/** Sent three days before a page closes: deadlines drive giving, so make one clear, final personal ask. */
export function campaignLastDaysEmail(data: CampaignLastDaysData, ctx: EmailContext): RenderedEmail {
	const money = (minor: number) => formatMoney(minor, data.currency, ctx.charity.locale, { wholeUnits: true })
	const pageUrl = campaignUrl(ctx.appUrl, data.campaignSlug)
	const dashboardUrl = `${ctx.appUrl}/dashboard/${encodeURIComponent(data.campaignId)}`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const closes = formatDay(data.endsOn, ctx.charity.locale)
	const left = data.goalMinor - data.raisedMinor
	const progress =
		data.goalMinor <= 0
			? `So far you’ve raised ${money(data.raisedMinor)}.`
			: left > 0
				? `So far you’ve raised ${money(data.raisedMinor)}: just ${money(left)} from your ${money(data.goalMinor)} goal.`
				: `You’ve raised ${money(data.raisedMinor)} and passed your ${money(data.goalMinor)} goal. Every extra gift still counts.`
	const sample =
		data.goalMinor > 0 && left > 0
			? `Three days to go and I’m ${money(left)} from my goal for ‘${data.campaignTitle}’. Could you help me get there? ${pageUrl}`
			: `Three days to go on my fundraiser ‘${data.campaignTitle}’, and I’d love to finish strong. Could you help? ${pageUrl}`
	const shareLinks = [
		{ label: 'Send it on WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(sample)}` },
		{
			label: 'Send it by email',
			href: `mailto:?subject=${encodeURIComponent(data.campaignTitle)}&body=${encodeURIComponent(sample)}`,
		},
	]
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Three days to go</h1>
<p>${escapeHtml(greeting)}</p>
<p>Your page <a href="${escapeHtml(pageUrl)}"><strong>${escapeHtml(data.campaignTitle)}</strong></a> closes on <strong>${escapeHtml(closes)}</strong>. ${escapeHtml(progress)}</p>
<p>Deadlines drive giving: many gifts arrive in the last few days, from people who meant to give and just needed a reason to do it now. This is that reason.</p>
<p>Send one last, personal message to friends you haven’t heard from yet (but not to anyone who has already said no). Being specific about the time and amount left helps. Something like:</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${ctx.charity.accentColor};background:#faf7f2;color:#24211e;word-break:break-word">${escapeHtml(sample)}</blockquote>
<p>${shareLinks.map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join(' · ')}</p>
${button(pageUrl, 'Open your page to share it', ctx)}
<p>And remember to thank everyone who gives from <a href="${escapeHtml(dashboardUrl)}">your dashboard</a>.</p>
<p>Nearly there: we’re cheering you on,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `Three days to go

${greeting}

Your page “${data.campaignTitle}” closes on ${closes}. ${progress}

Deadlines drive giving: many gifts arrive in the last few days, from people who meant to give and just needed a reason to do it now. This is that reason.

Send one last, personal message to friends you haven’t heard from yet (but not to anyone who has already said no). Being specific about the time and amount left helps. Something like:

  “${sample}”

${shareLinks.map((link) => `${link.label}: ${link.href}`).join('\n')}

Open your page to share it: ${pageUrl}

And remember to thank everyone who gives from your dashboard: ${dashboardUrl}

Nearly there: we’re cheering you on,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: 'Three days to go on your fundraiser',
		...emailLayout(ctx, {
			preheader: `Your page closes on ${closes}. Time for one last personal ask.`,
			bodyHtml,
			bodyText,
		}),
	}
}
