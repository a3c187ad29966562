import { campaignKinds } from '#app/campaigns/kinds.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type SignupDay2Data = {
	firstName: string
}

/** Day 2 of the sign-up series: help someone who is still deciding pick an idea, one click from a started page. */
export function signupDay2Email(data: SignupDay2Data, ctx: EmailContext): RenderedEmail {
	const startUrl = `${ctx.appUrl}/start`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	// Each idea links straight into the form with that idea chosen: one decision fewer.
	const ideas = campaignKinds.map((k) => ({ ...k, url: `${startUrl}?kind=${encodeURIComponent(k.kind)}` }))
	const ideasHtml = ideas
		.map(
			(idea) =>
				`<li style="margin:0 0 10px 0"><a href="${escapeHtml(idea.url)}"><strong>${escapeHtml(idea.label)}</strong></a> — ${escapeHtml(idea.pitch)}</li>`,
		)
		.join('\n')
	const ideasText = ideas.map((idea) => `- ${idea.label}: ${idea.pitch}\n  ${idea.url}`).join('\n')
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Which idea feels like yours?</h1>
<p>${escapeHtml(greeting)}</p>
<p>Most fundraisers start with something already in their diary: a birthday, a race, a wedding. Whatever you choose, every gift helps ${escapeHtml(ctx.charity.shortName)} rescue victims of sex trafficking, bring criminals to justice and help survivors rebuild their lives.</p>
<p>Here are the ideas to choose from. Pick the one that fits and we’ll set up your page around it:</p>
<ul style="padding-left:20px;margin:16px 0">
${ideasHtml}
</ul>
<p>Nothing goes live until you’re ready: you can preview your page and change every word before you publish it.</p>
${button(startUrl, 'Start your fundraiser', ctx)}
<p>Cheering you on,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `Which idea feels like yours?

${greeting}

Most fundraisers start with something already in their diary: a birthday, a race, a wedding. Whatever you choose, every gift helps ${ctx.charity.shortName} rescue victims of sex trafficking, bring criminals to justice and help survivors rebuild their lives.

Here are the ideas to choose from. Pick the one that fits and we’ll set up your page around it:

${ideasText}

Nothing goes live until you’re ready: you can preview your page and change every word before you publish it.

Start your fundraiser: ${startUrl}

Cheering you on,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: 'Which fundraising idea feels like yours?',
		...emailLayout(ctx, {
			preheader: 'A birthday, a cold dip, a run, a wedding: pick one and start in minutes.',
			bodyHtml,
			bodyText,
		}),
	}
}
