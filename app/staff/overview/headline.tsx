import { type ReactNode } from 'react'
import { StaffTime } from '#app/staff/staff-ui.tsx'
import type { OverviewFormat, OverviewPageData } from '#app/staff/overview/overview-format.ts'

type Overview = OverviewPageData['overview']

/** Whether the stored campaign totals agree with the money record; a loud warning when they do not. */
export function DriftNotice({ overview, format }: { overview: Overview; format: OverviewFormat }) {
	if (overview.moneyDrift === 0)
		return (
			<p className="flex items-center gap-2 text-sm text-emerald-900">
				<span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-emerald-600" />
				Campaign totals match the money record ({format.number(overview.campaignsChecked)} campaigns checked at{' '}
				<StaffTime value={overview.driftCheckedAt} locale={format.locale} />, no drift).
			</p>
		)
	return (
		<div role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-950">
			<p className="font-bold">
				Warning: the stored totals of {overview.moneyDrift} {overview.moneyDrift === 1 ? 'campaign do' : 'campaigns do'}{' '}
				not match the money record.
			</p>
			<p className="mt-1">
				The figures on this page come from the money record and are right; the totals shown on{' '}
				{overview.moneyDrift === 1 ? 'that campaign’s page' : 'those campaigns’ pages'} may not be. Ask a developer to
				run <code>npm run money:check</code>. Affected: {overview.driftSlugs.join(', ')}
				{overview.moneyDrift > overview.driftSlugs.length ? ' …' : ''}
			</p>
		</div>
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

/** The four figures at the top: raised, gifts, fundraisers and the share of campaigns with a gift. */
export function HeadlineFigures({
	overview,
	fallbackCurrency,
	format,
}: {
	overview: Overview
	/** The currency to show "nothing raised" in before the first gift. */
	fallbackCurrency: string
	format: OverviewFormat
}) {
	const { money, number, percent } = format
	const gifts = overview.money.reduce((sum, m) => sum + m.giftCount, 0)
	return (
		<section aria-labelledby="headline-heading">
			<h2 id="headline-heading" className="sr-only">
				Headline figures
			</h2>
			<dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
				<Figure label="Raised (after refunds)" note={overview.money.length === 0 ? 'No gifts yet' : null}>
					{overview.money.length === 0 ? (
						money(0, fallbackCurrency)
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
				share of published campaigns here that have at least one gift not refunded — the figure this platform exists to
				raise.
			</p>
		</section>
	)
}
