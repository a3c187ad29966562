import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { reportTime, type CampaignReport } from '#app/staff/reports/report.ts'

/** Reports already resolved or dismissed, with the note staff left and who closed them. */
export function ClosedReports({ reports, locale }: { reports: CampaignReport[]; locale: string }) {
	return (
		<section aria-labelledby="closed-heading" className="space-y-3">
			<h2 id="closed-heading" className="text-2xl font-bold">
				Closed
			</h2>
			{reports.length === 0 ? (
				<p className="text-muted">No closed reports yet.</p>
			) : (
				<ul className="divide-y divide-stone-200 rounded-xl border border-stone-200">
					{reports.map((report) => (
						<li key={report.id} className="space-y-1 p-4">
							<p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
								<Link
									to={campaignPath(report.campaignSlug)}
									className="font-semibold text-brand underline wrap-anywhere"
								>
									{report.campaignTitle}
								</Link>
								<span
									className={`rounded px-2 py-0.5 text-sm font-semibold ${report.status === 'resolved' ? 'bg-emerald-100 text-emerald-950' : 'bg-stone-200 text-ink'}`}
								>
									{report.status === 'resolved' ? 'Resolved' : 'Dismissed'}
								</span>
								<span className="text-sm">{report.reasonLabel}</span>
							</p>
							{report.details ? <p className="text-[15px] text-muted wrap-anywhere">“{report.details}”</p> : null}
							{report.resolutionNote ? (
								<p className="text-[15px] wrap-anywhere">Note: {report.resolutionNote}</p>
							) : null}
							<p className="text-sm text-muted wrap-anywhere">
								Reported {reportTime(report.createdAt, locale)}
								{report.resolvedAt ? ` · closed ${reportTime(report.resolvedAt, locale)}` : ''}
								{report.resolvedByEmail ? ` by ${report.resolvedByEmail}` : ''}
							</p>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}
