import { formatMoney } from '#app/utils/money.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type RefundNoticeData = {
	fundraiserFirstName: string
	/** "An anonymous donor" when the donor asked not to be named. */
	donorDisplayName: string
	/** null when the donor hid the amount. */
	refundedMinor: number | null
	fullyRefunded: boolean
	currency: string
	/** The page's total after the refund. */
	raisedMinor: number
	campaignTitle: string
	campaignId: string
}

/** Tells the fundraiser a gift was refunded, so the lower total is no surprise. */
export function refundNoticeEmail(data: RefundNoticeData, ctx: EmailContext): RenderedEmail {
	const money = (minor: number) => formatMoney(minor, data.currency, ctx.charity.locale)
	const dashboard = `${ctx.appUrl}/dashboard/${encodeURIComponent(data.campaignId)}`
	const name = data.fundraiserFirstName.trim() || 'there'
	const what = data.fullyRefunded
		? `The gift from ${data.donorDisplayName}${data.refundedMinor === null ? '' : ` (${money(data.refundedMinor)})`} to ${data.campaignTitle} has been refunded in full.`
		: `${data.refundedMinor === null ? 'Part' : money(data.refundedMinor)} of the gift from ${data.donorDisplayName} to ${data.campaignTitle} has been refunded.`
	const total = `Your page now shows ${money(data.raisedMinor)} raised.`
	const why =
		'Refunds happen for many reasons (a mistaken amount, a gift made twice) and are handled by our team; there is nothing you need to do.'
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;margin:0 0 16px 0">A gift was refunded</h1>
<p>Hi ${escapeHtml(name)},</p>
<p>${escapeHtml(what)} ${escapeHtml(total)}</p>
<p>${escapeHtml(why)}</p>
${button(dashboard, 'See your donations', ctx)}`
	const bodyText = `A gift was refunded

Hi ${name},

${what} ${total}

${why}

See your donations: ${dashboard}`
	return {
		subject: `A gift to ${data.campaignTitle} was refunded`.slice(0, 120),
		...emailLayout(ctx, { preheader: what, bodyHtml, bodyText }),
	}
}
