import { Link } from '@remix-run/react'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { eventKindLabel, eventPath, eventWhen } from '#app/events/kinds.ts'
import { type EventKind } from '#db/schema.ts'
import { formatMoney } from '#app/utils/money.ts'

export type FeaturedEvent = {
	slug: string
	name: string
	kind: EventKind
	startsAt: string | Date
	timeZone: string
	place: string
	goalMinor: number
	raisedMinor: number
	currency: string
	participantCount: number
	coverImage: string | null
	coverAlt: string | null
}

/** The landing page's invitation to the event staff featured: what, when, where, and how far it has got. */
export function FeaturedEventCard({ event, locale }: { event: FeaturedEvent | null; locale: string }) {
	if (!event) return null
	const money = (minor: number) => formatMoney(minor, event.currency, locale, { wholeUnits: true })
	return (
		<section aria-labelledby="featured-event-heading" className="mx-auto max-w-6xl px-4 pt-14">
			<div className="grid overflow-hidden rounded-xl border border-stone-200 shadow-sm md:grid-cols-2">
				<img
					src={event.coverImage ?? '/images/kinds/challenge.svg'}
					alt={event.coverAlt ?? ''}
					width={1200}
					height={630}
					className="aspect-[1200/630] h-full w-full object-cover"
				/>
				<div className="p-6">
					<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">
						{eventKindLabel(event.kind)} · join us
					</p>
					<h2 id="featured-event-heading" className="mt-1 text-2xl font-bold">
						{event.name}
					</h2>
					<p className="mt-1 text-muted">
						{eventWhen(event, locale)} · {event.place}
					</p>
					<p className="mt-4">
						<span className="font-serif text-2xl font-bold">{money(event.raisedMinor)}</span>{' '}
						<span className="text-muted">
							raised of {money(event.goalMinor)} by {event.participantCount}{' '}
							{event.participantCount === 1 ? 'participant' : 'participants'}
						</span>
					</p>
					<div className="mt-2">
						<ProgressBar
							raisedMinor={event.raisedMinor}
							goalMinor={event.goalMinor}
							label={`${money(event.raisedMinor)} raised of ${money(event.goalMinor)}`}
						/>
					</div>
					<Link to={eventPath(event.slug)} className="btn-primary mt-5">
						See the event and join
					</Link>
				</div>
			</div>
		</section>
	)
}
