import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireStaff } from '#app/people/session.server.ts'
import { CoachingComparison } from '#app/staff/overview/coaching.tsx'
import { Exports } from '#app/staff/overview/exports.tsx'
import { DriftNotice, HeadlineFigures } from '#app/staff/overview/headline.tsx'
import { MoneyByCurrency } from '#app/staff/overview/money-by-currency.tsx'
import { overviewFormat } from '#app/staff/overview/overview-format.ts'
import { StatusTables } from '#app/staff/overview/status-tables.tsx'
import { TopCampaigns } from '#app/staff/overview/top-campaigns.tsx'
import { Trends } from '#app/staff/overview/trends.tsx'
import { keptOverviewPageData } from '#app/staff/reporting.server.ts'
import { GiftAidTotalsFigures } from '#app/staff/gift-aid/totals.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	return keptOverviewPageData()
}

export const meta: MetaFunction = () => [{ title: 'Overview · Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffOverview() {
	const { overview, top, coaching, trends, holdoutPercent, locale, generatedAt, giftAid } =
		useLoaderData<typeof loader>()
	const format = overviewFormat(locale)
	const asOf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
		new Date(generatedAt),
	)
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Overview</h1>
				<p className="mt-1 text-muted">
					Every amount is added up from the money record (each gift, refund and dispute), as of {asOf} UTC. Currencies
					are never added together.
				</p>
			</header>
			<DriftNotice overview={overview} format={format} />
			<HeadlineFigures overview={overview} fallbackCurrency={trends[0]!.currency} format={format} />
			<MoneyByCurrency money={overview.money} format={format} />
			<GiftAidTotalsFigures totals={giftAid} locale={locale} headingLevel="shown" />
			<Trends trends={trends} locale={locale} />
			<TopCampaigns top={top} format={format} />
			<StatusTables overview={overview} format={format} />
			<CoachingComparison coaching={coaching} holdoutPercent={holdoutPercent} format={format} />
			<Exports />
		</div>
	)
}
