import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { ScrollTable } from '#app/staff/staff-ui.tsx'
import { staffTime } from '#app/utils/time.ts'

export type ZeroParticipant = {
	registrationId: string
	name: string
	email: string
	pageSlug: string
	teamName: string | null
	joinedAt: Date | string
	lastContactAt: Date | string | null
}

const columns = ['Participant', 'Team', 'Joined', 'Last emailed']

function When({ value, locale }: { value: Date | string; locale: string }) {
	return <time dateTime={new Date(value).toISOString()}>{staffTime(value, locale)}</time>
}

/** Participants whose page has no gift yet, with when we last emailed them: who to encourage next. */
export function ZeroList({ participants, locale }: { participants: ZeroParticipant[]; locale: string }) {
	if (participants.length === 0) return <p className="text-muted">Every participant has at least one gift.</p>
	return (
		<ScrollTable label="Participants still at zero">
			<table className="w-full min-w-[44rem] text-left text-[15px]">
				<thead className="bg-sand">
					<tr>
						{columns.map((column) => (
							<th key={column} scope="col" className="p-3">
								{column}
							</th>
						))}
					</tr>
				</thead>
				<tbody className="divide-y divide-stone-200">
					{participants.map((p) => (
						<tr key={p.registrationId} className="align-top">
							<td className="p-3">
								<Link to={campaignPath(p.pageSlug)} className="font-semibold text-brand underline">
									{p.name || 'Unnamed participant'}
								</Link>
								<span className="block text-sm break-all text-muted">{p.email}</span>
							</td>
							<td className="p-3">{p.teamName ?? <span className="text-muted">No team</span>}</td>
							<td className="p-3">
								<When value={p.joinedAt} locale={locale} />
							</td>
							<td className="p-3">
								{p.lastContactAt ? (
									<When value={p.lastContactAt} locale={locale} />
								) : (
									<span className="text-muted">Never</span>
								)}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollTable>
	)
}
