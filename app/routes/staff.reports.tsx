import { ActionNotice } from '#app/components/action-notice.tsx'
import { type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { listCampaignReports, resolveCampaignReport } from '#app/staff/moderation.server.ts'
import { ClosedReports } from '#app/staff/reports/closed-reports.tsx'
import { OpenReports } from '#app/staff/reports/open-reports.tsx'
import { resolveSchema } from '#app/staff/reports/schemas.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'

const doneMessages: Record<string, string> = {
	resolved: 'Report resolved.',
	dismissed: 'Report dismissed.',
	hidden: 'Report resolved and the fundraiser hidden. Its owner sees your note as the reason.',
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const [open, closed] = await Promise.all([
		listCampaignReports({ status: 'open' }),
		listCampaignReports({ status: 'closed', limit: 100 }),
	])
	return { open, closed, locale: getCharity().locale }
}

type ActionResult = { reportId: string; result: SubmissionResult<string[]> }

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const reportId = formValue(formData, 'reportId')
	const submission = parseWithZod(formData, { schema: resolveSchema })
	if (submission.status !== 'success')
		return data<ActionResult>({ reportId, result: submission.reply() }, { status: 400 })
	const { outcome, note, hideCampaign } = submission.value
	const resolved = await resolveCampaignReport(submission.value.reportId, staff, { outcome, note, hideCampaign })
	if (!resolved.ok) {
		const reply = resolved.field
			? submission.reply({ fieldErrors: { [resolved.field]: [resolved.error] } })
			: submission.reply({ formErrors: [resolved.error] })
		return data<ActionResult>({ reportId, result: reply }, { status: 400 })
	}
	return redirect(`/staff/reports?done=${resolved.hidden ? 'hidden' : outcome}`)
}

export const meta: MetaFunction = () => [{ title: 'Reports — Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffReports() {
	const { open, closed, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	return (
		<div className="space-y-8">
			<h1 className="text-3xl font-bold">Reports</h1>
			{done ? <ActionNotice>{done}</ActionNotice> : null}
			<OpenReports reports={open} locale={locale} lastResult={actionData} />
			<ClosedReports reports={closed} locale={locale} />
		</div>
	)
}
