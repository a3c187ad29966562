import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { GiftAidAdded } from '#app/components/gift-aid-added.tsx'

export type ProgressFigures = {
	slug: string
	status: string
	raisedMinor: number
	goalMinor: number
	donorCount: number
	/** Gift Aid on the page's eligible gifts (0: none, or not offered). */
	giftAidMinor: number
}

type Props = {
	campaign: ProgressFigures
	money: (minor: number) => string
	/** " · 3 days left", " · ended", or null without an end date. */
	countdown: string | null
	ended: boolean
	/** Whether the page takes gifts now (isTakingGifts): the Donate button shows only then. */
	takingGifts: boolean
}

const donorsLabel = (count: number) => `${count} ${count === 1 ? 'donor' : 'donors'}`

/** On phones the sidebar comes after the story, so its summary and button also show above it. */
export function PhoneProgressSummary({ campaign, money, countdown, takingGifts }: Props) {
	return (
		<div className="-mt-4 rounded-xl border border-stone-200 p-5 shadow-sm lg:hidden">
			<p>
				<span className="font-serif text-2xl font-bold">{money(campaign.raisedMinor)}</span>{' '}
				<span className="text-muted">raised of {money(campaign.goalMinor)} goal</span>{' '}
				<GiftAidAdded giftAidMinor={campaign.giftAidMinor} money={money} testId="campaign-gift-aid-phone" />
			</p>
			<div className="mt-3">
				<ProgressBar
					raisedMinor={campaign.raisedMinor}
					goalMinor={campaign.goalMinor}
					label={`${money(campaign.raisedMinor)} raised of ${money(campaign.goalMinor)}`}
				/>
			</div>
			<p className="mt-2 text-sm text-muted">
				{donorsLabel(campaign.donorCount)}
				{countdown}
			</p>
			{takingGifts ? (
				<Link to={campaignPath(campaign.slug, 'donate')} className="btn-primary mt-4 w-full">
					Donate now
				</Link>
			) : null}
		</div>
	)
}

/** The sidebar's total, progress bar, donor count and the donate button (or why there is none). */
export function ProgressSummary({ campaign, money, countdown, ended, takingGifts }: Props) {
	return (
		<div className="rounded-xl border border-stone-200 p-6 shadow-sm">
			<p className="font-serif text-3xl font-bold" data-testid="campaign-raised">
				{money(campaign.raisedMinor)}
			</p>
			<p className="text-muted">raised of {money(campaign.goalMinor)} goal</p>
			{campaign.giftAidMinor > 0 ? (
				<p className="mt-1">
					<GiftAidAdded giftAidMinor={campaign.giftAidMinor} money={money} testId="campaign-gift-aid" />
				</p>
			) : null}
			<div className="mt-4">
				<ProgressBar
					raisedMinor={campaign.raisedMinor}
					goalMinor={campaign.goalMinor}
					label={`${money(campaign.raisedMinor)} raised of ${money(campaign.goalMinor)}`}
				/>
			</div>
			<p className="mt-3 text-sm text-muted">
				<span data-testid="campaign-donors">{donorsLabel(campaign.donorCount)}</span>
				{countdown}
			</p>
			{ended ? (
				<p className="mt-4 rounded-md bg-sand p-3">
					{campaign.raisedMinor > 0 ? (
						`This fundraiser has ended, raising ${money(campaign.raisedMinor)}. Thank you to everyone who gave.`
					) : (
						<>
							This fundraiser has ended without any gifts and no longer takes donations. Thank you for caring about the
							cause.{' '}
							<Link to="/start" className="font-semibold text-brand underline">
								Start a fundraiser of your own
							</Link>
							.
						</>
					)}
				</p>
			) : takingGifts ? (
				<Link to={campaignPath(campaign.slug, 'donate')} className="btn-primary mt-5 w-full text-lg">
					Donate
				</Link>
			) : null}
		</div>
	)
}
