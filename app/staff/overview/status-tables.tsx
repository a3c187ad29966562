import type { OverviewFormat, OverviewPageData } from '#app/staff/overview/overview-format.ts'
import { OverviewTable } from '#app/staff/overview/overview-table.tsx'
import type { CampaignStatus } from '#db/schema.ts'
import { campaignStatusLabels, emailStatusExplained } from '#app/utils/status-labels.ts'

type Overview = OverviewPageData['overview']

/** Campaigns and emails counted by status, side by side. */
export function StatusTables({ overview, format }: { overview: Overview; format: OverviewFormat }) {
	const { number } = format
	return (
		<div className="grid gap-10 md:grid-cols-2">
			<section aria-labelledby="status-heading">
				<h2 id="status-heading" className="text-xl font-bold">
					Campaigns by status
				</h2>
				<OverviewTable label="Campaigns by status">
					<thead>
						<tr>
							<th scope="col">Status</th>
							<th scope="col" className="text-right">
								Campaigns
							</th>
						</tr>
					</thead>
					<tbody className="tabular-nums">
						{(Object.keys(campaignStatusLabels) as CampaignStatus[]).map((status) => (
							<tr key={status}>
								<th scope="row" className="font-normal">
									{campaignStatusLabels[status]}
								</th>
								<td className="text-right">{number(overview.campaignsByStatus[status])}</td>
							</tr>
						))}
					</tbody>
				</OverviewTable>
			</section>
			<section aria-labelledby="email-heading">
				<h2 id="email-heading" className="text-xl font-bold">
					Emails by status
				</h2>
				<OverviewTable label="Emails by status">
					<thead>
						<tr>
							<th scope="col">Status</th>
							<th scope="col" className="text-right">
								Emails
							</th>
						</tr>
					</thead>
					<tbody className="tabular-nums">
						{(Object.keys(emailStatusExplained) as (keyof typeof emailStatusExplained)[]).map((status) => {
							const n = overview.emailsByStatus[status]
							const problem = (status === 'failed' || status === 'bounced') && n > 0
							return (
								<tr key={status} className={problem ? 'bg-red-50' : undefined}>
									<th scope="row" className="font-normal">
										{emailStatusExplained[status]}
									</th>
									<td className={`text-right ${problem ? 'font-bold text-red-800' : ''}`}>{number(n)}</td>
								</tr>
							)
						})}
					</tbody>
				</OverviewTable>
			</section>
		</div>
	)
}
