import { type SubmissionResult } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { type CampaignSummary } from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'
import { DeleteDraftForm } from './delete-draft-form.tsx'

const statusStyle = {
	draft: 'bg-amber-100 text-amber-950',
	active: 'bg-emerald-100 text-emerald-950',
	ended: 'bg-stone-200 text-ink',
	hidden: 'bg-red-100 text-red-950',
} as const

type Props = {
	campaign: Pick<
		CampaignSummary,
		'id' | 'slug' | 'kind' | 'title' | 'status' | 'coverImage' | 'currency' | 'raisedMinor' | 'goalMinor' | 'donorCount'
	>
	locale: string
	/** The last delete's result when it was for this draft. */
	deleteResult?: SubmissionResult<string[]>
}

/** One of the person's fundraisers on their dashboard: its progress and where to go next with it. */
export function OwnedCampaignCard({ campaign, locale, deleteResult }: Props) {
	const raised = formatMoney(campaign.raisedMinor, campaign.currency, locale, { wholeUnits: true })
	const goal = formatMoney(campaign.goalMinor, campaign.currency, locale, { wholeUnits: true })
	return (
		<li className="flex flex-col gap-4 rounded-xl border border-stone-200 p-4 shadow-sm sm:flex-row sm:p-5">
			<img
				src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
				alt=""
				width={240}
				height={126}
				className="aspect-[1200/630] w-full shrink-0 rounded-md object-cover sm:w-60 sm:self-start"
			/>
			<div className="min-w-0 flex-1 space-y-2">
				<p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-semibold uppercase tracking-wider text-accent-dark">
					<span>{campaignKindLabel(campaign.kind)}</span>
					<span aria-hidden="true">·</span>
					<span className={`rounded-full px-2 py-0.5 tracking-normal normal-case ${statusStyle[campaign.status]}`}>
						{campaignStatusLabels[campaign.status]}
					</span>
				</p>
				<h2 className="text-xl font-bold">{campaign.title}</h2>
				<ProgressBar
					raisedMinor={campaign.raisedMinor}
					goalMinor={campaign.goalMinor}
					label={`${raised} raised of ${goal}`}
				/>
				<p className="text-sm">
					<strong>{raised}</strong> raised of {goal} · {campaign.donorCount}{' '}
					{campaign.donorCount === 1 ? 'donor' : 'donors'}
				</p>
				<p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
					{campaign.status === 'draft' ? (
						<Link to={`/start/${campaign.id}/details`} className="font-semibold text-brand underline">
							Continue setting up<span className="sr-only"> {campaign.title}</span>
						</Link>
					) : (
						<Link to={`/dashboard/${campaign.id}`} className="font-semibold text-brand underline">
							Manage<span className="sr-only"> {campaign.title}</span>
						</Link>
					)}
					<Link to={campaignPath(campaign.slug)} className="text-brand underline">
						View page<span className="sr-only"> for {campaign.title}</span>
					</Link>
				</p>
				{campaign.status === 'draft' ? (
					<DeleteDraftForm campaignId={campaign.id} title={campaign.title} lastResult={deleteResult} />
				) : null}
			</div>
		</li>
	)
}
