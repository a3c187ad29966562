import type { OverviewFormat, OverviewPageData } from '#app/staff/overview/overview-format.ts'
import { OverviewTable } from '#app/staff/overview/overview-table.tsx'
import type { CampaignStatus } from '#db/schema.ts'
import { campaignStatusLabels, emailStatusExplained } from '#app/utils/status-labels.ts'

type Overview = OverviewPageData['overview']

/** Campaigns and emails counted by status, side by side. */
export function StatusTables({ overview, format }: { overview: Overview; format: OverviewFormat }) {
	return (
		<div className="grid gap-10 md:grid-cols-2">
			<StatusCounts
				id="status"
				heading="Campaigns by status"
				counted="Campaigns"
				format={format}
				rows={(Object.keys(campaignStatusLabels) as CampaignStatus[]).map((status) => ({
					status,
					label: campaignStatusLabels[status],
					count: overview.campaignsByStatus[status],
					problem: false,
				}))}
			/>
			<StatusCounts
				id="email"
				heading="Emails by status"
				counted="Emails"
				format={format}
				rows={(Object.keys(emailStatusExplained) as (keyof typeof emailStatusExplained)[]).map((status) => ({
					status,
					label: emailStatusExplained[status],
					count: overview.emailsByStatus[status],
					// An email that did not arrive is worth a look.
					problem: (status === 'failed' || status === 'bounced') && overview.emailsByStatus[status] > 0,
				}))}
			/>
		</div>
	)
}

/** One count per status; a status that needs attention is marked in red. */
function StatusCounts({
	id,
	heading,
	counted,
	rows,
	format,
}: {
	/** Names the heading (`<id>-heading`) that labels the section. */
	id: string
	heading: string
	/** The count column's header: what is counted. */
	counted: string
	rows: { status: string; label: string; count: number; problem: boolean }[]
	format: OverviewFormat
}) {
	return (
		<section aria-labelledby={`${id}-heading`}>
			<h2 id={`${id}-heading`} className="text-xl font-bold">
				{heading}
			</h2>
			<OverviewTable label={heading} columns={['Status', counted]}>
				{rows.map((row) => (
					<tr key={row.status} className={row.problem ? 'bg-red-50' : undefined}>
						<th scope="row" className="font-normal">
							{row.label}
						</th>
						<td className={row.problem ? 'text-right font-bold text-red-800' : 'text-right'}>
							{format.number(row.count)}
						</td>
					</tr>
				))}
			</OverviewTable>
		</section>
	)
}
