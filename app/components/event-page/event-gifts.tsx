import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { teamPath } from '#app/events/kinds.ts'
import { relativeTime } from '#app/utils/time.ts'

type Gift = {
	id: string
	displayName: string
	amountMinor: number | null
	message: string | null
	at: string | Date
	to: { purpose: 'personal' | 'team' | 'event'; slug: string; title: string; teamSlug: string | null }
}

/** Where a gift went, as a link: a participant's page, a team, or (no link) the event itself. */
function GiftTarget({ eventSlug, to }: { eventSlug: string; to: Gift['to'] }) {
	if (to.purpose === 'event') return <span>the event</span>
	if (to.purpose === 'team' && to.teamSlug)
		return (
			<Link to={teamPath(eventSlug, to.teamSlug)} className="underline">
				{to.title.split(' · ')[0]}
			</Link>
		)
	return (
		<Link to={campaignPath(to.slug)} className="underline">
			{to.title}
		</Link>
	)
}

/** The newest gifts across the event; anonymous donors and hidden amounts stay so. */
export function RecentEventGifts({
	eventSlug,
	gifts,
	money,
	locale,
	now,
}: {
	eventSlug: string
	gifts: Gift[]
	money: (minor: number) => string
	locale: string
	now: Date
}) {
	return (
		<section aria-labelledby="recent-gifts" className="rounded-xl border border-stone-200 p-6">
			<h2 id="recent-gifts" className="text-xl font-bold">
				Recent gifts
			</h2>
			{gifts.length === 0 ? (
				<p className="mt-3 text-muted">No gifts yet.</p>
			) : (
				<ul className="mt-3 divide-y divide-stone-200" data-testid="event-gifts">
					{gifts.map((g) => (
						<li key={g.id} className="py-2">
							<p>
								<span className="font-semibold">{g.displayName}</span>
								{g.amountMinor !== null ? <> gave {money(g.amountMinor)}</> : <> gave</>} to{' '}
								<GiftTarget eventSlug={eventSlug} to={g.to} />
							</p>
							{g.message ? <p className="text-sm">“{g.message}”</p> : null}
							<p className="text-sm text-muted">{relativeTime(g.at, locale, now)}</p>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}
