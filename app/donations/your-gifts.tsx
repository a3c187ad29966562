import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { Pagination } from '#app/components/pagination.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { donationStatusLabels } from '#app/utils/status-labels.ts'
import { type DonationStatus } from '#db/schema.ts'

/** One gift as the loader sends it (dates arrive as strings). */
type GiftRow = {
	id: string
	campaignTitle: string
	campaignSlug: string | null
	amountMinor: number
	coverFeeMinor: number
	refundedMinor: number
	currency: string
	status: DonationStatus
	givenAt: string | Date
}

export type YourGiftsData = { gifts: GiftRow[]; page: number; pageCount: number; total: number; locale: string }

/** The account page's list of the person's own gifts (those they gave while signed in), newest first. */
export function YourGifts({ data }: { data: YourGiftsData }) {
	const { gifts, page, pageCount, total, locale } = data
	return (
		<section aria-labelledby="gifts-heading" className="rounded-xl bg-white p-6 shadow-sm">
			<h2 id="gifts-heading" className="text-xl font-bold">
				Your gifts {total > 0 ? <span className="text-base font-normal text-muted">({total})</span> : null}
			</h2>
			{gifts.length === 0 ? (
				<p className="mt-2 text-muted">
					Gifts you make while signed in are listed here, with their receipts’ amounts and any refunds.
				</p>
			) : (
				<ul className="mt-4 divide-y divide-stone-200">
					{gifts.map((gift) => (
						<li key={gift.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3">
							<div className="min-w-0">
								<p className="font-semibold wrap-anywhere">
									{gift.campaignSlug ? (
										<Link to={campaignPath(gift.campaignSlug)} className="text-brand underline">
											{gift.campaignTitle}
										</Link>
									) : (
										gift.campaignTitle
									)}
								</p>
								<p className="text-sm text-muted">
									<time dateTime={new Date(gift.givenAt).toISOString()}>{giftDate(gift.givenAt, locale)}</time>
									{' · '}
									{donationStatusLabels[gift.status]}
								</p>
							</div>
							<div className="text-right">
								<p className="font-bold">{formatMoney(gift.amountMinor, gift.currency, locale)}</p>
								{gift.coverFeeMinor > 0 ? (
									<p className="text-sm text-muted">
										+ {formatMoney(gift.coverFeeMinor, gift.currency, locale)} towards fees
									</p>
								) : null}
								{gift.refundedMinor > 0 ? (
									<p className="text-sm text-muted">
										{formatMoney(gift.refundedMinor, gift.currency, locale)} refunded
									</p>
								) : null}
							</div>
						</li>
					))}
				</ul>
			)}
			<Pagination
				label="Your gifts"
				page={page}
				pageCount={pageCount}
				hrefFor={(p) => `/account?page=${p}#gifts-heading`}
				className="mt-4"
			/>
		</section>
	)
}

// In UTC, so the page the server renders and the one the browser hydrates agree.
function giftDate(value: string | Date, locale: string) {
	return new Date(value).toLocaleDateString(locale, {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC',
	})
}
