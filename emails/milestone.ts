import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type MilestonePercent = 25 | 50 | 75 | 100

export type MilestoneData = {
	firstName: string
	campaignTitle: string
	campaignSlug: string
	campaignId: string
	percent: MilestonePercent
	raisedMinor: number
	goalMinor: number
	currency: string
}

type MilestoneCopy = {
	subject: string
	heading: string
	/** Plain sentences: escaped for HTML by the caller. */
	paragraphs: string[]
	/** A ready-made update the fundraiser can post or send. */
	sample: string
}

/** What to say at each milestone: milestones turn a total into a story people want to see finished. */
function milestoneCopy(
	percent: MilestonePercent,
	raised: string,
	goal: string,
	left: string,
	passed: boolean,
): MilestoneCopy {
	switch (percent) {
		case 25:
			return {
				subject: 'A quarter of the way to your goal!',
				heading: 'A quarter of the way there',
				paragraphs: [
					`You’ve raised ${raised} of your ${goal} goal. That’s a real start, and it’s thanks to you asking.`,
					'A milestone is a natural reason to post: thank everyone who got you here and say how far you have left. Then ask one or two more people personally.',
				],
				sample: `We’re a quarter of the way to ${goal}! Thank you to everyone who has given so far. Could you help me reach halfway?`,
			}
		case 50:
			return {
				subject: 'You’re halfway to your goal!',
				heading: 'Halfway there!',
				paragraphs: [
					`You’ve raised ${raised} of your ${goal} goal, with ${left} to go. Half the work is done.`,
					'Tell people: a quick update thanking your donors, with the total so far, is a friendly reminder for anyone who meant to give and forgot.',
				],
				sample: `We’re halfway to ${goal}! Thank you so much. Can you help me reach 75% this week?`,
			}
		case 75:
			return {
				subject: 'Three-quarters there: the final stretch',
				heading: 'Three-quarters of the way there',
				paragraphs: [
					`You’ve raised ${raised} of your ${goal} goal: just ${left} to go.`,
					'This is the moment to get back in touch with anyone who said “I’ll do it later”. A short update with the amount left gives people a clear reason to act now.',
				],
				sample: `Just ${left} to go until I reach my ${goal} goal! Could you help me get over the line?`,
			}
		case 100:
			return {
				subject: 'You reached your goal!',
				heading: 'You reached your goal!',
				paragraphs: [
					`You’ve raised ${raised}, ${passed ? 'passing' : 'reaching'} your ${goal} goal. Every gift helps bring rescue, justice and restoration to people who need it.`,
					'Celebrate, and thank everyone who got you here. Then think about raising your goal: a page sitting at 100% tells people the job is done, while a higher target invites them to help you go further.',
				],
				sample: `You smashed my ${goal} goal! Thank you all. Let’s see how much further we can go together.`,
			}
	}
}

/** One template for every milestone; the copy, and at 100% the call to action, change with the percentage. */
export function milestoneEmail(data: MilestoneData, ctx: EmailContext): RenderedEmail {
	const money = (minor: number) => formatMoney(minor, data.currency, ctx.charity.locale, { wholeUnits: true })
	const pageUrl = campaignUrl(ctx.appUrl, data.campaignSlug)
	const dashboardUrl = `${ctx.appUrl}/dashboard/${encodeURIComponent(data.campaignId)}`
	const editUrl = `${dashboardUrl}/edit`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const copy = milestoneCopy(
		data.percent,
		money(data.raisedMinor),
		money(data.goalMinor),
		money(Math.max(0, data.goalMinor - data.raisedMinor)),
		data.raisedMinor > data.goalMinor,
	)
	const reached = data.percent === 100
	const barPercent = Math.min(100, data.percent)
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">${escapeHtml(copy.heading)}</h1>
<p>${escapeHtml(greeting)}</p>
<p style="margin:0 0 4px 0"><a href="${escapeHtml(pageUrl)}"><strong>${escapeHtml(data.campaignTitle)}</strong></a></p>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="margin:0 0 16px 0"><tr>
<td width="${barPercent}%" style="height:10px;background:${ctx.charity.accentColor};border-radius:${barPercent < 100 ? '5px 0 0 5px' : '5px'};font-size:0;line-height:0">&nbsp;</td>${
		barPercent < 100
			? `<td style="height:10px;background:#e4ded5;border-radius:0 5px 5px 0;font-size:0;line-height:0">&nbsp;</td>`
			: ''
	}
</tr></table>
${copy.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p>You could post something like:</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${ctx.charity.accentColor};background:#faf7f2;color:#24211e">${escapeHtml(copy.sample)}</blockquote>
${
	reached
		? `${button(editUrl, 'Raise your goal', ctx)}
<p>Thank your donors and post an update from <a href="${escapeHtml(dashboardUrl)}">your dashboard</a>.</p>`
		: button(dashboardUrl, 'Thank donors and post an update', ctx)
}
<p>We’re cheering you on,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `${copy.heading}

${greeting}

“${data.campaignTitle}”: ${pageUrl}

${copy.paragraphs.join('\n\n')}

You could post something like:

  “${copy.sample}”

${
	reached
		? `Raise your goal: ${editUrl}

Thank your donors and post an update from your dashboard: ${dashboardUrl}`
		: `Thank donors and post an update: ${dashboardUrl}`
}

We’re cheering you on,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: copy.subject,
		...emailLayout(ctx, { preheader: copy.paragraphs[0] ?? copy.heading, bodyHtml, bodyText }),
	}
}
