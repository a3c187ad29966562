import { Link } from '@remix-run/react'
import { type CampaignSummary } from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { formatMoney, progressPercent } from '#app/utils/money.ts'

export function ProgressBar({
	raisedMinor,
	goalMinor,
	label,
}: {
	raisedMinor: number
	goalMinor: number
	label: string
}) {
	const percent = progressPercent(raisedMinor, goalMinor)
	return (
		<div
			role="progressbar"
			aria-label={label}
			aria-valuemin={0}
			aria-valuemax={100}
			aria-valuenow={percent}
			className="h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
		>
			<div className="h-full rounded-full bg-accent" style={{ width: `${percent}%` }} />
		</div>
	)
}

export function CampaignCard({ campaign, locale }: { campaign: CampaignSummary; locale: string }) {
	const raised = formatMoney(campaign.raisedMinor, campaign.currency, locale, { wholeUnits: true })
	const goal = formatMoney(campaign.goalMinor, campaign.currency, locale, { wholeUnits: true })
	return (
		<article className="group flex w-full flex-col overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm transition-shadow focus-within:shadow-md hover:shadow-md">
			<img
				src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
				alt={campaign.coverAlt ?? ''}
				width={1200}
				height={630}
				loading="lazy"
				className="aspect-[1200/630] w-full object-cover"
			/>
			<div className="flex flex-1 flex-col gap-3 p-5">
				<p className="text-xs font-semibold uppercase tracking-wider text-accent-dark">
					{campaignKindLabel(campaign.kind)}
				</p>
				<h3 className="text-lg font-bold leading-snug">
					<Link
						to={`/f/${campaign.slug}`}
						className="text-ink no-underline after:absolute after:inset-0 hover:underline focus:underline"
					>
						{campaign.title}
					</Link>
				</h3>
				<p className="text-sm text-muted">by {campaign.organiserName}</p>
				<div className="mt-auto space-y-2">
					<ProgressBar
						raisedMinor={campaign.raisedMinor}
						goalMinor={campaign.goalMinor}
						label={`${raised} raised of ${goal}`}
					/>
					<p className="text-sm">
						<strong className="text-ink">{raised}</strong> <span className="text-muted">raised of {goal}</span>
						<span className="text-muted">
							{' '}
							· {campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
						</span>
					</p>
				</div>
			</div>
		</article>
	)
}
