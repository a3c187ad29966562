import type { OverviewFormat, OverviewPageData } from '#app/staff/overview/overview-format.ts'
import { OverviewTable } from '#app/staff/overview/overview-table.tsx'

const armLabel = { coached: 'Coached', holdout: 'Hold-out', none: 'No arm recorded' } as const

/** The coached group beside the hold-out: what the coaching emails add. */
export function CoachingComparison({
	coaching,
	holdoutPercent,
	format,
}: {
	coaching: OverviewPageData['coaching']
	holdoutPercent: number
	format: OverviewFormat
}) {
	return (
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
			<CoachingTable coaching={coaching} format={format} />
			<p className="mt-2 text-sm text-muted">
				“People” counts everyone placed in the group, whether or not they went on to publish a campaign.
			</p>
		</section>
	)
}

function CoachingTable({ coaching, format }: { coaching: OverviewPageData['coaching']; format: OverviewFormat }) {
	const { money, number, percent } = format
	return (
		<OverviewTable
			label="Coaching comparison"
			wide
			columns={[
				'Group',
				'People',
				'Fundraisers',
				'Published campaigns',
				'With a gift',
				'Raised',
				'Median per campaign',
			]}
		>
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
		</OverviewTable>
	)
}
