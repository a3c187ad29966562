import { type LoaderFunctionArgs } from '@remix-run/node'
import { eventShareResponse } from '#app/events/event-sharing.server.ts'

/** GET /e/:slug/qr.png — the event's QR code as a picture; ?download=1 saves it. */
export function loader({ params, request }: LoaderFunctionArgs) {
	return eventShareResponse(request, 'qr.png', params.slug ?? '')
}
