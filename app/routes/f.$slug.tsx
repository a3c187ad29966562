import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import {
	getCampaignForViewer,
	listDonorWall,
	redirectFromFormerSlug,
	storedStoryHtml,
} from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { isPastEndDate, isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { listCampaignUpdates } from '#app/campaigns/manage.server.ts'
import { storyExcerpt } from '#app/campaigns/story.server.ts'
import { CampaignUpdates } from '#app/components/campaign-page/campaign-updates.tsx'
import { DonorWall } from '#app/components/campaign-page/donor-wall.tsx'
import { OwnerNotices } from '#app/components/campaign-page/owner-notices.tsx'
import { PhoneProgressSummary, ProgressSummary } from '#app/components/campaign-page/progress-summary.tsx'
import { SharePanel } from '#app/components/share-panel.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { getSessionPerson } from '#app/people/session.server.ts'
import { PageEventLine } from '#app/components/event-page/page-event-line.tsx'
import { loadPageEvent } from '#app/events/event-page.server.ts'
import { giftPageHome } from '#app/events/events.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { publicPageHeaders } from '#app/utils/page-cache.ts'
import { type PageHandle } from '#app/utils/page-handle.ts'
import { daysUntil } from '#app/utils/time.ts'

const DONORS_PER_PAGE = 20

/**
 * The donor wall's page: `before` (older) or `after` (newer) a donation id,
 * with the page's number for display. Anything malformed shows the first page.
 */
const donorWallQuery = z.object({
	page: z.coerce.number().int().min(1).catch(1),
	before: z.uuid().optional().catch(undefined),
	after: z.uuid().optional().catch(undefined),
})

// Everything here works as plain HTML (links and forms); the page is where
// people land from a shared link on a phone, so it ships no React.
export const handle: PageHandle = { hydrate: false }

export const headers = publicPageHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
	const viewer = await getSessionPerson(request)
	const campaign = await getCampaignForViewer(params.slug ?? '', viewer?.id ?? null)
	if (!campaign) {
		await redirectFromFormerSlug(request, params.slug ?? '')
		throw data({ error: 'We couldn’t find that fundraiser.' }, { status: 404 })
	}
	// A team's or an event's own gift page is shown as the team or event.
	if (campaign.purpose !== 'personal') {
		const home = await giftPageHome(campaign.id)
		if (home) throw redirect(home)
	}
	const { page: pageAsked, ...position } = donorWallQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	// A page number without a position (an old ?page= link) shows the first page.
	const page = position.before || position.after ? pageAsked : 1
	const [donors, updates, storyHtml, inEvent] = await Promise.all([
		listDonorWall(campaign.id, { limit: DONORS_PER_PAGE, ...(page > 1 ? position : {}) }),
		listCampaignUpdates(campaign.id),
		storedStoryHtml(campaign),
		loadPageEvent(campaign),
	])
	// The wall lists exactly the gifts the stored donor count counts (net above zero).
	const donorTotal = campaign.donorCount
	const env = getEnv()
	const url = `${env.APP_URL}/f/${campaign.slug}`
	const { story, storyHtml: _stored, ownerId: _ownerId, hiddenReason, raisedChangedAt: _changed, ...rest } = campaign
	return {
		campaign: {
			...rest,
			storyHtml,
			excerpt: storyExcerpt(story),
			hiddenReason: campaign.isOwner ? hiddenReason : null,
		},
		donors,
		inEvent,
		page,
		pageCount: Math.max(page, Math.ceil(donorTotal / DONORS_PER_PAGE)),
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

// The cover is the page's largest paint: fetch it first. React 18 knows
// the attribute only in lower case.
const coverPriority = { fetchpriority: 'high' }

export default function CampaignPage() {
	const { campaign, donors, inEvent, page, pageCount, updates, url, locale, now } = useLoaderData<typeof loader>()
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
	const progress = { campaign, money, countdown, ended, takingGifts }
	return (
		<article className="mx-auto max-w-6xl px-4 py-10">
			<OwnerNotices campaign={campaign} justPublished={Boolean(searchParams.get('published')) && campaign.isOwner} />
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
			{inEvent ? <PageEventLine {...inEvent} /> : null}
			<div className="mt-8 grid gap-10 lg:grid-cols-3">
				<div className="min-w-0 space-y-10 lg:col-span-2">
					<img
						src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
						alt={campaign.coverAlt ?? ''}
						width={1200}
						height={630}
						{...coverPriority}
						className="aspect-[1200/630] w-full rounded-xl object-cover"
					/>
					<PhoneProgressSummary {...progress} />
					<div className="prose-story text-lg" dangerouslySetInnerHTML={{ __html: campaign.storyHtml }} />
					<CampaignUpdates updates={updates} organiser={organiser} locale={locale} />
				</div>
				<aside className="min-w-0 space-y-6" aria-label="Progress and donations">
					<ProgressSummary {...progress} />
					{/* An ended page takes no more gifts, so it no longer asks to be shared. */}
					{takingGifts ? <SharePanel url={url} title={campaign.title} slug={campaign.slug} /> : null}
					<DonorWall
						donors={donors}
						page={page}
						pageCount={pageCount}
						pageSize={DONORS_PER_PAGE}
						ended={ended}
						money={money}
						locale={locale}
						now={new Date(now)}
					/>
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
