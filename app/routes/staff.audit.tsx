import { campaignPath } from '#app/campaigns/urls.ts'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { listAuditForStaff } from '#app/staff/audit.server.ts'
import { ScrollTable } from '#app/staff/staff-ui.tsx'
import { staffTime } from '#app/utils/time.ts'

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
			{entries.length === 0 ? (
				<p className="text-muted">Nothing has been recorded yet.</p>
			) : (
				<ScrollTable label="Audit log entries">
					<table className="w-full min-w-[52rem] text-left text-[15px]">
						<thead className="bg-sand">
							<tr>
								<th scope="col" className="p-3">
									When
								</th>
								<th scope="col" className="p-3">
									Who
								</th>
								<th scope="col" className="p-3">
									Action
								</th>
								<th scope="col" className="p-3">
									Subject
								</th>
								<th scope="col" className="p-3">
									Reason
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-stone-200">
							{entries.map((entry) => (
								<tr key={entry.id} className="align-top">
									<td className="p-3 whitespace-nowrap">
										<time dateTime={new Date(entry.createdAt).toISOString()}>{staffTime(entry.createdAt, locale)}</time>
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
								</tr>
							))}
						</tbody>
					</table>
				</ScrollTable>
			)}
		</div>
	)
}
