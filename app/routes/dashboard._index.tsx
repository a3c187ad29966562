import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listCampaignsOwnedBy } from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	return { firstName: person.firstName, campaigns: await listCampaignsOwnedBy(person.id), locale: getCharity().locale }
}

export const meta: MetaFunction = () => [{ title: 'My fundraisers' }]

const statusLabel = { draft: 'Draft', active: 'Live', ended: 'Ended', hidden: 'Hidden by staff' } as const
const statusStyle = {
	draft: 'bg-amber-100 text-amber-950',
	active: 'bg-emerald-100 text-emerald-950',
	ended: 'bg-stone-200 text-ink',
	hidden: 'bg-red-100 text-red-950',
} as const

export default function Dashboard() {
	const { firstName, campaigns, locale } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-5xl px-4 py-10">
			<div className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h1 className="text-3xl font-bold">My fundraisers</h1>
					<p className="mt-1 text-muted">{campaigns.length === 0 ? (firstName ? `Welcome, ${firstName}.` : 'Welcome.') : firstName ? `Welcome back, ${firstName}.` : 'Welcome back.'}</p>
				</div>
				{campaigns.length > 0 ? (
					<Link to="/start" className="btn-primary">
						Start a new fundraiser
					</Link>
				) : null}
			</div>
			{campaigns.length === 0 ? (
				<div className="mt-8 rounded-xl bg-sand p-8 text-center">
					<p className="text-lg">You haven't started a fundraiser yet.</p>
					<p className="mt-2 text-muted">It takes about three minutes, and our free guide has 25 tips to help you reach your goal.</p>
					<div className="mt-5 flex flex-col justify-center gap-3 sm:flex-row">
						<Link to="/start" className="btn-primary">
							Start a fundraiser
						</Link>
						<Link to="/guide/25-tips" className="btn-secondary">
							Read the 25 tips
						</Link>
					</div>
				</div>
			) : (
				<ul className="mt-8 space-y-4">
					{campaigns.map((campaign) => {
						const raised = formatMoney(campaign.raisedMinor, campaign.currency, locale, { wholeUnits: true })
						const goal = formatMoney(campaign.goalMinor, campaign.currency, locale, { wholeUnits: true })
						return (
							<li key={campaign.id} className="flex flex-col gap-4 rounded-xl border border-stone-200 p-4 shadow-sm sm:flex-row sm:p-5">
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
											{statusLabel[campaign.status]}
										</span>
									</p>
									<h2 className="text-xl font-bold">{campaign.title}</h2>
									<ProgressBar raisedMinor={campaign.raisedMinor} goalMinor={campaign.goalMinor} label={`${raised} raised of ${goal}`} />
									<p className="text-sm">
										<strong>{raised}</strong> raised of {goal} · {campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
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
										<Link to={`/f/${campaign.slug}`} className="text-brand underline">
											View page<span className="sr-only"> for {campaign.title}</span>
										</Link>
									</p>
								</div>
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}
