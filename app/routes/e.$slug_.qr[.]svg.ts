import { type LoaderFunctionArgs } from '@remix-run/node'
import { eventShareResponse } from '#app/events/event-sharing.server.ts'

/** GET /e/:slug/qr.svg — the event's QR code for print; ?download=1 saves it. */
export function loader({ params, request }: LoaderFunctionArgs) {
	return eventShareResponse(request, 'qr.svg', params.slug ?? '')
}
