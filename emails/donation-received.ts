import { formatMoney } from '#app/utils/money.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type DonationReceivedData = {
	fundraiserFirstName: string
	donorDisplayName: string
	/** null when the donor hid the amount. */
	amountMinor: number | null
	currency: string
	message: string | null
	campaignTitle: string
	campaignId: string
}

/** Tells a fundraiser a gift arrived, with a nudge to thank the donor. */
export function donationReceivedEmail(data: DonationReceivedData, ctx: EmailContext): RenderedEmail {
	const amount = data.amountMinor === null ? 'a gift' : formatMoney(data.amountMinor, data.currency, ctx.charity.locale)
	const dashboard = `${ctx.appUrl}/dashboard/${data.campaignId}`
	const name = data.fundraiserFirstName || 'there'
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;margin:0 0 16px 0">You received ${escapeHtml(amount)}!</h1>
<p>Hi ${escapeHtml(name)}, ${escapeHtml(data.donorDisplayName)} just gave ${escapeHtml(amount)} to <strong>${escapeHtml(data.campaignTitle)}</strong>.</p>
${data.message ? `<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${ctx.charity.accentColor};background:#faf7f2">${escapeHtml(data.message)}</blockquote>` : ''}
<p>Donors who are thanked within a day are the most likely to share your page. Say thank you from your dashboard:</p>
${button(dashboard, 'Say thank you', ctx)}`
	const bodyText = `You received ${amount}!

Hi ${name}, ${data.donorDisplayName} just gave ${amount} to "${data.campaignTitle}".
${data.message ? `\n"${data.message}"\n` : ''}
Donors who are thanked within a day are the most likely to share your page. Say thank you from your dashboard: ${dashboard}`
	return {
		subject: `You received ${amount} for ${data.campaignTitle}`.slice(0, 120),
		...emailLayout(ctx, { preheader: `${data.donorDisplayName} gave ${amount}.`, bodyHtml, bodyText }),
	}
}
