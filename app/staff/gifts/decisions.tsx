import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { listRecentOfflineDecisions } from '#app/staff/offline-gifts.server.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'

type OfflineDecision = Awaited<ReturnType<typeof listRecentOfflineDecisions>>[number]

/** The latest confirmations and rejections, with who decided and why. */
export function RecentDecisions({ decisions, locale }: { decisions: OfflineDecision[]; locale: string }) {
	return (
		<section aria-labelledby="decisions-heading">
			<h2 id="decisions-heading" className="text-2xl font-bold">
				Recent decisions
			</h2>
			<StaffTable
				label="Recent decisions table"
				minWidth="min-w-[46rem]"
				className="mt-4"
				columns={['Decision', 'Gift', 'Fundraiser', 'By', 'When']}
				rows={decisions}
				rowKey={(decision) => decision.auditId}
				empty="No offline gifts have been confirmed or rejected yet."
				emptyClassName="mt-2"
			>
				{(decision) => (
					<>
						<td className="p-3">
							<span
								className={`rounded px-2 py-0.5 text-sm font-semibold ${decision.decision === 'confirmed' ? 'bg-emerald-100 text-emerald-950' : 'bg-red-100 text-red-950'}`}
							>
								{decision.decision === 'confirmed' ? 'Confirmed' : 'Rejected'}
							</span>
							{decision.reason ? <p className="mt-1 text-sm wrap-anywhere">{decision.reason}</p> : null}
						</td>
						<td className="p-3">
							<span className="font-semibold">{formatMoney(decision.amountMinor, decision.currency, locale)}</span>
							<br />
							<span className="wrap-anywhere">{decision.donorName}</span>
						</td>
						<td className="p-3">
							<Link to={campaignPath(decision.campaignSlug)} className="text-brand underline wrap-anywhere">
								{decision.campaignTitle}
							</Link>
						</td>
						<td className="p-3 wrap-anywhere">{decision.actorEmail ?? 'Unknown'}</td>
						<td className="p-3 whitespace-nowrap">
							<StaffTime value={decision.decidedAt} locale={locale} />
						</td>
					</>
				)}
			</StaffTable>
		</section>
	)
}
