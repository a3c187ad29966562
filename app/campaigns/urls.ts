/**
 * The one place a campaign's address is built: `/f/<slug>` and the pages
 * under it. The slug is encoded here once, so no caller encodes it (or
 * forgets to). Safe on the client and in email templates: nothing here reads
 * the environment.
 */

/** A page under a campaign's address. */
export type CampaignSubpage =
	/** The donate form. */
	| 'donate'
	/** Where Checkout returns a donor after paying. */
	| 'thank-you'
	/** The public "report this page" form. */
	| 'report'
	/** The embeddable progress card. */
	| 'widget'
	/** The QR code for print. */
	| 'qr.svg'
	/** The QR code as a picture. */
	| 'qr.png'
	/** The Open Graph image shown when the page is shared. */
	| 'share.png'

/** `/f/<slug>`, or `/f/<slug>/<subpage>`, with an optional query (encoded). */
export function campaignPath(slug: string, subpage?: CampaignSubpage, query?: Record<string, string>): string {
	const path = `/f/${encodeURIComponent(slug)}${subpage ? `/${subpage}` : ''}`
	const search = query ? new URLSearchParams(query).toString() : ''
	return search ? `${path}?${search}` : path
}

/** The absolute address of a campaign page on the site at `appUrl` (APP_URL, no trailing slash). */
export function campaignUrl(
	appUrl: string,
	slug: string,
	subpage?: CampaignSubpage,
	query?: Record<string, string>,
): string {
	return `${appUrl}${campaignPath(slug, subpage, query)}`
}
