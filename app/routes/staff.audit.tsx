import { campaignPath } from '#app/campaigns/urls.ts'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { listAuditForStaff } from '#app/staff/audit.server.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'

const AUDIT_LIMIT = 200

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	return { entries: await listAuditForStaff(AUDIT_LIMIT), limit: AUDIT_LIMIT, locale: getCharity().locale }
}

export const meta: MetaFunction = () => [{ title: 'Audit log — Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffAudit() {
	const { entries, limit, locale } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<header>
				<h1 className="text-3xl font-bold">Audit log</h1>
				<p className="mt-2 max-w-3xl text-muted">
					What staff did, to what, and why — newest first. Entries are never changed or deleted. The latest {limit} are
					shown.
				</p>
			</header>
			<StaffTable
				label="Audit log entries"
				minWidth="min-w-[52rem]"
				columns={['When', 'Who', 'Action', 'Subject', 'Reason']}
				rows={entries}
				rowKey={(entry) => entry.id}
				empty="Nothing has been recorded yet."
			>
				{(entry) => (
					<>
						<td className="p-3 whitespace-nowrap">
							<StaffTime value={entry.createdAt} locale={locale} />
						</td>
						<td className="p-3 break-all">{entry.actorEmail ?? <span className="text-muted">System</span>}</td>
						<td className="p-3">
							<code className="text-sm">{entry.action}</code>
						</td>
						<td className="p-3">
							<span className="text-muted">{entry.subjectType} </span>
							{entry.campaignSlug ? (
								<Link to={campaignPath(entry.campaignSlug)} className="text-brand underline break-all">
									/f/{entry.campaignSlug}
								</Link>
							) : (
								<code className="text-sm break-all">{entry.subjectId}</code>
							)}
						</td>
						<td className="max-w-80 p-3 whitespace-pre-line wrap-anywhere">
							{entry.reason ?? <span className="text-muted">—</span>}
						</td>
					</>
				)}
			</StaffTable>
		</div>
	)
}
