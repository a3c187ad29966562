import { campaignKindPhrase } from '#app/campaigns/kinds.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type SignupWelcomeData = {
	firstName: string
	/** The idea they picked on the form, if any (a campaign kind). */
	idea: string | null
	/** The "yes, send me tips" link when they ticked consent; ticking alone does not give it. */
	confirmTipsUrl?: string | null
}

/** The paragraph asking the address to confirm the consent typed on the form. */
export function confirmTipsParagraphs(url: string, ctx: EmailContext) {
	const ask =
		'You asked for fundraising tips and news by email. Anyone can type an address into a form, so we only send them once you confirm:'
	return {
		html: `<p>${escapeHtml(ask)}</p>\n${button(url, 'Yes, send me tips', ctx)}\n<p>If you did not ask, ignore this email: you will get nothing more from this sign-up.</p>`,
		text: `${ask}\nYes, send me tips: ${url}\nIf you did not ask, ignore this email: you will get nothing more from this sign-up.`,
	}
}

/** Sent at once after a "learn more" sign-up. */
export function signupWelcomeEmail(data: SignupWelcomeData, ctx: EmailContext): RenderedEmail {
	const guideUrl = `${ctx.appUrl}/guide/25-tips`
	const pdfUrl = `${ctx.appUrl}/guide/25-tips.pdf`
	const startUrl = `${ctx.appUrl}/start${data.idea ? `?kind=${encodeURIComponent(data.idea)}` : ''}`
	const name = data.firstName.trim() || 'there'
	const phrase = data.idea ? campaignKindPhrase(data.idea) : null
	const ideaLine = phrase
		? `You told us you are thinking about <strong>${escapeHtml(phrase)}</strong> — a wonderful way to rally people around justice.`
		: 'Birthdays, polar dips, runs, weddings, a page in memory of someone you love: any moment can become a stand against violence.'
	const ideaText = phrase
		? `You told us you are thinking about ${phrase} — a wonderful way to rally people around justice.`
		: 'Birthdays, polar dips, runs, weddings, a page in memory of someone you love: any moment can become a stand against violence.'
	const confirm = data.confirmTipsUrl ? confirmTipsParagraphs(data.confirmTipsUrl, ctx) : null
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Thank you, ${escapeHtml(name)}</h1>
<p>Thank you for signing up to learn more about starting a fundraiser for ${escapeHtml(ctx.charity.name)}. Your skills, talents and ideas are a force for change.</p>
<p>${ideaLine}</p>
<p>Our free guide, <a href="${escapeHtml(guideUrl)}"><strong>25 Tips for the Novice Fundraiser</strong></a>, walks you through it: setting a goal, telling your story, asking the people who care about you, and thanking every donor.</p>
${button(guideUrl, 'Read the 25 tips', ctx)}
<p>Prefer paper? <a href="${escapeHtml(pdfUrl)}">Download the printable PDF</a>.</p>
<p>When you are ready, your page takes about three minutes to set up:</p>
<p><a href="${escapeHtml(startUrl)}">Start your fundraiser</a></p>
${confirm ? confirm.html : ''}
<p>With gratitude,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `Thank you, ${name}

Thank you for signing up to learn more about starting a fundraiser for ${ctx.charity.name}. Your skills, talents and ideas are a force for change.

${ideaText}

Our free guide, 25 Tips for the Novice Fundraiser, walks you through it: setting a goal, telling your story, asking the people who care about you, and thanking every donor.

Read the 25 tips: ${guideUrl}
Printable PDF: ${pdfUrl}

When you are ready, your page takes about three minutes to set up:
Start your fundraiser: ${startUrl}
${confirm ? `\n${confirm.text}\n` : ''}
With gratitude,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: 'Welcome — your free fundraising guide',
		...emailLayout(ctx, {
			preheader: '25 Tips for the Novice Fundraiser, and how to start your page.',
			bodyHtml,
			bodyText,
		}),
	}
}
