import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { OverviewFormat, OverviewPageData } from '#app/staff/overview/overview-format.ts'
import { OverviewTable } from '#app/staff/overview/overview-table.tsx'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'

/** The campaigns that raised most; only public ones link to their page. */
export function TopCampaigns({ top, format }: { top: OverviewPageData['top']; format: OverviewFormat }) {
	const { money, number } = format
	return (
		<section aria-labelledby="top-heading">
			<h2 id="top-heading" className="text-xl font-bold">
				Top campaigns
			</h2>
			{top.length === 0 ? (
				<p className="mt-2 text-muted">No campaign has raised money yet.</p>
			) : (
				<OverviewTable
					label="Top campaigns"
					wide
					columns={['Campaign', 'Fundraiser', 'Status', 'Raised', 'Goal', 'Donors']}
					figuresFrom={3}
				>
					{top.map((c) => (
						<tr key={c.id}>
							<th scope="row" className="min-w-48 font-normal">
								{c.status === 'active' || c.status === 'ended' ? (
									<Link to={campaignPath(c.slug)} className="font-medium text-brand underline">
										{c.title}
									</Link>
								) : (
									c.title
								)}
							</th>
							<td>{c.ownerName || '—'}</td>
							<td>{campaignStatusLabels[c.status]}</td>
							<td className="text-right font-semibold">{money(c.raisedMinor, c.currency)}</td>
							<td className="text-right">{money(c.goalMinor, c.currency)}</td>
							<td className="text-right">{number(c.donors)}</td>
						</tr>
					))}
				</OverviewTable>
			)}
		</section>
	)
}
