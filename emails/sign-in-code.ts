import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type SignInCodeData = {
	/** The 6-digit code, as typed on the sign-in page. */
	code: string
	/** The one-click link's token (only its hash is kept with the challenge). */
	linkToken: string
	expiresInMinutes: number
}

/** Sent when someone asks to sign in or sign up: a code to type and a link to click. */
export function signInCodeEmail(data: SignInCodeData, ctx: EmailContext): RenderedEmail {
	const linkUrl = `${ctx.appUrl}/login/link?token=${encodeURIComponent(data.linkToken)}`
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;line-height:1.3;margin:0 0 16px 0">Your sign-in code</h1>
<p>Type this code on the sign-in page to continue to ${escapeHtml(ctx.charity.name)} fundraising:</p>
<p style="margin:24px 0;font-family:'SFMono-Regular',Consolas,'Liberation Mono',Menlo,monospace;font-size:36px;font-weight:bold;letter-spacing:8px;color:${ctx.charity.primaryColor}">${escapeHtml(data.code)}</p>
<p>Or sign in with one click:</p>
${button(linkUrl, 'Sign in', ctx)}
<p class="muted" style="font-size:14px;color:#5f5850">The code and the link work once and expire in ${data.expiresInMinutes} minutes. If you did not ask to sign in, you can ignore this email: nobody can sign in without it.</p>`
	const bodyText = `Your sign-in code: ${data.code}

Type this code on the sign-in page to continue to ${ctx.charity.name} fundraising.

Or sign in with one click:
${linkUrl}

The code and the link work once and expire in ${data.expiresInMinutes} minutes. If you did not ask to sign in, you can ignore this email: nobody can sign in without it.`
	return {
		subject: `Your sign-in code: ${data.code}`,
		...emailLayout(ctx, {
			preheader: `Your code is ${data.code}. It expires in ${data.expiresInMinutes} minutes.`,
			bodyHtml,
			bodyText,
		}),
	}
}
