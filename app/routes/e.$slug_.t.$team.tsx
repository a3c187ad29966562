import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { countdownText, RollupSummary } from '#app/components/event-page/event-summary.tsx'
import { qrLinksUnder, SharePanel } from '#app/components/share-panel.tsx'
import { loadTeamPage } from '#app/events/event-page.server.ts'
import { eventPath, eventWhen, teamPath } from '#app/events/kinds.ts'
import { formatMoney } from '#app/utils/money.ts'
import { publicPageHeaders } from '#app/utils/page-cache.ts'
import { type PageHandle } from '#app/utils/page-handle.ts'
import { daysUntil } from '#app/utils/time.ts'

export const handle: PageHandle = { hydrate: false }

export const headers = publicPageHeaders

export async function loader({ params }: LoaderFunctionArgs) {
	return loadTeamPage(params.slug ?? '', params.team ?? '')
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	if (!data) return [{ title: 'Team not found' }]
	const title = `${data.team.name} · ${data.event.name}`
	const description = `Sponsor ${data.team.name}, captained by ${data.team.captainName}, in ${data.event.name}.`
	return [
		{ title },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: data.url },
		{ property: 'og:type', content: 'website' },
		{ property: 'og:url', content: data.url },
		{ property: 'og:title', content: title },
		{ property: 'og:description', content: description },
		{ property: 'og:image', content: data.shareImage },
		{ property: 'og:image:width', content: '1200' },
		{ property: 'og:image:height', content: '630' },
		{ property: 'og:image:alt', content: `${data.team.name}: the team’s total against its goal` },
		{ name: 'twitter:card', content: 'summary_large_image' },
	]
}

export default function TeamPage() {
	const d = useLoaderData<typeof loader>()
	const { event, team } = d
	const money = (minor: number) => formatMoney(minor, event.currency, d.locale, { wholeUnits: true })
	const countdown = countdownText(daysUntil(event.day, new Date(d.now)))
	return (
		<article className="mx-auto max-w-6xl px-4 py-10">
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">
				Team in{' '}
				<Link to={eventPath(event.slug)} className="underline">
					{event.name}
				</Link>
			</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{team.name}</h1>
			<p className="mt-2 text-muted">
				Captain: {team.captainName} ·{' '}
				<time dateTime={new Date(event.startsAt).toISOString()}>{eventWhen(event, d.locale)}</time> · {event.place}
			</p>
			{countdown ? <p className="mt-1 font-semibold">{countdown}</p> : null}
			{/* On a phone the total and the two buttons come first. */}
			<div className="mt-8 grid gap-8 lg:grid-cols-3 lg:gap-10">
				<aside className="min-w-0 lg:col-start-3 lg:row-start-1" aria-label="Team total and taking part">
					<RollupSummary
						testId="team-raised"
						raisedMinor={d.totals.raisedMinor}
						giftAidMinor={d.totals.giftAidMinor}
						goalMinor={team.goalMinor}
						counts={[
							{ n: d.members.length, one: 'member', many: 'members' },
							{ n: d.totals.donorCount, one: 'donor', many: 'donors' },
						]}
						money={money}
						joinHref={teamPath(event.slug, team.slug, 'join')}
						joinLabel="Join this team"
						registrationProblem={d.registrationProblem}
						giftPage={d.giftPage}
						donateLabel="Donate to the team"
					/>
				</aside>
				<section aria-labelledby="members" className="min-w-0 lg:col-span-2 lg:row-span-2 lg:row-start-1">
					<h2 id="members" className="text-xl font-bold">
						Members
					</h2>
					{d.members.length === 0 ? (
						<p className="mt-3 text-muted">No members yet.</p>
					) : (
						<ol className="mt-3 divide-y divide-stone-200" data-testid="team-members">
							{d.members.map((m, i) => (
								<li key={m.slug} className="flex items-baseline gap-3 py-2">
									<span className="w-6 shrink-0 text-right font-semibold text-muted">{i + 1}</span>
									<Link to={campaignPath(m.slug)} className="min-w-0 flex-1 font-semibold underline">
										{m.name || m.title}
									</Link>
									<span className="shrink-0 font-semibold">{money(m.raisedMinor)}</span>
								</li>
							))}
						</ol>
					)}
				</section>
				<div className="min-w-0 lg:col-start-3 lg:row-start-2">
					<SharePanel
						url={d.url}
						title={`${team.name} · ${event.name}`}
						qr={qrLinksUnder(teamPath(event.slug, team.slug))}
						widgetUrl={d.widgetUrl}
						heading="Share this team"
						text={`Please support ${team.name} at ${event.name}:`}
					/>
				</div>
			</div>
		</article>
	)
}
