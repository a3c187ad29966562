import { type LoaderFunctionArgs } from '@remix-run/node'
import { scheduleFileResponse } from '#app/gift-aid/schedule-files.server.ts'
import { requireStaff } from '#app/people/session.server.ts'

/** GET /staff/gift-aid/<batch>/schedule.ods[?part=N&aggregate=1] — one file of the batch's HMRC schedule (at most 1,000 rows). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const staff = await requireStaff(request)
	return scheduleFileResponse(request, staff, params.claimId, 'ods')
}
