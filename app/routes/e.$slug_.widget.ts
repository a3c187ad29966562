import { type LoaderFunctionArgs } from '@remix-run/node'
import { eventShareResponse } from '#app/events/event-sharing.server.ts'

/** GET /e/:slug/widget — the event's embeddable progress card. */
export function loader({ params, request }: LoaderFunctionArgs) {
	return eventShareResponse(request, 'widget', params.slug ?? '')
}
