import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'

/** What only the page's owner sees above it: a draft, a hidden page, or a page just published. */
export function OwnerNotices({
	campaign,
	justPublished,
}: {
	campaign: { id: string; slug: string; status: string; hiddenReason: string | null }
	justPublished: boolean
}) {
	return (
		<>
			{campaign.status === 'draft' ? (
				<p role="status" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
					<strong>Draft — only you can see this page.</strong>{' '}
					<Link to={`/start/${campaign.id}/review`} className="font-semibold underline">
						Review and publish it
					</Link>{' '}
					when you are ready.
				</p>
			) : null}
			{campaign.status === 'hidden' ? (
				<p role="status" className="mb-6 rounded-xl border border-red-300 bg-red-50 p-4 text-red-950">
					<strong>Our team has hidden this page from the public.</strong>{' '}
					{campaign.hiddenReason ? `Reason: ${campaign.hiddenReason}` : 'Please contact us to find out more.'}
				</p>
			) : null}
			{justPublished ? (
				<div role="status" className="mb-8 rounded-xl bg-brand-light p-6">
					<h2 className="text-2xl font-bold">Your page is live! 🎉</h2>
					<p className="mt-2">
						Fundraisers who give to their own page first reach their goal far more often.{' '}
						<strong>Make the first donation yourself</strong>, then share your link with five people who love you.
					</p>
					<div className="mt-4 flex flex-wrap gap-3">
						<Link to={campaignPath(campaign.slug, 'donate')} className="btn-primary">
							Make the first donation
						</Link>
						<Link to={`/dashboard/${campaign.id}`} className="btn-secondary">
							Go to my dashboard
						</Link>
					</div>
				</div>
			) : null}
		</>
	)
}
