import { emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'
import { confirmTipsParagraphs } from './signup-welcome.ts'

export type SignupConfirmTipsData = {
	firstName: string
	confirmTipsUrl: string
}

/**
 * Sent once per person when someone already known here ticks "tips and news"
 * on the learn-more form again (their welcome email went earlier): the
 * address, not the form, gives the consent.
 */
export function signupConfirmTipsEmail(data: SignupConfirmTipsData, ctx: EmailContext): RenderedEmail {
	const name = data.firstName.trim() || 'there'
	const confirm = confirmTipsParagraphs(data.confirmTipsUrl, ctx)
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Hello ${escapeHtml(name)}</h1>
${confirm.html}
<p>With gratitude,<br>The ${escapeHtml(ctx.charity.shortName)} supporter team</p>`
	const bodyText = `Hello ${name}

${confirm.text}

With gratitude,
The ${ctx.charity.shortName} supporter team`
	return {
		subject: 'Would you like fundraising tips by email?',
		...emailLayout(ctx, { preheader: 'One click to confirm, or ignore this email.', bodyHtml, bodyText }),
	}
}
