import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type SignupDay5Data = {
	firstName: string
	/** The idea they picked on the sign-up form, if any (a campaign kind). */
	idea: string | null
	ideaLabel: string | null
}

/** Day 5 of the sign-up series: show how little it takes to get a page up. */
export function signupDay5Email(data: SignupDay5Data, ctx: EmailContext): RenderedEmail {
	const startUrl = `${ctx.appUrl}/start${data.idea ? `?kind=${encodeURIComponent(data.idea)}` : ''}`
	const name = data.firstName.trim()
	const greeting = name ? `Hi ${name},` : 'Hi there,'
	const shortName = ctx.charity.shortName
	const stepOneHtml = data.ideaLabel
		? `You picked <strong>${escapeHtml(data.ideaLabel)}</strong> when you signed up, so we’ll start you there. Changed your mind? You can choose another idea on the first screen.`
		: 'A birthday, a polar dip, a run, a wedding, a page in memory of someone you love, or your own idea. Choose the one that fits your life right now.'
	const stepOneText = data.ideaLabel
		? `You picked “${data.ideaLabel}” when you signed up, so we’ll start you there. Changed your mind? You can choose another idea on the first screen.`
		: 'A birthday, a polar dip, a run, a wedding, a page in memory of someone you love, or your own idea. Choose the one that fits your life right now.'
	const stepTwo =
		'We’ll suggest a title and a short story that you can make your own: add a line or two about why this matters to you. Then set a specific goal: a real number rather than “whatever I can”. Marathon runners who set a target raised 58% more than those who didn’t.'
	const stepThree = `Preview your page, publish it, then make the first gift yourself and send your link to five people who love you. Every gift helps ${shortName} bring rescue, justice and restoration to people trapped in sex trafficking.`
	const step = (n: number, title: string, html: string) =>
		`<tr><td valign="top" style="padding:0 12px 16px 0"><div style="width:32px;height:32px;line-height:32px;border-radius:16px;background:${ctx.charity.primaryColor};color:#ffffff;text-align:center;font-weight:bold">${n}</div></td><td valign="top" style="padding:0 0 16px 0"><strong>${escapeHtml(title)}</strong><br>${html}</td></tr>`
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Your page in three minutes</h1>
<p>${escapeHtml(greeting)}</p>
<p>Setting up a fundraising page is quicker than making a cup of tea. Here’s all it takes:</p>
<table role="presentation" cellspacing="0" cellpadding="0" style="margin:16px 0">
${step(1, 'Choose an idea', stepOneHtml)}
${step(2, 'Tell your story, with a goal', escapeHtml(stepTwo))}
${step(3, 'Publish and share', escapeHtml(stepThree))}
</table>
${button(startUrl, 'Start your page', ctx)}
<p>You don’t need to be a natural at asking or have a huge network: a few people who care about you is enough to make a real difference.</p>
<p>With gratitude,<br>The ${escapeHtml(shortName)} supporter team</p>`
	const bodyText = `Your page in three minutes

${greeting}

Setting up a fundraising page is quicker than making a cup of tea. Here’s all it takes:

1. Choose an idea
${stepOneText}

2. Tell your story, with a goal
${stepTwo}

3. Publish and share
${stepThree}

Start your page: ${startUrl}

You don’t need to be a natural at asking or have a huge network: a few people who care about you is enough to make a real difference.

With gratitude,
The ${shortName} supporter team`
	return {
		subject: 'Your fundraising page in three minutes',
		...emailLayout(ctx, { preheader: 'Choose an idea, tell your story, share it. That’s it.', bodyHtml, bodyText }),
	}
}
