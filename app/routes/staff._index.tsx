import { ScrollTable } from '#app/staff/staff-ui.tsx'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'
import type { CampaignStatus } from '#db/schema.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { requireStaff } from '#app/people/session.server.ts'
import { keptOverviewPageData } from '#app/staff/reporting.server.ts'
import { TrendChart } from '#app/staff/trend-chart.tsx'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	return keptOverviewPageData()
}

export const meta: MetaFunction = () => [{ title: 'Overview · Staff' }, { name: 'robots', content: 'noindex' }]

const emailStatusLabel = {
	scheduled: 'Scheduled (waiting for their time)',
	cancelled: 'Cancelled (sequence stopped or opted out)',
	queued: 'Queued',
	sent: 'Sent',
	delivered: 'Delivered',
	bounced: 'Bounced',
	failed: 'Failed after every retry',
	suppressed: 'Not sent (address suppressed)',
} as const
const armLabel = { coached: 'Coached', holdout: 'Hold-out', none: 'No arm recorded' } as const

/** An overview table in the shared scrolling box; amounts (right-aligned cells) never wrap, so a phone shows whole figures. */
function OverviewTable({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
	return (
		<ScrollTable label={`${label} (table)`} scrollHint={wide} className="mt-2">
			<table className="w-full border-collapse text-left text-sm [&_.text-right]:whitespace-nowrap [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_thead_th]:bg-stone-50 [&_thead_th]:font-semibold [&_tbody_tr]:border-t [&_tbody_tr]:border-stone-200">
				{children}
			</table>
		</ScrollTable>
	)
}

function Figure({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
	return (
		<div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:p-4">
			<dt className="text-sm font-medium text-muted">{label}</dt>
			<dd className="mt-1 text-xl font-bold tabular-nums text-ink sm:text-2xl">{children}</dd>
			{note ? <dd className="mt-1 text-sm text-muted">{note}</dd> : null}
		</div>
	)
}

export default function StaffOverview() {
	const { overview, top, coaching, trends, holdoutPercent, locale, generatedAt } = useLoaderData<typeof loader>()
	const money = (minor: number, currency: string) => formatMoney(minor, currency, locale)
	const percent = (share: number | null) =>
		share === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share)
	const number = (n: number) => new Intl.NumberFormat(locale).format(n)
	const asOf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
		new Date(generatedAt),
	)
	const gifts = overview.money.reduce((sum, m) => sum + m.giftCount, 0)

	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Overview</h1>
				<p className="mt-1 text-muted">
					Every amount is added up from the money record (each gift, refund and dispute), as of {asOf} UTC. Currencies
					are never added together.
				</p>
			</header>

			{overview.moneyDrift > 0 ? (
				<div role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-950">
					<p className="font-bold">
						Warning: the stored totals of {overview.moneyDrift}{' '}
						{overview.moneyDrift === 1 ? 'campaign do' : 'campaigns do'} not match the money record.
					</p>
					<p className="mt-1">
						The figures on this page come from the money record and are right; the totals shown on{' '}
						{overview.moneyDrift === 1 ? 'that campaign’s page' : 'those campaigns’ pages'} may not be. Ask a developer
						to run <code>npm run money:check</code>. Affected: {overview.driftSlugs.join(', ')}
						{overview.moneyDrift > overview.driftSlugs.length ? ' …' : ''}
					</p>
				</div>
			) : (
				<p className="flex items-center gap-2 text-sm text-emerald-900">
					<span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-emerald-600" />
					Campaign totals match the money record ({number(overview.campaignsChecked)} campaigns checked at{' '}
					{new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(
						new Date(overview.driftCheckedAt),
					)}{' '}
					UTC, no drift).
				</p>
			)}

			<section aria-labelledby="headline-heading">
				<h2 id="headline-heading" className="sr-only">
					Headline figures
				</h2>
				<dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
					<Figure label="Raised (after refunds)" note={overview.money.length === 0 ? 'No gifts yet' : null}>
						{overview.money.length === 0 ? (
							money(0, trends[0]!.currency)
						) : (
							<ul>
								{overview.money.map((m) => (
									<li key={m.currency}>{money(m.raisedMinor, m.currency)}</li>
								))}
							</ul>
						)}
					</Figure>
					<Figure label="Gifts received">{number(gifts)}</Figure>
					<Figure label="Fundraisers" note={`${number(overview.publishedCampaigns)} published campaigns`}>
						{number(overview.fundraisers)}
					</Figure>
					<Figure
						label="Campaigns with a gift"
						note={`${number(overview.campaignsWithGift)} of ${number(overview.publishedCampaigns)} published campaigns`}
					>
						{percent(overview.shareWithGift)}
					</Figure>
				</dl>
				<p className="mt-3 max-w-3xl text-sm text-muted">
					Across peer-to-peer fundraising about 3 in 4 participants raise nothing at all. “Campaigns with a gift” is the
					share of published campaigns here that have at least one gift not refunded — the figure this platform exists
					to raise.
				</p>
			</section>

			{overview.money.length > 0 ? (
				<section aria-labelledby="money-heading">
					<h2 id="money-heading" className="text-xl font-bold">
						Money by currency
					</h2>
					<OverviewTable label="Money by currency" wide>
						<thead>
							<tr>
								<th scope="col">Currency</th>
								<th scope="col" className="text-right">
									Raised (net)
								</th>
								<th scope="col" className="text-right">
									Gifts
								</th>
								<th scope="col" className="text-right">
									Given (before refunds)
								</th>
								<th scope="col" className="text-right">
									Average gift
								</th>
								<th scope="col" className="text-right">
									Refunded
								</th>
								<th scope="col" className="text-right">
									Lost to disputes
								</th>
								<th scope="col" className="text-right">
									Disputes won back
								</th>
							</tr>
						</thead>
						<tbody className="tabular-nums">
							{overview.money.map((m) => (
								<tr key={m.currency}>
									<th scope="row">{m.currency}</th>
									<td className="text-right font-semibold">{money(m.raisedMinor, m.currency)}</td>
									<td className="text-right">{number(m.giftCount)}</td>
									<td className="text-right">{money(m.grossGiftsMinor, m.currency)}</td>
									<td className="text-right">{money(m.averageGiftMinor, m.currency)}</td>
									<td className="text-right">{money(m.refundedMinor, m.currency)}</td>
									<td className="text-right">{money(m.disputedMinor, m.currency)}</td>
									<td className="text-right">{money(m.reinstatedMinor, m.currency)}</td>
								</tr>
							))}
						</tbody>
					</OverviewTable>
				</section>
			) : null}

			<section aria-labelledby="trend-heading">
				<h2 id="trend-heading" className="text-xl font-bold">
					The last 30 days
				</h2>
				<p className="mt-1 text-sm text-muted">
					Net amount each day (UTC): gifts minus refunds and disputes. A red bar is a day when more went out than came
					in.
				</p>
				<div className="mt-4 space-y-8">
					{trends.map((trend) => (
						<div key={trend.currency}>
							{trends.length > 1 ? <h3 className="mb-2 text-base font-semibold">{trend.currency}</h3> : null}
							<TrendChart days={trend.days} currency={trend.currency} locale={locale} />
						</div>
					))}
				</div>
			</section>

			<section aria-labelledby="top-heading">
				<h2 id="top-heading" className="text-xl font-bold">
					Top campaigns
				</h2>
				{top.length === 0 ? (
					<p className="mt-2 text-muted">No campaign has raised money yet.</p>
				) : (
					<OverviewTable label="Top campaigns" wide>
						<thead>
							<tr>
								<th scope="col">Campaign</th>
								<th scope="col">Fundraiser</th>
								<th scope="col">Status</th>
								<th scope="col" className="text-right">
									Raised
								</th>
								<th scope="col" className="text-right">
									Goal
								</th>
								<th scope="col" className="text-right">
									Donors
								</th>
							</tr>
						</thead>
						<tbody className="tabular-nums">
							{top.map((c) => (
								<tr key={c.id}>
									<th scope="row" className="min-w-48 font-normal">
										{c.status === 'active' || c.status === 'ended' ? (
											<Link to={campaignPath(c.slug)} className="font-medium text-brand underline">
												{c.title}
											</Link>
										) : (
											c.title
										)}
									</th>
									<td>{c.ownerName || '—'}</td>
									<td>{campaignStatusLabels[c.status]}</td>
									<td className="text-right font-semibold">{money(c.raisedMinor, c.currency)}</td>
									<td className="text-right">{money(c.goalMinor, c.currency)}</td>
									<td className="text-right">{number(c.donors)}</td>
								</tr>
							))}
						</tbody>
					</OverviewTable>
				)}
			</section>

			<div className="grid gap-10 md:grid-cols-2">
				<section aria-labelledby="status-heading">
					<h2 id="status-heading" className="text-xl font-bold">
						Campaigns by status
					</h2>
					<OverviewTable label="Campaigns by status">
						<thead>
							<tr>
								<th scope="col">Status</th>
								<th scope="col" className="text-right">
									Campaigns
								</th>
							</tr>
						</thead>
						<tbody className="tabular-nums">
							{(Object.keys(campaignStatusLabels) as CampaignStatus[]).map((status) => (
								<tr key={status}>
									<th scope="row" className="font-normal">
										{campaignStatusLabels[status]}
									</th>
									<td className="text-right">{number(overview.campaignsByStatus[status])}</td>
								</tr>
							))}
						</tbody>
					</OverviewTable>
				</section>
				<section aria-labelledby="email-heading">
					<h2 id="email-heading" className="text-xl font-bold">
						Emails by status
					</h2>
					<OverviewTable label="Emails by status">
						<thead>
							<tr>
								<th scope="col">Status</th>
								<th scope="col" className="text-right">
									Emails
								</th>
							</tr>
						</thead>
						<tbody className="tabular-nums">
							{(Object.keys(emailStatusLabel) as (keyof typeof emailStatusLabel)[]).map((status) => {
								const n = overview.emailsByStatus[status]
								const problem = (status === 'failed' || status === 'bounced') && n > 0
								return (
									<tr key={status} className={problem ? 'bg-red-50' : undefined}>
										<th scope="row" className="font-normal">
											{emailStatusLabel[status]}
										</th>
										<td className={`text-right ${problem ? 'font-bold text-red-800' : ''}`}>{number(n)}</td>
									</tr>
								)
							})}
						</tbody>
					</OverviewTable>
				</section>
			</div>

			<section aria-labelledby="coaching-heading">
				<h2 id="coaching-heading" className="text-xl font-bold">
					Do the coaching emails work?
				</h2>
				<div className="mt-2 max-w-3xl space-y-2 text-sm">
					<p>
						Each new fundraiser is put in one of two groups once, at their first sign-up or campaign. The{' '}
						<strong>coached</strong> group gets the onboarding and coaching emails; the <strong>hold-out</strong> group
						gets only the emails they must have (receipts, sign-in codes). Comparing the two shows what coaching adds.
						People who joined before the groups existed have no arm recorded.
					</p>
					<p>
						{holdoutPercent > 0
							? `Right now ${holdoutPercent}% of new fundraisers are held out (the COACHING_HOLDOUT_PERCENT setting).`
							: 'The hold-out is switched off (COACHING_HOLDOUT_PERCENT is 0), so everyone new is coached and there is nothing to compare against yet.'}{' '}
						Small groups differ by chance: treat a difference as real only once each group has at least a hundred or so
						fundraisers.
					</p>
				</div>
				<OverviewTable label="Coaching comparison" wide>
					<thead>
						<tr>
							<th scope="col">Group</th>
							<th scope="col" className="text-right">
								People
							</th>
							<th scope="col" className="text-right">
								Fundraisers
							</th>
							<th scope="col" className="text-right">
								Published campaigns
							</th>
							<th scope="col" className="text-right">
								With a gift
							</th>
							<th scope="col" className="text-right">
								Raised
							</th>
							<th scope="col" className="text-right">
								Median per campaign
							</th>
						</tr>
					</thead>
					<tbody className="tabular-nums">
						{coaching.map((arm) => (
							<tr key={arm.arm}>
								<th scope="row">{armLabel[arm.arm]}</th>
								<td className="text-right">{arm.members === null ? '—' : number(arm.members)}</td>
								<td className="text-right">{number(arm.fundraisers)}</td>
								<td className="text-right">{number(arm.campaigns)}</td>
								<td className="text-right">
									{percent(arm.shareWithGift)}
									{arm.campaigns > 0 ? <span className="text-muted"> ({number(arm.campaignsWithGift)})</span> : null}
								</td>
								<td className="text-right">
									{arm.raised.length === 0
										? '—'
										: arm.raised.map((r) => <div key={r.currency}>{money(r.raisedMinor, r.currency)}</div>)}
								</td>
								<td className="text-right">
									{arm.raised.length === 0
										? '—'
										: arm.raised.map((r) => <div key={r.currency}>{money(r.medianMinor, r.currency)}</div>)}
								</td>
							</tr>
						))}
					</tbody>
				</OverviewTable>
				<p className="mt-2 text-sm text-muted">
					“People” counts everyone placed in the group, whether or not they went on to publish a campaign.
				</p>
			</section>

			<section aria-labelledby="exports-heading">
				<h2 id="exports-heading" className="text-xl font-bold">
					Exports
				</h2>
				<p className="mt-1 max-w-3xl text-sm text-muted">
					Spreadsheet files (CSV) with amounts as exact decimals and a currency column. The donations file holds donors’
					names and email addresses: keep it somewhere safe and delete it when you are done.
				</p>
				<ul className="mt-3 flex flex-col gap-3 sm:flex-row">
					<li>
						<a href="/staff/exports/donations.csv" download className="btn-secondary">
							Download all donations (CSV)
						</a>
					</li>
					<li>
						<a href="/staff/exports/campaigns.csv" download className="btn-secondary">
							Download all campaigns (CSV)
						</a>
					</li>
				</ul>
				<form method="get" action="/staff/exports/donations.csv" className="mt-5 flex flex-wrap items-end gap-3">
					<div>
						<label htmlFor="export-from" className="field-label">
							Donations from
						</label>
						<input id="export-from" name="from" type="date" className="field-input" />
					</div>
					<div>
						<label htmlFor="export-to" className="field-label">
							to (inclusive)
						</label>
						<input id="export-to" name="to" type="date" className="field-input" />
					</div>
					<button type="submit" className="btn-secondary">
						Download these dates
					</button>
				</form>
			</section>
		</div>
	)
}
