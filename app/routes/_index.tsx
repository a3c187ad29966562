import { type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { FeaturedEventCard } from '#app/components/featured-event-card.tsx'
import { getFeaturedEvent } from '#app/events/events.server.ts'
import { listFeaturedCampaigns, listRecentCampaigns, platformTotals } from '#app/campaigns/campaigns.server.ts'
import { LandingCampaigns } from '#app/campaigns/landing/campaigns.tsx'
import { LandingHero } from '#app/campaigns/landing/hero.tsx'
import { PickYourIdea } from '#app/campaigns/landing/ideas.tsx'
import { OurResponse } from '#app/campaigns/landing/our-response.tsx'
import { WhyItMatters } from '#app/campaigns/landing/why-it-matters.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { publicPageHeaders } from '#app/utils/page-cache.ts'
import { type PageHandle } from '#app/utils/page-handle.ts'

export async function loader() {
	const charity = getCharity()
	// The totals do not depend on which campaigns are shown: ask for them at the same time.
	const [featured, totals] = await Promise.all([listFeaturedCampaigns(3), platformTotals()])
	const recent = await listRecentCampaigns(6, { excludeIds: featured.map((c) => c.id) })
	const total = totals.find((t) => t.currency === charity.currency) ?? {
		currency: charity.currency,
		raisedMinor: 0,
		campaignCount: 0,
	}
	const featuredEvent = await getFeaturedEvent()
	return {
		featured,
		featuredEvent,
		recent,
		total,
		locale: charity.locale,
		charityName: charity.name,
		shortName: charity.shortName,
	}
}

// Every part of the page is a link or plain text, so it ships no React: the
// first page many visitors see loads only our small enhancement script.
export const handle: PageHandle = { hydrate: false }

export const headers = publicPageHeaders

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Make an Impact — fundraise for ${data.charityName}` : 'Make an Impact' },
	{
		name: 'description',
		content: 'From birthday parties to polar dips, your fundraising campaign can stop the violence of sex trafficking.',
	},
]

export default function MakeAnImpact() {
	const { featured, featuredEvent, recent, total, locale, shortName } = useLoaderData<typeof loader>()
	return (
		<>
			<LandingHero
				shortName={shortName}
				totalRaised={formatMoney(total.raisedMinor, total.currency, locale, { wholeUnits: true })}
				campaignCount={total.campaignCount}
			/>
			<FeaturedEventCard event={featuredEvent} locale={locale} />
			<LandingCampaigns featured={featured} recent={recent} locale={locale} />
			<PickYourIdea />
			<WhyItMatters />
			<OurResponse shortName={shortName} />
		</>
	)
}
