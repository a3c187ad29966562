import { type LoaderFunctionArgs } from '@remix-run/node'
import { redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { campaignWidgetHtml } from '#app/sharing/widget.server.ts'

// A resource route: a whole, script-free document meant for other sites' iframes.
export async function loader({ params, request }: LoaderFunctionArgs) {
	const html = await campaignWidgetHtml(params.slug ?? '')
	if (!html) await redirectFromFormerSlug(request, params.slug ?? '')
	if (!html)
		return new Response('Not found', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	return new Response(html, {
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
	})
}
