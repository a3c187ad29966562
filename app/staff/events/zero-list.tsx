import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'

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

/** Participants whose page has no gift yet, with when we last emailed them: who to encourage next. */
export function ZeroList({ participants, locale }: { participants: ZeroParticipant[]; locale: string }) {
	return (
		<StaffTable
			label="Participants still at zero"
			minWidth="min-w-[44rem]"
			columns={columns}
			rows={participants}
			rowKey={(p) => p.registrationId}
			empty="Every participant has at least one gift."
		>
			{(p) => (
				<>
					<td className="p-3">
						<Link to={campaignPath(p.pageSlug)} className="font-semibold text-brand underline">
							{p.name || 'Unnamed participant'}
						</Link>
						<span className="block text-sm break-all text-muted">{p.email}</span>
					</td>
					<td className="p-3">{p.teamName ?? <span className="text-muted">No team</span>}</td>
					<td className="p-3">
						<StaffTime value={p.joinedAt} locale={locale} />
					</td>
					<td className="p-3">
						{p.lastContactAt ? (
							<StaffTime value={p.lastContactAt} locale={locale} />
						) : (
							<span className="text-muted">Never</span>
						)}
					</td>
				</>
			)}
		</StaffTable>
	)
}
