import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type RefundConfirmationData = {
	donorName: string
	receiptNumber: string
	campaignTitle: string
	campaignSlug: string
	currency: string
	/** The part of the gift this refund returned. */
	refundedMinor: number
	/** Everything returned to the card so far, the covered fee included. */
	totalRefundedMinor: number
	/** What the donor paid: the gift plus any fee they covered. */
	totalPaidMinor: number
	/** Nothing of the gift is left. */
	fullyRefunded: boolean
}

/** Tells the donor their money is on its way back: transactional, always sent, one per refund. */
export function refundConfirmationEmail(data: RefundConfirmationData, ctx: EmailContext): RenderedEmail {
	const { charity } = ctx
	const money = (minor: number) => formatMoney(minor, data.currency, charity.locale)
	const url = campaignUrl(ctx.appUrl, data.campaignSlug)
	const name = data.donorName.trim() || 'there'
	const what = data.fullyRefunded
		? `Your gift to ${data.campaignTitle} has been refunded in full.`
		: `${money(data.refundedMinor)} of your gift to ${data.campaignTitle} has been refunded.`
	const returned = `In all, ${money(data.totalRefundedMinor)} of the ${money(data.totalPaidMinor)} you paid has been returned to the card you gave with. Banks usually show it within 5 to 10 working days.`
	const reference = `Your receipt number was ${data.receiptNumber}; please quote it if you contact us.`
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;margin:0 0 16px 0">Your refund is on its way</h1>
<p>Hi ${escapeHtml(name)},</p>
<p>${escapeHtml(what)}</p>
<p>${escapeHtml(returned)}</p>
<p>${escapeHtml(reference)}</p>
<p>If you did not ask for this refund, or have a question about it, reply to this email or write to <a href="mailto:${escapeHtml(charity.contactEmail)}">${escapeHtml(charity.contactEmail)}</a>.</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(data.campaignTitle)}</a></p>`
	const bodyText = `Your refund is on its way

Hi ${name},

${what}

${returned}

${reference}

If you did not ask for this refund, or have a question about it, reply to this email or write to ${charity.contactEmail}.

${data.campaignTitle}: ${url}`
	return {
		subject: data.fullyRefunded
			? 'Your donation has been refunded'
			: `${money(data.refundedMinor)} of your donation has been refunded`,
		...emailLayout(ctx, { preheader: what, bodyHtml, bodyText }),
	}
}
