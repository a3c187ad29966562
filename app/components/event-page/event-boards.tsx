import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { teamPath } from '#app/events/kinds.ts'

type FundraiserRow = {
	rank: number
	slug: string
	title: string
	name: string
	teamName: string | null
	raisedMinor: number
}
type TeamRow = { rank: number; slug: string; name: string; raisedMinor: number }

/** "Previous · Next" links of one leaderboard; the other board's page stays in the query. */
function BoardPager({
	label,
	page,
	hasNext,
	hrefFor,
}: {
	label: string
	page: number
	hasNext: boolean
	hrefFor: (page: number) => string
}) {
	if (page === 1 && !hasNext) return null
	return (
		<nav aria-label={label} className="mt-3 flex justify-between text-sm">
			{page > 1 ? (
				<Link to={hrefFor(page - 1)} className="underline">
					← Higher
				</Link>
			) : (
				<span />
			)}
			{hasNext ? (
				<Link to={hrefFor(page + 1)} className="underline">
					Next 10 →
				</Link>
			) : null}
		</nav>
	)
}

const pageSize = 10

export function FundraiserBoard({
	rows,
	page,
	hrefFor,
	money,
}: {
	rows: FundraiserRow[]
	page: number
	hrefFor: (page: number) => string
	money: (minor: number) => string
}) {
	return (
		<section aria-labelledby="top-fundraisers" className="rounded-xl border border-stone-200 p-6">
			<h2 id="top-fundraisers" className="text-xl font-bold">
				Top fundraisers
			</h2>
			{rows.length === 0 ? (
				<p className="mt-3 text-muted">Nobody has a page yet: be the first to join.</p>
			) : (
				<ol className="mt-3 divide-y divide-stone-200" data-testid="fundraiser-board">
					{rows.map((r) => (
						<li key={r.slug} className="flex items-baseline gap-3 py-2">
							<span className="w-6 shrink-0 text-right font-semibold text-muted">{r.rank}</span>
							<span className="min-w-0 flex-1">
								<Link to={campaignPath(r.slug)} className="font-semibold underline">
									{r.name || r.title}
								</Link>
								{r.teamName ? <span className="block text-sm text-muted">{r.teamName}</span> : null}
							</span>
							<span className="shrink-0 font-semibold">{money(r.raisedMinor)}</span>
						</li>
					))}
				</ol>
			)}
			<BoardPager label="Pages of top fundraisers" page={page} hasNext={rows.length === pageSize} hrefFor={hrefFor} />
		</section>
	)
}

export function TeamBoard({
	eventSlug,
	rows,
	page,
	hrefFor,
	money,
}: {
	eventSlug: string
	rows: TeamRow[]
	page: number
	hrefFor: (page: number) => string
	money: (minor: number) => string
}) {
	return (
		<section aria-labelledby="top-teams" className="rounded-xl border border-stone-200 p-6">
			<h2 id="top-teams" className="text-xl font-bold">
				Top teams
			</h2>
			{rows.length === 0 ? (
				<p className="mt-3 text-muted">No teams yet: start one when you join.</p>
			) : (
				<ol className="mt-3 divide-y divide-stone-200" data-testid="team-board">
					{rows.map((r) => (
						<li key={r.slug} className="flex items-baseline gap-3 py-2">
							<span className="w-6 shrink-0 text-right font-semibold text-muted">{r.rank}</span>
							<Link to={teamPath(eventSlug, r.slug)} className="min-w-0 flex-1 font-semibold underline">
								{r.name}
							</Link>
							<span className="shrink-0 font-semibold">{money(r.raisedMinor)}</span>
						</li>
					))}
				</ol>
			)}
			<BoardPager label="Pages of top teams" page={page} hasNext={rows.length === pageSize} hrefFor={hrefFor} />
		</section>
	)
}
