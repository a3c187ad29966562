import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'

export type TeamMemberRow = { slug: string; name: string; raisedMinor: number; donorCount: number }

/** The team's members with what each has raised, highest first (the team leaderboard's order). */
export function TeamMembers({ members, money }: { members: TeamMemberRow[]; money: (minor: number) => string }) {
	return (
		<section aria-labelledby="members-heading" className="rounded-xl border border-stone-200 p-6 shadow-sm">
			<h2 id="members-heading" className="text-xl font-bold">
				Members ({members.length})
			</h2>
			{members.length === 0 ? (
				<p className="mt-3 text-muted">No one has joined yet: share your invite link.</p>
			) : (
				<table className="mt-3 w-full text-left">
					<thead>
						<tr className="border-b border-stone-200 text-sm text-muted">
							<th scope="col" className="py-2">
								Member
							</th>
							<th scope="col" className="py-2 text-right">
								Raised
							</th>
							<th scope="col" className="py-2 text-right">
								Donors
							</th>
						</tr>
					</thead>
					<tbody>
						{members.map((m) => (
							<tr key={m.slug} className="border-b border-stone-100">
								<td className="py-2">
									<Link to={campaignPath(m.slug)} className="underline">
										{m.name}
									</Link>
								</td>
								<td className="py-2 text-right">{money(m.raisedMinor)}</td>
								<td className="py-2 text-right">{m.donorCount}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</section>
	)
}
