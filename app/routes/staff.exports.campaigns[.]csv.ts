import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/people/session.server.ts'
import { campaignsCsv, csvDownload } from '#app/staff/reporting.server.ts'

/** GET /staff/exports/campaigns.csv — every campaign with its owner and totals from the money record. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	return csvDownload(await campaignsCsv(), 'campaigns')
}
