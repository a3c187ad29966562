import { Link } from '@remix-run/react'
import { eventPath, teamPath } from '#app/events/kinds.ts'

/** On a participant's page: the event (linked), their team (linked) and their place on the leaderboard. */
export function PageEventLine({
	eventSlug,
	eventName,
	teamSlug,
	teamName,
	rank,
}: {
	eventSlug: string
	eventName: string
	teamSlug: string | null
	teamName: string | null
	rank: number | null
}) {
	return (
		<p className="mt-2 flex flex-wrap gap-x-3 text-sm" data-testid="page-event">
			<span>
				Taking part in{' '}
				<Link to={eventPath(eventSlug)} className="font-semibold underline">
					{eventName}
				</Link>
			</span>
			{teamSlug && teamName ? (
				<span>
					Team{' '}
					<Link to={teamPath(eventSlug, teamSlug)} className="font-semibold underline">
						{teamName}
					</Link>
				</span>
			) : null}
			{rank !== null ? <span>Ranked #{rank} in the event</span> : null}
		</p>
	)
}
