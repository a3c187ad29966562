import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/people/session.server.ts'
import { campaignsCsvChunks, csvDownload } from '#app/staff/reporting.server.ts'

/** GET /staff/exports/campaigns.csv — every campaign with its owner and totals, streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
	const staff = await requireStaff(request)
	return csvDownload(staff.id, 'campaigns', campaignsCsvChunks, request.signal)
}
