import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getPublicCampaign, listDonorWall } from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { TextWithBold } from '#app/components/rich-text.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { daysUntil, relativeTime } from '#app/utils/time.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	const campaign = await getPublicCampaign(params.slug ?? '')
	if (!campaign) throw data({ message: 'Campaign not found' }, { status: 404 })
	const donors = await listDonorWall(campaign.id, { limit: 20 })
	return { campaign, donors, locale: getCharity().locale, now: new Date().toISOString() }
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: data.campaign.title },
				{ name: 'description', content: `${data.campaign.organiserName} is fundraising to stop sex trafficking.` },
				{ property: 'og:title', content: data.campaign.title },
				{ property: 'og:type', content: 'website' },
			]
		: [{ title: 'Campaign not found' }]

export default function CampaignPage() {
	const { campaign, donors, locale, now } = useLoaderData<typeof loader>()
	const money = (minor: number) => formatMoney(minor, campaign.currency, locale, { wholeUnits: true })
	const days = campaign.endsOn ? daysUntil(campaign.endsOn, new Date(now)) : null
	const ended = campaign.status === 'ended' || (days !== null && days < 0)
	return (
		<article className="mx-auto max-w-6xl px-4 py-10">
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">{campaignKindLabel(campaign.kind)}</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{campaign.title}</h1>
			<p className="mt-2 text-muted">Organised by {campaign.organiserName}</p>
			<div className="mt-8 grid gap-10 lg:grid-cols-3">
				<div className="lg:col-span-2">
					<img
						src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
						alt={campaign.coverAlt ?? ''}
						width={1200}
						height={630}
						className="aspect-[1200/630] w-full rounded-xl object-cover"
					/>
					<div className="prose-story mt-8 text-lg">
						{campaign.story.split(/\n{2,}/).map((paragraph, index) => (
							<p key={index}>
								<TextWithBold text={paragraph} />
							</p>
						))}
					</div>
				</div>
				<aside className="space-y-6" aria-label="Progress">
					<div className="rounded-xl border border-stone-200 p-6 shadow-sm">
						<p className="font-serif text-3xl font-bold">{money(campaign.raisedMinor)}</p>
						<p className="text-muted">raised of {money(campaign.goalMinor)} goal</p>
						<div className="mt-4">
							<ProgressBar
								raisedMinor={campaign.raisedMinor}
								goalMinor={campaign.goalMinor}
								label={`${money(campaign.raisedMinor)} raised of ${money(campaign.goalMinor)}`}
							/>
						</div>
						<p className="mt-3 text-sm text-muted">
							{campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
							{days !== null ? (ended ? ' · ended' : ` · ${days} ${days === 1 ? 'day' : 'days'} left`) : null}
						</p>
						{ended ? (
							<p className="mt-4 rounded-md bg-sand p-3">This fundraiser has ended. Thank you to everyone who gave.</p>
						) : (
							<p className="mt-4 rounded-md bg-sand p-3 text-sm">
								Online giving opens with our Stripe checkout very soon. Want to help now?{' '}
								<Link to="/contact" className="font-semibold text-brand underline">
									Contact our supporter team
								</Link>
								.
							</p>
						)}
					</div>
					<section aria-labelledby="donors-heading">
						<h2 id="donors-heading" className="text-xl font-bold">
							Donations
						</h2>
						{donors.length === 0 ? (
							<p className="mt-2 text-muted">No donations yet. Be the first to give.</p>
						) : (
							<ul className="mt-3 divide-y divide-stone-200">
								{donors.map((donor) => (
									<li key={donor.id} className="py-3">
										<p className="flex justify-between gap-2">
											<span className="font-semibold">{donor.displayName}</span>
											{donor.amountMinor !== null ? <span>{money(donor.amountMinor)}</span> : null}
										</p>
										{donor.message ? <p className="text-[15px]">{donor.message}</p> : null}
										<p className="text-sm text-muted">{relativeTime(donor.at, locale, new Date(now))}</p>
									</li>
								))}
							</ul>
						)}
					</section>
				</aside>
			</div>
		</article>
	)
}
