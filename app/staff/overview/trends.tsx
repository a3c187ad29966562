import type { OverviewPageData } from '#app/staff/overview/overview-format.ts'
import { TrendChart } from '#app/staff/trend-chart.tsx'

/** The last 30 days' net amount, one chart per currency. */
export function Trends({ trends, locale }: { trends: OverviewPageData['trends']; locale: string }) {
	return (
		<section aria-labelledby="trend-heading">
			<h2 id="trend-heading" className="text-xl font-bold">
				The last 30 days
			</h2>
			<p className="mt-1 text-sm text-muted">
				Net amount each day (UTC): gifts minus refunds and disputes. A red bar is a day when more went out than came in.
			</p>
			<div className="mt-4 space-y-8">
				{trends.map((trend) => (
					<div key={trend.currency}>
						{trends.length > 1 ? <h3 className="mb-2 text-base font-semibold">{trend.currency}</h3> : null}
						<TrendChart days={trend.days} currency={trend.currency} locale={locale} />
					</div>
				))}
			</div>
		</section>
	)
}
