import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import {
	countDonorWall,
	getCampaignForViewer,
	listDonorWall,
	redirectFromFormerSlug,
} from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { isPastEndDate, isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { listCampaignUpdates } from '#app/campaigns/manage.server.ts'
import { renderStory, storyExcerpt } from '#app/campaigns/story.server.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { SharePanel } from '#app/components/share-panel.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { getSessionPerson } from '#app/people/session.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { daysUntil, relativeTime } from '#app/utils/time.ts'

const DONORS_PER_PAGE = 20

export async function loader({ request, params }: LoaderFunctionArgs) {
	const viewer = await getSessionPerson(request)
	const campaign = await getCampaignForViewer(params.slug ?? '', viewer?.id ?? null)
	if (!campaign) {
		await redirectFromFormerSlug(request, params.slug ?? '')
		throw data({ error: 'We couldn’t find that fundraiser.' }, { status: 404 })
	}
	const page = Math.max(
		1,
		Math.min(1000, Number.parseInt(new URL(request.url).searchParams.get('page') ?? '1', 10) || 1),
	)
	const [donors, donorTotal, updates] = await Promise.all([
		listDonorWall(campaign.id, { limit: DONORS_PER_PAGE, offset: (page - 1) * DONORS_PER_PAGE }),
		countDonorWall(campaign.id),
		listCampaignUpdates(campaign.id),
	])
	const env = getEnv()
	const url = `${env.APP_URL}/f/${campaign.slug}`
	const { story, ownerId: _ownerId, hiddenReason, ...rest } = campaign
	return {
		campaign: {
			...rest,
			storyHtml: renderStory(story),
			excerpt: storyExcerpt(story),
			hiddenReason: campaign.isOwner ? hiddenReason : null,
		},
		donors,
		page,
		pageCount: Math.max(1, Math.ceil(donorTotal / DONORS_PER_PAGE)),
		updates,
		url,
		shareImage: `${env.APP_URL}/f/${campaign.slug}/share.png`,
		locale: getCharity().locale,
		now: new Date().toISOString(),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	if (!data) return [{ title: 'Fundraiser not found' }]
	const { campaign, url, shareImage } = data
	const description = campaign.excerpt || `${campaign.organiserName} is fundraising to stop sex trafficking.`
	return [
		{ title: campaign.title },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: url },
		{ property: 'og:type', content: 'website' },
		{ property: 'og:url', content: url },
		{ property: 'og:title', content: campaign.title },
		{ property: 'og:description', content: description },
		{ property: 'og:image', content: shareImage },
		{ property: 'og:image:width', content: '1200' },
		{ property: 'og:image:height', content: '630' },
		{ name: 'twitter:card', content: 'summary_large_image' },
		{ name: 'twitter:title', content: campaign.title },
		{ name: 'twitter:description', content: description },
		{ name: 'twitter:image', content: shareImage },
		...(campaign.status === 'active' ? [] : [{ name: 'robots', content: 'noindex' }]),
	]
}

export default function CampaignPage() {
	const { campaign, donors, page, pageCount, updates, url, locale, now } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const money = (minor: number) => formatMoney(minor, campaign.currency, locale, { wholeUnits: true })
	const days = campaign.endsOn ? daysUntil(campaign.endsOn, new Date(now)) : null
	const takingGifts = isTakingGifts(campaign, new Date(now))
	const ended = campaign.status === 'ended' || isPastEndDate(campaign, new Date(now))
	const organiser = campaign.organiserName || 'A supporter'
	const countdown = ended
		? ' · ended'
		: days !== null
			? ` · ${days === 0 ? 'last day' : `${days} ${days === 1 ? 'day' : 'days'} left`}`
			: null
	return (
		<article className="mx-auto max-w-6xl px-4 py-10">
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
			{searchParams.get('published') && campaign.isOwner ? (
				<div role="status" className="mb-8 rounded-xl bg-brand-light p-6">
					<h2 className="text-2xl font-bold">Your page is live! 🎉</h2>
					<p className="mt-2">
						Fundraisers who give to their own page first reach their goal far more often.{' '}
						<strong>Make the first donation yourself</strong>, then share your link with five people who love you.
					</p>
					<div className="mt-4 flex flex-wrap gap-3">
						<Link to={`/f/${campaign.slug}/donate`} className="btn-primary">
							Make the first donation
						</Link>
						<Link to={`/dashboard/${campaign.id}`} className="btn-secondary">
							Go to my dashboard
						</Link>
					</div>
				</div>
			) : null}
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">
				{campaignKindLabel(campaign.kind)}
			</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{campaign.title}</h1>
			<p className="mt-2 flex items-center gap-2 text-muted">
				{campaign.organiserPhotoUrl ? (
					<img
						src={campaign.organiserPhotoUrl}
						alt=""
						width={32}
						height={32}
						className="h-8 w-8 rounded-full object-cover"
					/>
				) : null}
				<span>Organised by {organiser}</span>
			</p>
			<div className="mt-8 grid gap-10 lg:grid-cols-3">
				<div className="min-w-0 space-y-10 lg:col-span-2">
					<img
						src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
						alt={campaign.coverAlt ?? ''}
						width={1200}
						height={630}
						className="aspect-[1200/630] w-full rounded-xl object-cover"
					/>
					{/* On phones the sidebar comes after the story, so its summary and button also show here. */}
					<div className="-mt-4 rounded-xl border border-stone-200 p-5 shadow-sm lg:hidden">
						<p>
							<span className="font-serif text-2xl font-bold">{money(campaign.raisedMinor)}</span>{' '}
							<span className="text-muted">raised of {money(campaign.goalMinor)} goal</span>
						</p>
						<div className="mt-3">
							<ProgressBar
								raisedMinor={campaign.raisedMinor}
								goalMinor={campaign.goalMinor}
								label={`${money(campaign.raisedMinor)} raised of ${money(campaign.goalMinor)}`}
							/>
						</div>
						<p className="mt-2 text-sm text-muted">
							{campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
							{countdown}
						</p>
						{takingGifts ? (
							<Link to={`/f/${campaign.slug}/donate`} className="btn-primary mt-4 w-full">
								Donate now
							</Link>
						) : null}
					</div>
					<div className="prose-story text-lg" dangerouslySetInnerHTML={{ __html: campaign.storyHtml }} />
					{updates.length > 0 ? (
						<section aria-labelledby="updates-heading">
							<h2 id="updates-heading" className="text-2xl font-bold">
								Updates from {organiser}
							</h2>
							<ol className="mt-4 space-y-4">
								{updates.map((update) => (
									<li key={update.id} className="rounded-xl bg-sand p-5">
										<p className="text-sm text-muted">
											<time dateTime={new Date(update.createdAt).toISOString()}>
												{new Date(update.createdAt).toLocaleDateString(locale, {
													day: 'numeric',
													month: 'long',
													year: 'numeric',
												})}
											</time>
										</p>
										<p className="mt-1 whitespace-pre-line wrap-anywhere">{update.body}</p>
									</li>
								))}
							</ol>
						</section>
					) : null}
				</div>
				<aside className="min-w-0 space-y-6" aria-label="Progress and donations">
					<div className="rounded-xl border border-stone-200 p-6 shadow-sm">
						<p className="font-serif text-3xl font-bold" data-testid="campaign-raised">
							{money(campaign.raisedMinor)}
						</p>
						<p className="text-muted">raised of {money(campaign.goalMinor)} goal</p>
						<div className="mt-4">
							<ProgressBar
								raisedMinor={campaign.raisedMinor}
								goalMinor={campaign.goalMinor}
								label={`${money(campaign.raisedMinor)} raised of ${money(campaign.goalMinor)}`}
							/>
						</div>
						<p className="mt-3 text-sm text-muted">
							<span data-testid="campaign-donors">
								{campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
							</span>
							{countdown}
						</p>
						{ended ? (
							<p className="mt-4 rounded-md bg-sand p-3">
								{campaign.raisedMinor > 0 ? (
									`This fundraiser has ended, raising ${money(campaign.raisedMinor)}. Thank you to everyone who gave.`
								) : (
									<>
										This fundraiser has ended without any gifts and no longer takes donations. Thank you for caring
										about the cause.{' '}
										<Link to="/start" className="font-semibold text-brand underline">
											Start a fundraiser of your own
										</Link>
										.
									</>
								)}
							</p>
						) : takingGifts ? (
							<Link to={`/f/${campaign.slug}/donate`} className="btn-primary mt-5 w-full text-lg">
								Donate
							</Link>
						) : null}
					</div>
					{/* An ended page takes no more gifts, so it no longer asks to be shared. */}
					{takingGifts ? <SharePanel url={url} title={campaign.title} slug={campaign.slug} /> : null}
					<section aria-labelledby="donors-heading">
						<h2 id="donors-heading" className="text-xl font-bold">
							Donations
						</h2>
						{donors.length === 0 ? (
							<p className="mt-2 text-muted">
								{ended ? 'No donations were made to this fundraiser.' : 'No donations yet. Be the first to give.'}
							</p>
						) : (
							<ul className="mt-3 divide-y divide-stone-200">
								{donors.map((donor) => (
									<li key={donor.id} className="py-3">
										<p className="flex justify-between gap-3">
											<span className="min-w-0 font-semibold wrap-anywhere">{donor.displayName}</span>
											{donor.amountMinor !== null ? (
												<span className="shrink-0 font-semibold text-brand-dark">{money(donor.amountMinor)}</span>
											) : null}
										</p>
										{donor.message ? <p className="mt-0.5 text-[15px] wrap-anywhere">{donor.message}</p> : null}
										<p className="text-sm text-muted">{relativeTime(donor.at, locale, new Date(now))}</p>
									</li>
								))}
							</ul>
						)}
						{pageCount > 1 ? (
							<nav aria-label="Donation pages" className="mt-3 flex justify-between text-sm">
								{page > 1 ? (
									<Link to={`?page=${page - 1}`} className="text-brand underline" preventScrollReset>
										← Newer
									</Link>
								) : (
									<span />
								)}
								<span className="text-muted">
									Page {page} of {pageCount}
								</span>
								{page < pageCount ? (
									<Link to={`?page=${page + 1}`} className="text-brand underline" preventScrollReset>
										Older →
									</Link>
								) : (
									<span />
								)}
							</nav>
						) : null}
					</section>
				</aside>
			</div>
			{campaign.status === 'active' || campaign.status === 'ended' ? (
				<p className="mt-12 border-t border-stone-200 pt-4 text-sm">
					<Link to={`/f/${campaign.slug}/report`} className="text-muted underline hover:text-ink">
						Report this fundraiser
					</Link>
				</p>
			) : null}
		</article>
	)
}
