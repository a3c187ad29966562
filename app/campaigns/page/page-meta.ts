import { type MetaDescriptor } from '@remix-run/node'

type PageMetaData = {
	campaign: { title: string; excerpt: string; organiserName: string; status: string }
	/** The page's canonical address. */
	url: string
	/** The 1200×630 share picture's address. */
	shareImage: string
}

/** A fundraiser's title, description and share card (Open Graph and X); only an active page is indexed. */
export function campaignPageMeta(data: PageMetaData | undefined): MetaDescriptor[] {
	if (!data) return [{ title: 'Fundraiser not found' }]
	const { campaign, url, shareImage } = data
	const description = campaign.excerpt || `${campaign.organiserName} is fundraising to stop sex trafficking.`
	return [
		{ title: campaign.title },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: url },
		{ property: 'og:type', content: 'website' },
		{ property: 'og:url', content: url },
		{ property: 'og:title', content: campaign.title },
		{ property: 'og:description', content: description },
		{ property: 'og:image', content: shareImage },
		{ property: 'og:image:width', content: '1200' },
		{ property: 'og:image:height', content: '630' },
		{ name: 'twitter:card', content: 'summary_large_image' },
		{ name: 'twitter:title', content: campaign.title },
		{ name: 'twitter:description', content: description },
		{ name: 'twitter:image', content: shareImage },
		...(campaign.status === 'active' ? [] : [{ name: 'robots', content: 'noindex' }]),
	]
}
