import { Link } from '@remix-run/react'
import { type CampaignSummary } from '#app/campaigns/campaigns.server.ts'
import { CampaignCard } from '#app/components/campaign-card.tsx'

/** Featured fundraisers (or an invitation to be the first) and the newest ones. */
export function LandingCampaigns({
	featured,
	recent,
	locale,
}: {
	featured: CampaignSummary[]
	recent: CampaignSummary[]
	locale: string
}) {
	return (
		<section id="campaigns" className="mx-auto max-w-6xl px-4 py-14" aria-labelledby="featured-heading">
			<div className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h2 id="featured-heading" className="text-3xl font-bold">
						Featured fundraisers
					</h2>
					<p className="mt-2 text-muted">Ordinary people doing extraordinary things for justice.</p>
				</div>
				<Link to="/start" className="btn-secondary">
					Start yours
				</Link>
			</div>
			{featured.length > 0 ? (
				<ul className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
					{featured.map((campaign) => (
						<li key={campaign.id} className="relative flex">
							<CampaignCard campaign={campaign} locale={locale} />
						</li>
					))}
				</ul>
			) : (
				<p className="mt-8 rounded-xl bg-sand p-6 text-muted">
					No featured fundraisers yet — yours could be the first.{' '}
					<Link to="/start" className="font-semibold text-brand underline">
						Start a fundraiser
					</Link>
					.
				</p>
			)}
			{recent.length > 0 ? (
				<>
					<h2 className="mt-14 text-2xl font-bold">Recently started</h2>
					<ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
						{recent.map((campaign) => (
							<li key={campaign.id} className="relative flex">
								<CampaignCard campaign={campaign} locale={locale} />
							</li>
						))}
					</ul>
				</>
			) : null}
		</section>
	)
}
