import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/people/session.server.ts'
import { csvDownload, donationsCsv, parseExportRange } from '#app/staff/reporting.server.ts'

/** GET /staff/exports/donations.csv[?from=YYYY-MM-DD&to=YYYY-MM-DD] — every donation with its donor, for finance. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const range = parseExportRange(new URL(request.url))
	return csvDownload(await donationsCsv(range), 'donations')
}
