import { Link } from '@remix-run/react'
import { type ReactNode } from 'react'
import type { GiftAidTotals } from '#app/gift-aid/claims.server.ts'
import { formatMoney } from '#app/utils/money.ts'

function Figure({ label, children, note }: { label: string; children: ReactNode; note: ReactNode }) {
	return (
		<div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:p-4">
			<dt className="text-sm font-medium text-muted">{label}</dt>
			<dd className="mt-1 text-xl font-bold tabular-nums text-ink sm:text-2xl">{children}</dd>
			<dd className="mt-1 text-sm text-muted">{note}</dd>
		</div>
	)
}

/** Gift Aid expected, claimed and received: on the Gift Aid page and the staff overview. */
export function GiftAidTotalsFigures({
	totals,
	locale,
	headingLevel = 'sr-only',
}: {
	totals: GiftAidTotals
	locale: string
	/** The overview shows the heading; the Gift Aid page's own title says it already. */
	headingLevel?: 'sr-only' | 'shown'
}) {
	const money = (minor: number) => formatMoney(minor, totals.currency, locale)
	return (
		<section aria-labelledby="gift-aid-totals-heading">
			<h2 id="gift-aid-totals-heading" className={headingLevel === 'shown' ? 'text-2xl font-bold' : 'sr-only'}>
				Gift Aid totals
			</h2>
			<dl className={`grid gap-3 sm:grid-cols-3 sm:gap-4 ${headingLevel === 'shown' ? 'mt-3' : ''}`}>
				<Figure label="Expected" note="On eligible gifts not yet sent to HMRC">
					{money(totals.expectedMinor)}
				</Figure>
				<Figure label="Claimed" note="In batches sent to HMRC, after adjustments">
					{money(totals.claimedMinor)}
				</Figure>
				<Figure label="Received" note="Paid by HMRC">
					{money(totals.receivedMinor)}
				</Figure>
			</dl>
			{headingLevel === 'shown' ? (
				<p className="mt-2">
					<Link to="/staff/gift-aid" className="text-brand underline">
						Claim Gift Aid from HMRC
					</Link>
				</p>
			) : null}
		</section>
	)
}
