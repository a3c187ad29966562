import type { getClaim } from '#app/gift-aid/claims.server.ts'
import { StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { giftAidClaimStatusLabels } from '#app/utils/status-labels.ts'

type Claim = NonNullable<Awaited<ReturnType<typeof getClaim>>>

/** The batch's totals row: gifts claimed, adjustments, the Gift Aid asked for and what HMRC paid. */
export function ClaimSummary({ claim, locale }: { claim: Claim; locale: string }) {
	const money = (minor: number) => formatMoney(minor, claim.currency, locale)
	const [day, month, year] = claim.earliestDay ? claim.earliestDay.split('-').reverse() : []
	return (
		<section aria-labelledby="summary-heading" className="rounded-xl border border-stone-200 p-4 sm:p-5">
			<h2 id="summary-heading" className="text-2xl font-bold">
				Totals
			</h2>
			<dl className="mt-3 grid gap-x-6 gap-y-2 text-[15px] sm:grid-cols-[max-content_1fr]">
				<dt className="text-muted">Status</dt>
				<dd data-testid="claim-status">{giftAidClaimStatusLabels[claim.status]}</dd>
				<dt className="text-muted">Created</dt>
				<dd>
					<StaffTime value={claim.createdAt} locale={locale} />
				</dd>
				<dt className="text-muted">Gifts claimed</dt>
				<dd className="tabular-nums">
					{claim.gifts.toLocaleString(locale)} {claim.gifts === 1 ? 'gift' : 'gifts'}, {money(claim.claimedMinor)}{' '}
					given, Gift Aid {money(claim.claimedGiftAidMinor)}
				</dd>
				<dt className="text-muted">Adjustments</dt>
				<dd className="tabular-nums">
					{claim.adjustments === 0
						? 'None'
						: `${claim.adjustments.toLocaleString(locale)} refunded since claimed: ${money(-claim.adjustedGiftAidMinor)} of Gift Aid to give back`}
				</dd>
				<dt className="font-semibold">Gift Aid claimed</dt>
				<dd className="font-semibold tabular-nums" data-testid="claim-gift-aid">
					{money(claim.giftAidMinor)}
				</dd>
				<dt className="text-muted">Received</dt>
				<dd className="tabular-nums">
					{claim.paidMinor === null ? 'Not yet' : money(claim.paidMinor)}
					{claim.paidAt ? (
						<>
							{' '}
							on <StaffTime value={claim.paidAt} locale={locale} />
						</>
					) : null}
				</dd>
				{claim.earliestDay ? (
					<>
						<dt className="text-muted">Earliest gift</dt>
						<dd>
							{day}/{month}/{year?.slice(2)} (Charities Online asks for it)
						</dd>
					</>
				) : null}
				{claim.submissionReference ? (
					<>
						<dt className="text-muted">HMRC reference</dt>
						<dd className="wrap-anywhere">{claim.submissionReference}</dd>
					</>
				) : null}
			</dl>
		</section>
	)
}
