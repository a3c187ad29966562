import { type LoaderFunctionArgs } from '@remix-run/node'
import { getPublicCampaign, redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { campaignPageUrl, campaignQrSvg, qrFileName } from '#app/sharing/qr.server.ts'

/** GET /f/:slug/qr.svg — the campaign's QR code for print; ?download=1 saves it as a file. */
export async function loader({ params, request }: LoaderFunctionArgs) {
	const campaign = await getPublicCampaign(params.slug ?? '')
	// Drafts and hidden campaigns are as unknown here as on the page itself.
	if (!campaign) {
		await redirectFromFormerSlug(request, params.slug ?? '')
		return new Response('Campaign not found', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
	const svg = await campaignQrSvg(campaignPageUrl(campaign.slug))
	const headers = new Headers({
		'Content-Type': 'image/svg+xml; charset=utf-8',
		'Cache-Control': 'public, max-age=86400',
	})
	if (new URL(request.url).searchParams.get('download') === '1') {
		headers.set('Content-Disposition', `attachment; filename="${qrFileName(campaign.slug, 'svg')}"`)
	}
	return new Response(svg, { headers })
}
