import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { KeysetPage, listAdjustmentsDue } from '#app/gift-aid/claims.server.ts'
import { giftAidOn } from '#app/gift-aid/wording.ts'
import { KeysetNav } from '#app/staff/gift-aid/keyset-nav.tsx'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'

type Adjustment = Awaited<ReturnType<typeof listAdjustmentsDue>>['rows'][number]

/** Claimed gifts refunded (or lost to a dispute) since: the next batch gives their Gift Aid back. */
export function AdjustmentsDue({
	page,
	locale,
	pageLink,
	onLaterPage,
}: {
	page: KeysetPage<Adjustment>
	locale: string
	pageLink: (after: string | null) => string
	onLaterPage: boolean
}) {
	if (page.rows.length === 0 && !onLaterPage) return null
	return (
		<section aria-labelledby="adjustments-heading">
			<h2 id="adjustments-heading" className="text-2xl font-bold">
				Adjustments for the next claim
			</h2>
			<p className="mt-1 text-muted">
				Gifts already claimed that were refunded or lost to a bank dispute since. The next batch carries an adjustment
				for each: the Gift Aid to give back, which you enter as the claim’s adjustment in Charities Online.
			</p>
			<StaffTable
				label="Adjustments due"
				minWidth="min-w-[44rem]"
				className="mt-3"
				columns={['Given', 'Donor', 'Fundraiser', 'Claimed on', 'Now gives', 'Gift Aid to give back']}
				rows={page.rows}
				rowKey={(gift) => gift.id}
			>
				{(gift) => {
					const still = Math.max(0, gift.netMinor)
					return (
						<>
							<td className="p-3">
								<StaffTime value={gift.madeAt} locale={locale} />
							</td>
							<td className="p-3 wrap-anywhere">
								{gift.donorFirstName} {gift.donorLastName}
							</td>
							<td className="p-3 wrap-anywhere">
								<Link to={campaignPath(gift.campaignSlug)} className="text-brand underline">
									{gift.campaignTitle}
								</Link>
							</td>
							<td className="p-3 tabular-nums">{formatMoney(gift.claimedMinor, gift.currency, locale)}</td>
							<td className="p-3 tabular-nums">{formatMoney(still, gift.currency, locale)}</td>
							<td className="p-3 tabular-nums">
								{formatMoney(giftAidOn(gift.claimedMinor) - giftAidOn(still), gift.currency, locale)}
							</td>
						</>
					)
				}}
			</StaffTable>
			<KeysetNav label="Adjustment pages" next={page.next} onLaterPage={onLaterPage} hrefFor={pageLink} />
		</section>
	)
}
