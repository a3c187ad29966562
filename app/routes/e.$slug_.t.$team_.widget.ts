import { type LoaderFunctionArgs } from '@remix-run/node'
import { eventShareResponse } from '#app/events/event-sharing.server.ts'

/** GET /e/:slug/t/:team/widget — the team's embeddable progress card. */
export function loader({ params, request }: LoaderFunctionArgs) {
	return eventShareResponse(request, 'widget', params.slug ?? '', params.team ?? '')
}
