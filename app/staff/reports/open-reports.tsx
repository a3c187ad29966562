import { type SubmissionResult } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { reportTime, type CampaignReport } from '#app/staff/reports/report.ts'
import { ResolveForm } from '#app/staff/reports/resolve-form.tsx'

/** The reports nobody has closed yet, each beside the form that closes it. */
export function OpenReports({
	reports,
	locale,
	lastResult,
}: {
	reports: CampaignReport[]
	locale: string
	/** The posted form's result, with the report it was about. */
	lastResult?: { reportId: string; result: SubmissionResult<string[]> }
}) {
	return (
		<section aria-labelledby="open-heading" className="space-y-3">
			<h2 id="open-heading" className="text-2xl font-bold">
				Open ({reports.length})
			</h2>
			{reports.length === 0 ? (
				<p className="rounded-xl bg-sand p-5">No open reports. Thank you for keeping on top of them.</p>
			) : (
				<ul className="space-y-4">
					{reports.map((report) => (
						<li key={report.id} className="rounded-xl border border-stone-200 p-4 shadow-sm sm:p-5">
							<div className="grid gap-5 md:grid-cols-2">
								<OpenReport report={report} locale={locale} />
								<ResolveForm
									reportId={report.id}
									campaignTitle={report.campaignTitle}
									campaignHidden={report.campaignStatus === 'hidden'}
									lastResult={lastResult?.reportId === report.id ? lastResult.result : undefined}
								/>
							</div>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

function OpenReport({ report, locale }: { report: CampaignReport; locale: string }) {
	return (
		<div className="min-w-0 space-y-2">
			<h3 className="text-lg font-bold wrap-anywhere">
				<Link to={campaignPath(report.campaignSlug)} className="text-brand underline">
					{report.campaignTitle}
				</Link>
				{report.campaignStatus === 'hidden' ? (
					<span className="ml-2 rounded bg-red-100 px-2 py-0.5 align-middle font-sans text-sm font-semibold text-red-950">
						Hidden
					</span>
				) : null}
			</h3>
			<p className="font-semibold">{report.reasonLabel}</p>
			{report.details ? (
				<p className="whitespace-pre-line rounded-md bg-sand p-3 text-[15px] wrap-anywhere">{report.details}</p>
			) : null}
			<p className="text-sm text-muted wrap-anywhere">
				Reported {reportTime(report.createdAt, locale)}
				{report.reporterEmail ? (
					<>
						{' '}
						by{' '}
						<a href={`mailto:${report.reporterEmail}`} className="text-brand underline">
							{report.reporterEmail}
						</a>
					</>
				) : (
					' anonymously'
				)}
			</p>
		</div>
	)
}
