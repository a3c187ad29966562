import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { GiftAidAdded } from '#app/components/gift-aid-added.tsx'

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** Days to go, "Today!", or nothing once the day has passed. */
export function countdownText(days: number): string | null {
	if (days > 1) return `${days} days to go`
	if (days === 1) return 'Tomorrow!'
	if (days === 0) return 'Today!'
	return null
}

/**
 * An event's (or a team's) total against its goal, its counts, and the two
 * things people come to do: join, or give.
 */
export function RollupSummary({
	testId,
	raisedMinor,
	giftAidMinor,
	goalMinor,
	counts,
	money,
	joinHref,
	joinLabel,
	registrationProblem,
	giftPage,
	donateLabel,
}: {
	testId: string
	raisedMinor: number
	/** Gift Aid on the eligible gifts (0: none, or not offered). */
	giftAidMinor: number
	goalMinor: number
	counts: { n: number; one: string; many: string }[]
	money: (minor: number) => string
	joinHref: string
	joinLabel: string
	registrationProblem: string | null
	giftPage: { slug: string; takingGifts: boolean } | null
	donateLabel: string
}) {
	return (
		<div className="rounded-xl border border-stone-200 p-6 shadow-sm">
			<p className="font-serif text-3xl font-bold" data-testid={testId}>
				{money(raisedMinor)}
			</p>
			<p className="text-muted">raised of {money(goalMinor)} goal</p>
			{giftAidMinor > 0 ? (
				<p className="mt-1">
					<GiftAidAdded giftAidMinor={giftAidMinor} money={money} testId={`${testId}-gift-aid`} />
				</p>
			) : null}
			<div className="mt-4">
				<ProgressBar
					raisedMinor={raisedMinor}
					goalMinor={goalMinor}
					label={`${money(raisedMinor)} raised of ${money(goalMinor)}`}
				/>
			</div>
			<ul className="mt-3 flex flex-wrap gap-x-4 text-sm text-muted">
				{counts.map((c) => (
					<li key={c.many}>{plural(c.n, c.one, c.many)}</li>
				))}
			</ul>
			<div className="mt-5 flex flex-col gap-3">
				{registrationProblem ? (
					<p className="text-sm">{registrationProblem}</p>
				) : (
					<Link to={joinHref} className="btn-primary w-full">
						{joinLabel}
					</Link>
				)}
				{giftPage?.takingGifts ? (
					<Link to={campaignPath(giftPage.slug, 'donate')} className="btn-secondary w-full">
						{donateLabel}
					</Link>
				) : null}
			</div>
		</div>
	)
}
