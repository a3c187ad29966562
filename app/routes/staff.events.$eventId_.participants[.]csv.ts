import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/people/session.server.ts'
import { participantsCsvChunks } from '#app/staff/event-report.server.ts'
import { requireEventForStaff } from '#app/staff/events-admin.server.ts'
import { csvDownload } from '#app/staff/reporting.server.ts'

/** GET /staff/events/<id>/participants.csv — the event's participants with their totals, streamed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const staff = await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	return csvDownload(
		staff.id,
		`${event.slug}-participants`,
		(signal) => participantsCsvChunks(event.id, signal),
		request.signal,
	)
}
