import { type LoaderFunctionArgs } from '@remix-run/node'
import { getPublicCampaign, redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { campaignShareImage } from '#app/sharing/share-image.server.ts'

/** GET /f/:slug/share.png — the picture shown when the campaign page is shared (Open Graph image). */
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
	const png = await campaignShareImage(campaign)
	// Short-lived, so the total in a new share is never far behind.
	return new Response(new Uint8Array(png), {
		headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=300' },
	})
}
