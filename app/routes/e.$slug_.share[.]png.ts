import { type LoaderFunctionArgs } from '@remix-run/node'
import { eventShareResponse } from '#app/events/event-sharing.server.ts'

/** GET /e/:slug/share.png — the event's share image (Open Graph): its total against its goal. */
export function loader({ params, request }: LoaderFunctionArgs) {
	return eventShareResponse(request, 'share.png', params.slug ?? '')
}
