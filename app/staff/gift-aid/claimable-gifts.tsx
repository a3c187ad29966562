import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { KeysetPage, listClaimableGifts } from '#app/gift-aid/claims.server.ts'
import { giftAidOn } from '#app/gift-aid/wording.ts'
import { KeysetNav } from '#app/staff/gift-aid/keyset-nav.tsx'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'

type Gift = Awaited<ReturnType<typeof listClaimableGifts>>['rows'][number]

/** Eligible gifts no batch holds yet, oldest first: what the next batch takes. */
export function ClaimableGifts({
	page,
	locale,
	pageLink,
	onLaterPage,
}: {
	page: KeysetPage<Gift>
	locale: string
	pageLink: (after: string | null) => string
	onLaterPage: boolean
}) {
	return (
		<section aria-labelledby="ready-heading">
			<h2 id="ready-heading" className="text-2xl font-bold">
				Ready to claim
			</h2>
			<p className="mt-1 text-muted">Eligible gifts past the refund window that no batch holds yet, oldest first.</p>
			<StaffTable
				label="Gifts ready to claim"
				minWidth="min-w-[44rem]"
				className="mt-3"
				columns={['Given', 'Donor', 'Postcode', 'Fundraiser', 'Net gift', 'Gift Aid']}
				rows={page.rows}
				rowKey={(gift) => gift.id}
				empty="No gifts are waiting to be claimed."
			>
				{(gift) => (
					<>
						<td className="p-3">
							<StaffTime value={gift.madeAt} locale={locale} />
						</td>
						<td className="p-3 wrap-anywhere">
							{gift.donorFirstName} {gift.donorLastName}
						</td>
						<td className="p-3">{gift.overseas ? 'Overseas' : gift.postcode}</td>
						<td className="p-3 wrap-anywhere">
							<Link to={campaignPath(gift.campaignSlug)} className="text-brand underline">
								{gift.campaignTitle}
							</Link>
						</td>
						<td className="p-3 tabular-nums">
							{formatMoney(Math.min(gift.netMinor, gift.amountMinor), gift.currency, locale)}
						</td>
						<td className="p-3 tabular-nums">
							{formatMoney(giftAidOn(Math.min(gift.netMinor, gift.amountMinor)), gift.currency, locale)}
						</td>
					</>
				)}
			</StaffTable>
			<KeysetNav label="Ready gift pages" next={page.next} onLaterPage={onLaterPage} hrefFor={pageLink} />
		</section>
	)
}
