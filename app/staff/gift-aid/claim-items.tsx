import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { KeysetPage, listClaimItems } from '#app/gift-aid/claims.server.ts'
import { KeysetNav } from '#app/staff/gift-aid/keyset-nav.tsx'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'

type Item = Awaited<ReturnType<typeof listClaimItems>>['rows'][number]

/** What the batch holds: each gift claimed, and each adjustment for a gift refunded since an earlier claim. */
export function ClaimItems({
	page,
	locale,
	onLaterPage,
	pageLink,
}: {
	page: KeysetPage<Item>
	locale: string
	onLaterPage: boolean
	pageLink: (after: string | null) => string
}) {
	return (
		<section aria-labelledby="items-heading">
			<h2 id="items-heading" className="text-2xl font-bold">
				Gifts in this batch
			</h2>
			<StaffTable
				label="Gifts in this batch"
				minWidth="min-w-[44rem]"
				className="mt-3"
				columns={['Given', 'Donor', 'Fundraiser', 'Kind', 'Amount', 'Gift Aid']}
				rows={page.rows}
				rowKey={(item) => item.id}
				empty="This batch holds no gifts."
			>
				{(item) => (
					<>
						<td className="p-3">
							<StaffTime value={item.madeAt} locale={locale} />
						</td>
						<td className="p-3 wrap-anywhere">
							{item.donorFirstName} {item.donorLastName}
						</td>
						<td className="p-3 wrap-anywhere">
							<Link to={campaignPath(item.campaignSlug)} className="text-brand underline">
								{item.campaignTitle}
							</Link>
						</td>
						<td className="p-3">{item.kind === 'claim' ? 'Claimed' : 'Adjustment (refunded since claimed)'}</td>
						<td className="p-3 tabular-nums">{formatMoney(item.itemAmountMinor, item.currency, locale)}</td>
						<td className="p-3 tabular-nums">{formatMoney(item.giftAidMinor, item.currency, locale)}</td>
					</>
				)}
			</StaffTable>
			<KeysetNav label="Batch gift pages" next={page.next} onLaterPage={onLaterPage} hrefFor={pageLink} />
		</section>
	)
}
