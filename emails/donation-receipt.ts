import { campaignUrl } from '#app/campaigns/urls.ts'
import { formatMoney } from '#app/utils/money.ts'
import { TAXPAYER_STATEMENT } from '#app/gift-aid/wording.ts'
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
	/** The gift's Gift Aid declaration (a GB charity's GBP gift only); null or absent without one. */
	giftAid?: {
		/** Gift Aid applies; false when HMRC's sponsored-events rule excludes the gift (participant or family). */
		eligible: boolean
		/** What Gift Aid adds to the gift (never to the fee cover). */
		giftAidMinor: number
		scope: 'this_gift' | 'all_gifts'
		declaredAt: string
		/** Signed path to update the donor's name or address or cancel the declaration. */
		managePath: string
	} | null
}

/**
 * The donor's receipt: transactional, always sent. Thank you, amount, date
 * and the charity's details everywhere; a GB charity's receipt confirms the
 * Gift Aid declaration, and elsewhere the charity's own tax wording
 * (CHARITY_RECEIPT_TAX_WORDING) is added if it has any.
 */
export function donationReceiptEmail(data: DonationReceiptData, ctx: EmailContext): RenderedEmail {
	const { charity } = ctx
	const money = (minor: number) => formatMoney(minor, data.currency, charity.locale)
	const total = data.amountMinor + data.coverFeeMinor
	const day = (iso: string) =>
		new Date(iso).toLocaleDateString(charity.locale, { day: 'numeric', month: 'long', year: 'numeric' })
	const url = campaignUrl(ctx.appUrl, data.campaignSlug)
	const giftAid = charity.country === 'GB' ? (data.giftAid ?? null) : null
	const rows: [string, string][] = [
		['Receipt number', data.receiptNumber],
		['Date', day(data.succeededAt)],
		['Donation', money(data.amountMinor)],
		...(data.coverFeeMinor > 0
			? ([['Processing fee you covered', money(data.coverFeeMinor)]] as [string, string][])
			: []),
		['Total paid', money(total)],
		...(giftAid?.eligible ? ([['Gift Aid it adds', money(giftAid.giftAidMinor)]] as [string, string][]) : []),
		['Fundraiser', data.campaignTitle],
		['Received by', `${charity.legalName}, ${charity.registration}`],
	]
	const paragraphs: { text: string; link?: { href: string; label: string } }[] = []
	if (giftAid) {
		const covers =
			giftAid.scope === 'all_gifts'
				? `this gift, any gifts you make in the future and those you made in the past 4 years to ${charity.name}`
				: 'this gift'
		paragraphs.push({
			text: giftAid.eligible
				? `Gift Aid: thank you for your Gift Aid declaration of ${day(giftAid.declaredAt)}, covering ${covers}. ${charity.name} will claim ${money(giftAid.giftAidMinor)} from HMRC on this gift, at no extra cost to you (Gift Aid is never added to a processing fee you cover).`
				: `Gift Aid: we have your Gift Aid declaration of ${day(giftAid.declaredAt)}, covering ${covers}. As you are taking part in this event, or family of someone who is, and the charity pays participants’ costs, HMRC does not allow Gift Aid on this gift, so none will be claimed on it.`,
		})
		paragraphs.push({ text: TAXPAYER_STATEMENT })
		paragraphs.push({
			text: 'If you move house, change your name, no longer pay enough tax, or want to cancel your declaration, you can do so here:',
			link: { href: `${ctx.appUrl}${giftAid.managePath}`, label: 'Update your address or cancel your declaration' },
		})
	} else if (charity.country !== 'GB' && charity.receiptTaxWording) {
		paragraphs.push({ text: charity.receiptTaxWording })
	}
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:24px;margin:0 0 16px 0">Thank you, ${escapeHtml(data.donorName)}</h1>
<p>Your gift to <a href="${escapeHtml(url)}">${escapeHtml(data.campaignTitle)}</a> helps rescue victims of trafficking, bring criminals to justice and restore survivors.</p>
<table role="presentation" cellpadding="6" cellspacing="0" style="width:100%;border-collapse:collapse;margin:16px 0">
${rows.map(([label, value]) => `<tr><th align="left" style="border-bottom:1px solid #e5e0d8;font-weight:600">${escapeHtml(label)}</th><td align="right" style="border-bottom:1px solid #e5e0d8">${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
${paragraphs.map((p) => `<p>${escapeHtml(p.text)}${p.link ? ` <a href="${escapeHtml(p.link.href)}">${escapeHtml(p.link.label)}</a>` : ''}</p>`).join('\n')}
<p>Please keep this email as your receipt.</p>`
	const bodyText = `Thank you, ${data.donorName}

Your gift to "${data.campaignTitle}" (${url}) helps rescue victims of trafficking, bring criminals to justice and restore survivors.

${rows.map(([label, value]) => `${label}: ${value}`).join('\n')}
${paragraphs.map((p) => `\n${p.text}${p.link ? `\n${p.link.label}: ${p.link.href}` : ''}`).join('\n')}

Please keep this email as your receipt.`
	return {
		subject: `Your receipt ${data.receiptNumber}`,
		...emailLayout(ctx, { preheader: `Thank you for your gift of ${money(data.amountMinor)}.`, bodyHtml, bodyText }),
	}
}
