import { type SubmissionResult } from '@conform-to/react'
import { type listCampaignDonationsForOwner } from '#app/campaigns/manage.server.ts'
import { donationStatusLabels, takenBackStatuses } from '#app/utils/status-labels.ts'
import { formatMoney } from '#app/utils/money.ts'
import { GiftAidAdded } from '#app/components/gift-aid-added.tsx'
import { ThankDonorForm, ThanksRefusal } from './thank-donor-form.tsx'

type OwnerDonation = Awaited<ReturnType<typeof listCampaignDonationsForOwner>>[number]

type Props = {
	donations: OwnerDonation[]
	currency: string
	locale: string
	/** The page's one-time token for the thank-you forms. */
	thankToken: string
	/** The last thank-you's result; each gift's form picks out its own. */
	thankResult?: SubmissionResult<string[]>
}

/** Every gift to the fundraiser, newest first, each with its thank-you form. */
export function DonationList({ donations, ...entry }: Props) {
	return (
		<section aria-labelledby="donations-heading">
			<h2 id="donations-heading" className="text-2xl font-bold">
				Donations
			</h2>
			{donations.length === 0 ? (
				<p className="mt-2 text-muted">No donations yet. Tip: give first yourself, then ask five people personally.</p>
			) : (
				<ul className="mt-3 divide-y divide-stone-200 rounded-xl border border-stone-200">
					{donations.map((donation) => (
						<DonationEntry key={donation.id} donation={donation} {...entry} />
					))}
				</ul>
			)}
		</section>
	)
}

function DonationEntry({
	donation,
	currency,
	locale,
	thankToken,
	thankResult,
}: Omit<Props, 'donations'> & { donation: OwnerDonation }) {
	const money = (minor: number) => formatMoney(minor, currency, locale)
	return (
		<li className="space-y-1 p-4">
			<p className="flex justify-between gap-3">
				<span className="min-w-0 font-semibold wrap-anywhere">
					{donation.donorName}
					{donation.anonymous ? <span className="font-normal text-muted"> (shown as Anonymous)</span> : null}
				</span>
				<span className="shrink-0 text-right">
					<span className="font-semibold text-brand-dark">{money(donation.amountMinor)}</span>
					{donation.giftAidMinor > 0 ? (
						<>
							{' '}
							<GiftAidAdded
								giftAidMinor={donation.giftAidMinor}
								money={money}
								testId="donation-gift-aid"
								className="text-sm text-brand"
							/>
						</>
					) : null}
				</span>
			</p>
			<p className="text-sm text-muted wrap-anywhere">
				{new Date(donation.succeededAt ?? donation.createdAt).toLocaleDateString(locale, {
					day: 'numeric',
					month: 'short',
					year: 'numeric',
				})}
				{donation.channel === 'offline' ? ' · cash or cheque' : ' · online'}
				{donation.status === 'pending_confirmation' ? (
					<span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-amber-950">
						{donationStatusLabels.pending_confirmation}
					</span>
				) : null}
				{donation.status === 'rejected' ? (
					<span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-red-950">{donationStatusLabels.rejected}</span>
				) : null}
				{takenBackStatuses.has(donation.status) ? (
					<span className="ml-2 inline-block rounded bg-stone-200 px-2 py-0.5 text-ink">
						{donationStatusLabels[donation.status]}
						{donation.netMinor > 0 && donation.netMinor !== donation.amountMinor
							? ` · ${money(donation.netMinor)} still counts`
							: null}
					</span>
				) : null}
				{donation.donorEmail ? <> · {donation.donorEmail}</> : null}
			</p>
			{donation.message ? <p className="text-[15px] wrap-anywhere">“{donation.message}”</p> : null}
			{donation.status === 'rejected' && donation.failureReason ? (
				<p className="text-sm text-red-900 wrap-anywhere">Why: {donation.failureReason}</p>
			) : null}
			{donation.offlineNote ? <p className="text-sm text-muted">Note: {donation.offlineNote}</p> : null}
			{donation.canThank ? (
				donation.thanked > 0 ? (
					<p className="text-sm text-emerald-800">✓ Thanked</p>
				) : (
					<ThankDonorForm
						donationId={donation.id}
						donorName={donation.donorName}
						token={thankToken}
						lastResult={thankResult}
					/>
				)
			) : (
				<ThanksRefusal donationId={donation.id} lastResult={thankResult} />
			)}
		</li>
	)
}
