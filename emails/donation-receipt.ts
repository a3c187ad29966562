import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type DonationReceiptData = {
	receiptNumber: string
	donorName: string
	amountMinor: number
	coverFeeMinor: number
	currency: string
	campaignTitle: string
	campaignSlug: string
	succeededAt: string
}

/** The donor's receipt: transactional, always sent. */
export function donationReceiptEmail(data: DonationReceiptData, ctx: EmailContext): RenderedEmail {
	const { charity } = ctx
	const money = (minor: number) => formatMoney(minor, data.currency, charity.locale)
	const total = data.amountMinor + data.coverFeeMinor
	const date = new Date(data.succeededAt).toLocaleDateString(charity.locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
	})
	const url = campaignUrl(ctx.appUrl, data.campaignSlug)
	const rows: [string, string][] = [
		['Receipt number', data.receiptNumber],
		['Date', date],
		['Donation', money(data.amountMinor)],
		...(data.coverFeeMinor > 0
			? ([['Processing fee you covered', money(data.coverFeeMinor)]] as [string, string][])
			: []),
		['Total paid', money(total)],
		['Fundraiser', data.campaignTitle],
		['Received by', `${charity.legalName}, ${charity.registration}`],
	]
	const statement = 'No goods or services were provided in exchange for this donation.'
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;margin:0 0 16px 0">Thank you, ${escapeHtml(data.donorName)}</h1>
<p>Your gift to <a href="${escapeHtml(url)}">${escapeHtml(data.campaignTitle)}</a> helps rescue victims of trafficking, bring criminals to justice and restore survivors.</p>
<table role="presentation" cellpadding="6" cellspacing="0" style="width:100%;border-collapse:collapse;margin:16px 0">
${rows.map(([label, value]) => `<tr><th align="left" style="border-bottom:1px solid #e5e0d8;font-weight:600">${escapeHtml(label)}</th><td align="right" style="border-bottom:1px solid #e5e0d8">${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
<p>${statement}</p>
<p>Please keep this email as your receipt.</p>`
	const bodyText = `Thank you, ${data.donorName}

Your gift to "${data.campaignTitle}" (${url}) helps rescue victims of trafficking, bring criminals to justice and restore survivors.

${rows.map(([label, value]) => `${label}: ${value}`).join('\n')}

${statement}

Please keep this email as your receipt.`
	return {
		subject: `Your receipt ${data.receiptNumber}`,
		...emailLayout(ctx, { preheader: `Thank you for your gift of ${money(data.amountMinor)}.`, bodyHtml, bodyText }),
	}
}
