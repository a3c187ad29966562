import { type LoaderFunctionArgs } from '@remix-run/node'
import { getPublicCampaign, redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { campaignPageUrl, campaignQrPng, qrFileName } from '#app/sharing/qr.server.ts'

/** GET /f/:slug/qr.png — the campaign's QR code as a 600×600 picture; ?download=1 saves it as a file. */
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
	const png = await campaignQrPng(campaignPageUrl(campaign.slug))
	const headers = new Headers({ 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' })
	if (new URL(request.url).searchParams.get('download') === '1') {
		headers.set('Content-Disposition', `attachment; filename="${qrFileName(campaign.slug, 'png')}"`)
	}
	return new Response(new Uint8Array(png), { headers })
}
