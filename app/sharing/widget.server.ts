import { campaignUrl } from '#app/campaigns/urls.ts'
import { getPublicCampaign } from '#app/campaigns/campaigns.server.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { formatMoney, progressPercent } from '#app/utils/money.ts'
import { escapeHtml } from '#emails/layout.ts'

/** What a progress card shows: a campaign's, or an event's or team's rolled-up total. */
export type ProgressCard = {
	title: string
	/** The small line under the title ("by Ola", an event's date and place). */
	byline: string
	raisedMinor: number
	goalMinor: number
	currency: string
	donorCount: number
	/** Where Donate goes, or null when gifts have closed (the card then says "ended"). */
	donateUrl: string | null
}

/**
 * A tiny, script-free progress card other sites (a club's page, a wedding
 * website) can embed in an iframe: title, raised of goal, a bar, and a Donate
 * link that opens the campaign in a new tab.
 */
export async function campaignWidgetHtml(slug: string): Promise<string | null> {
	const campaign = await getPublicCampaign(slug)
	if (!campaign) return null
	const url = campaignUrl(getEnv().APP_URL, campaign.slug)
	return progressCardHtml({
		title: campaign.title,
		byline: `by ${campaign.organiserName || 'a supporter'}`,
		raisedMinor: campaign.raisedMinor,
		goalMinor: campaign.goalMinor,
		currency: campaign.currency,
		donorCount: campaign.donorCount,
		donateUrl: campaign.status === 'ended' ? null : `${url}/donate`,
	})
}

/** The card's whole document (escaped: titles and names are user input). */
export function progressCardHtml(card: ProgressCard): string {
	const charity = getCharity()
	const money = (minor: number) => formatMoney(minor, card.currency, charity.locale, { wholeUnits: true })
	const percent = progressPercent(card.raisedMinor, card.goalMinor)
	const ended = card.donateUrl === null
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(card.title)} — progress</title>
<style>
  body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color:#1f1d1b; background:transparent; }
  .card { box-sizing:border-box; border:1px solid #e7e5e4; border-radius:12px; padding:16px; max-width:420px; background:#fff; }
  .title { font-family: Georgia, serif; font-size:18px; font-weight:bold; margin:0 0 4px; line-height:1.3; overflow-wrap:anywhere; }
  .by { color:#57524c; font-size:13px; margin:0 0 12px; }
  .raised { font-size:22px; font-weight:bold; margin:0; }
  .goal { color:#57524c; font-size:14px; }
  .bar { height:10px; border-radius:999px; background:#e7e5e4; overflow:hidden; margin:10px 0 6px; }
  .fill { height:100%; background:${charity.accentColor}; border-radius:999px; }
  .meta { color:#57524c; font-size:13px; margin:0 0 12px; }
  a.donate { display:inline-block; background:${charity.accentColor}; color:#fff; font-weight:bold; text-decoration:none; padding:10px 18px; border-radius:6px; }
  a.donate:focus-visible { outline:3px solid ${charity.primaryColor}; outline-offset:2px; }
  .charity { color:#57524c; font-size:12px; margin:12px 0 0; }
</style>
</head>
<body>
<div class="card">
  <p class="title">${escapeHtml(card.title)}</p>
  <p class="by">${escapeHtml(card.byline)}</p>
  <p class="raised">${escapeHtml(money(card.raisedMinor))} <span class="goal">raised of ${escapeHtml(money(card.goalMinor))}</span></p>
  <div class="bar" role="progressbar" aria-label="${escapeHtml(`${money(card.raisedMinor)} raised of ${money(card.goalMinor)}`)}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${percent}"><div class="fill" style="width:${percent}%"></div></div>
  <p class="meta">${card.donorCount} ${card.donorCount === 1 ? 'donor' : 'donors'}${ended ? ' · ended' : ''}</p>
  ${card.donateUrl === null ? '' : `<a class="donate" href="${escapeHtml(card.donateUrl)}" target="_blank" rel="noopener">Donate<span style="position:absolute;left:-9999px"> (opens in a new tab)</span></a>`}
  <p class="charity">For ${escapeHtml(charity.name)}</p>
</div>
</body>
</html>`
}
