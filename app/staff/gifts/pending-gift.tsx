import { type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { RejectForm } from '#app/staff/gifts/reject-form.tsx'
import type { listPendingOfflineGifts } from '#app/staff/offline-gifts.server.ts'
import { StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'

type PendingOfflineGift = Awaited<ReturnType<typeof listPendingOfflineGifts>>[number]

/** One gift waiting for staff: who gave what to which fundraiser, then confirm or reject. */
export function PendingGift({
	gift,
	locale,
	rejectResult,
}: {
	gift: PendingOfflineGift
	locale: string
	rejectResult?: SubmissionResult<string[]>
}) {
	const amount = formatMoney(gift.amountMinor, gift.currency, locale)
	return (
		<li className="rounded-xl border border-stone-200 p-4 sm:p-5">
			<div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
				<p className="min-w-0 text-lg font-semibold wrap-anywhere">{gift.donorName}</p>
				<p className="shrink-0 text-lg font-bold text-brand-dark">{amount}</p>
			</div>
			<dl className="mt-2 grid gap-x-4 gap-y-1 text-[15px] sm:grid-cols-[max-content_1fr]">
				<dt className="text-muted">Fundraiser</dt>
				<dd className="min-w-0 wrap-anywhere">
					<Link to={campaignPath(gift.campaignSlug)} className="text-brand underline">
						{gift.campaignTitle}
					</Link>{' '}
					by {gift.fundraiserName || 'a fundraiser'} ({gift.fundraiserEmail})
				</dd>
				<dt className="text-muted">Recorded</dt>
				<dd>
					<StaffTime value={gift.recordedAt} locale={locale} />
				</dd>
				<dt className="text-muted">Note</dt>
				<dd className="min-w-0 whitespace-pre-line wrap-anywhere">
					{gift.note || <span className="text-muted">No note</span>}
				</dd>
				{gift.giftAid ? (
					<>
						<dt className="text-muted">Gift Aid</dt>
						<dd className="min-w-0 wrap-anywhere">
							{gift.giftAid.excluded
								? 'Ticked, but the sponsor is the participant or family and the charity pays the costs: no Gift Aid.'
								: `Declared on the sponsorship form: ${gift.giftAid.name}, ${gift.giftAid.address}. Check it against the form.`}
						</dd>
					</>
				) : null}
			</dl>
			<div className="mt-4 flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:items-start">
				<Form method="post">
					<input type="hidden" name="intent" value="confirm" />
					<input type="hidden" name="donationId" value={gift.id} />
					<button type="submit" className="btn-primary w-full px-4 py-2 text-sm sm:w-auto">
						Confirm {amount}
						{gift.giftAid && !gift.giftAid.excluded ? ' with Gift Aid' : ''}
						<span className="sr-only"> from {gift.donorName}</span>
					</button>
				</Form>
				{gift.giftAid && !gift.giftAid.excluded ? (
					<Form method="post">
						<input type="hidden" name="intent" value="confirm" />
						<input type="hidden" name="donationId" value={gift.id} />
						<input type="hidden" name="giftAid" value="reject" />
						<button type="submit" className="btn-secondary w-full px-4 py-2 text-sm sm:w-auto">
							Confirm {amount} without Gift Aid
							<span className="sr-only"> from {gift.donorName}</span>
						</button>
					</Form>
				) : null}
				<RejectForm donationId={gift.id} donorName={gift.donorName} lastResult={rejectResult} />
			</div>
		</li>
	)
}

/** The gifts waiting for confirmation, oldest first. */
export function PendingGifts({
	gifts,
	locale,
	rejectResult,
}: {
	gifts: PendingOfflineGift[]
	locale: string
	rejectResult?: SubmissionResult<string[]>
}) {
	return (
		<section aria-labelledby="pending-heading">
			<h2 id="pending-heading" className="text-2xl font-bold">
				Waiting for confirmation ({gifts.length})
			</h2>
			{gifts.length === 0 ? (
				<p className="mt-2 text-muted">No offline gifts are waiting. Well done.</p>
			) : (
				<ul className="mt-4 space-y-4">
					{gifts.map((gift) => (
						<PendingGift key={gift.id} gift={gift} locale={locale} rejectResult={rejectResult} />
					))}
				</ul>
			)}
		</section>
	)
}
