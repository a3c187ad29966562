import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { getCampaignForViewer, redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { loadPublicCampaignPage } from '#app/campaigns/public-page.server.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { isPastEndDate, isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { CampaignCover, CampaignHeading } from '#app/campaigns/page/campaign-heading.tsx'
import { campaignPageMeta } from '#app/campaigns/page/page-meta.ts'
import { CampaignUpdates } from '#app/campaigns/page/campaign-updates.tsx'
import { DonorWall } from '#app/campaigns/page/donor-wall.tsx'
import { OwnerNotices } from '#app/campaigns/page/owner-notices.tsx'
import { PhoneProgressSummary, ProgressSummary } from '#app/campaigns/page/progress-summary.tsx'
import { campaignQrLinks, SharePanel } from '#app/components/share-panel.tsx'
import { getSessionPerson } from '#app/people/session.server.ts'
import { PageEventLine } from '#app/components/event-page/page-event-line.tsx'
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
	const wall = donorWallQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	return loadPublicCampaignPage(campaign, { ...wall, pageSize: DONORS_PER_PAGE })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => campaignPageMeta(data)

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
			<CampaignHeading campaign={campaign} organiser={organiser} />
			{inEvent ? <PageEventLine {...inEvent} /> : null}
			<div className="mt-8 grid gap-10 lg:grid-cols-3">
				<div className="min-w-0 space-y-10 lg:col-span-2">
					<CampaignCover campaign={campaign} />
					<PhoneProgressSummary {...progress} />
					<div className="prose-story text-lg" dangerouslySetInnerHTML={{ __html: campaign.storyHtml }} />
					<CampaignUpdates updates={updates} organiser={organiser} locale={locale} />
				</div>
				<aside className="min-w-0 space-y-6" aria-label="Progress and donations">
					<ProgressSummary {...progress} />
					{/* An ended page takes no more gifts, so it no longer asks to be shared. */}
					{takingGifts ? <SharePanel url={url} title={campaign.title} qr={campaignQrLinks(campaign.slug)} /> : null}
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
					<Link to={campaignPath(campaign.slug, 'report')} className="text-muted underline hover:text-ink">
						Report this fundraiser
					</Link>
				</p>
			) : null}
		</article>
	)
}
