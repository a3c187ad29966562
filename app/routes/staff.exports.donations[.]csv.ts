import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/people/session.server.ts'
import { csvDownload, donationsCsvChunks, parseExportRange } from '#app/staff/reporting.server.ts'

/** GET /staff/exports/donations.csv[?from=YYYY-MM-DD&to=YYYY-MM-DD] — every donation with its donor, streamed, for finance. */
export async function loader({ request }: LoaderFunctionArgs) {
	const staff = await requireStaff(request)
	const range = parseExportRange(new URL(request.url))
	return csvDownload(staff.id, 'donations', (signal) => donationsCsvChunks(range, signal), request.signal)
}
