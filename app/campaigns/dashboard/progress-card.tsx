import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { formatMoney } from '#app/utils/money.ts'

type Props = {
	campaign: {
		id: string
		slug: string
		currency: string
		raisedMinor: number
		goalMinor: number
		donorCount: number
	}
	locale: string
}

/** The manage page's total so far, with the links to the public page and its details. */
export function ProgressCard({ campaign, locale }: Props) {
	const raised = formatMoney(campaign.raisedMinor, campaign.currency, locale, { wholeUnits: true })
	const goal = formatMoney(campaign.goalMinor, campaign.currency, locale, { wholeUnits: true })
	return (
		<section className="rounded-xl border border-stone-200 p-6 shadow-sm" aria-label="Progress">
			<p className="font-serif text-3xl font-bold">{raised}</p>
			<p className="text-muted">
				raised of {goal} · {campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
			</p>
			<div className="mt-3">
				<ProgressBar
					raisedMinor={campaign.raisedMinor}
					goalMinor={campaign.goalMinor}
					label={`${raised} raised of ${goal}`}
				/>
			</div>
			<p className="mt-4 flex flex-wrap gap-3">
				<Link to={campaignPath(campaign.slug)} className="btn-secondary px-4 py-2 text-sm">
					View page
				</Link>
				<Link to={`/dashboard/${campaign.id}/edit`} className="btn-secondary px-4 py-2 text-sm">
					Edit details
				</Link>
			</p>
		</section>
	)
}
