import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FundraiserBoard, TeamBoard } from '#app/components/event-page/event-boards.tsx'
import { RecentEventGifts } from '#app/components/event-page/event-gifts.tsx'
import { EventSearch } from '#app/components/event-page/event-search.tsx'
import { countdownText, RollupSummary } from '#app/components/event-page/event-summary.tsx'
import { qrLinksUnder, SharePanel } from '#app/components/share-panel.tsx'
import { loadEventPage } from '#app/events/event-page.server.ts'
import { eventKindLabel, eventPath, eventWhen } from '#app/events/kinds.ts'
import { formatMoney } from '#app/utils/money.ts'
import { publicPageHeaders } from '#app/utils/page-cache.ts'
import { type PageHandle } from '#app/utils/page-handle.ts'
import { daysUntil } from '#app/utils/time.ts'

// Plain HTML (links and GET forms): people land here from a shared link on a phone.
export const handle: PageHandle = { hydrate: false }

export const headers = publicPageHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadEventPage(params.slug ?? '', new URL(request.url))
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	if (!data) return [{ title: 'Event not found' }]
	const { event, url, shareImage } = data
	const description = `${eventKindLabel(event.kind)} · ${event.place}. Join ${event.name}, or sponsor someone taking part.`
	return [
		{ title: event.name },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: url },
		{ property: 'og:type', content: 'website' },
		{ property: 'og:url', content: url },
		{ property: 'og:title', content: event.name },
		{ property: 'og:description', content: description },
		{ property: 'og:image', content: shareImage },
		{ property: 'og:image:width', content: '1200' },
		{ property: 'og:image:height', content: '630' },
		{ property: 'og:image:alt', content: `${event.name}: the total raised against its goal` },
		{ name: 'twitter:card', content: 'summary_large_image' },
	]
}

export default function EventPage() {
	const d = useLoaderData<typeof loader>()
	const { event } = d
	const money = (minor: number) => formatMoney(minor, event.currency, d.locale, { wholeUnits: true })
	const countdown = countdownText(daysUntil(event.day, new Date(d.now)))
	const boardHref = (board: 'fp' | 'tp') => (page: number) => {
		const pages = { fp: String(d.boardPages.fp), tp: String(d.boardPages.tp), [board]: String(page) }
		return `${eventPath(event.slug)}?${new URLSearchParams(pages).toString()}`
	}
	return (
		<article className="mx-auto max-w-6xl px-4 py-10">
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">{eventKindLabel(event.kind)}</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{event.name}</h1>
			<p className="mt-2 text-muted">
				<time dateTime={new Date(event.startsAt).toISOString()}>{eventWhen(event, d.locale)}</time> · {event.place}
				{event.mapUrl ? (
					<>
						{' '}
						(
						<a href={event.mapUrl} className="underline" rel="noopener noreferrer">
							map
						</a>
						)
					</>
				) : null}
			</p>
			{countdown ? (
				<p className="mt-1 font-semibold" data-testid="event-countdown">
					{countdown}
				</p>
			) : null}
			{/* On a phone the total and the two buttons come first; on a wide screen they sit in the side column. */}
			<div className="mt-8 grid gap-8 lg:grid-cols-3 lg:gap-10">
				<aside className="min-w-0 lg:col-start-3 lg:row-start-1" aria-label="Event total and taking part">
					<RollupSummary
						testId="event-raised"
						raisedMinor={d.totals.raisedMinor}
						giftAidMinor={d.totals.giftAidMinor}
						goalMinor={event.goalMinor}
						counts={[
							{ n: d.participantCount, one: 'participant', many: 'participants' },
							{ n: d.teamCount, one: 'team', many: 'teams' },
							{ n: d.totals.donorCount, one: 'donor', many: 'donors' },
						]}
						money={money}
						joinHref={eventPath(event.slug, 'join')}
						joinLabel="Join this event"
						registrationProblem={d.registrationProblem}
						giftPage={d.giftPage}
						donateLabel="Donate to the event"
					/>
				</aside>
				<div className="min-w-0 space-y-8 lg:col-span-2 lg:row-span-2 lg:row-start-1">
					<img
						src={event.coverImage ?? '/images/kinds/challenge.svg'}
						alt={event.coverAlt ?? ''}
						width={1200}
						height={630}
						className="aspect-[1200/630] w-full rounded-xl object-cover"
					/>
					<EventSearch eventSlug={event.slug} found={d.search} />
					<div className="prose-story text-lg" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
					<div className="grid gap-6 md:grid-cols-2">
						<FundraiserBoard rows={d.fundraisers} page={d.boardPages.fp} hrefFor={boardHref('fp')} money={money} />
						<TeamBoard
							eventSlug={event.slug}
							rows={d.topTeams}
							page={d.boardPages.tp}
							hrefFor={boardHref('tp')}
							money={money}
						/>
					</div>
				</div>
				<div className="min-w-0 space-y-6 lg:col-start-3 lg:row-start-2">
					<SharePanel
						url={d.url}
						title={event.name}
						qr={qrLinksUnder(eventPath(event.slug))}
						widgetUrl={d.widgetUrl}
						heading="Share this event"
						text={`Please support ${event.name}, fundraising to stop trafficking:`}
					/>
					<RecentEventGifts
						eventSlug={event.slug}
						gifts={d.recentGifts}
						money={money}
						locale={d.locale}
						now={new Date(d.now)}
					/>
				</div>
			</div>
			<p className="mt-12 border-t border-stone-200 pt-4 text-sm">
				<Link to="/" className="text-muted underline hover:text-ink">
					More ways to fundraise
				</Link>
			</p>
		</article>
	)
}
