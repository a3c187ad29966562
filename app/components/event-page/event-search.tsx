import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { eventPath, teamPath } from '#app/events/kinds.ts'

type Found =
	| { q: string; tooShort: true }
	| {
			q: string
			participants: { slug: string; title: string; name: string }[]
			teams: { slug: string; name: string }[]
	  }

/** "Find someone to sponsor": a GET form (works without JavaScript) and what it found. */
export function EventSearch({ eventSlug, found }: { eventSlug: string; found: Found | null }) {
	return (
		<section aria-labelledby="find-someone" className="rounded-xl border border-stone-200 p-6">
			<h2 id="find-someone" className="text-xl font-bold">
				Find someone to sponsor
			</h2>
			<form method="get" action={eventPath(eventSlug)} className="mt-3 flex gap-2" role="search">
				<label htmlFor="event-search" className="sr-only">
					Name of a participant or team
				</label>
				<input
					id="event-search"
					name="q"
					type="search"
					defaultValue={found?.q ?? ''}
					placeholder="Name of a participant or team"
					className="field-input min-w-0"
					maxLength={80}
				/>
				<button type="submit" className="btn-secondary shrink-0 px-4 py-2">
					Search
				</button>
			</form>
			{found && 'tooShort' in found ? (
				<p className="mt-3 text-sm">Please type at least two letters of the name.</p>
			) : found ? (
				<div className="mt-4" aria-live="polite" data-testid="search-results">
					{found.participants.length + found.teams.length === 0 ? (
						<p>Nobody called “{found.q}” is taking part yet.</p>
					) : (
						<ul className="space-y-2">
							{found.participants.map((p) => (
								<li key={p.slug}>
									<Link to={campaignPath(p.slug)} className="font-semibold underline">
										{p.name || p.title}
									</Link>{' '}
									<span className="text-sm text-muted">{p.title}</span>
								</li>
							))}
							{found.teams.map((t) => (
								<li key={t.slug}>
									<Link to={teamPath(eventSlug, t.slug)} className="font-semibold underline">
										{t.name}
									</Link>{' '}
									<span className="text-sm text-muted">team</span>
								</li>
							))}
						</ul>
					)}
				</div>
			) : null}
		</section>
	)
}
