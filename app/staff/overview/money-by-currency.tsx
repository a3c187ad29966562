import type { OverviewFormat, OverviewPageData } from '#app/staff/overview/overview-format.ts'
import { OverviewTable } from '#app/staff/overview/overview-table.tsx'

/** Each currency's totals from the money record, never added across currencies. */
export function MoneyByCurrency({
	money: totals,
	format,
}: {
	money: OverviewPageData['overview']['money']
	format: OverviewFormat
}) {
	const { money, number } = format
	if (totals.length === 0) return null
	return (
		<section aria-labelledby="money-heading">
			<h2 id="money-heading" className="text-xl font-bold">
				Money by currency
			</h2>
			<OverviewTable
				label="Money by currency"
				wide
				columns={[
					'Currency',
					'Raised (net)',
					'Gifts',
					'Given (before refunds)',
					'Average gift',
					'Refunded',
					'Lost to disputes',
					'Disputes won back',
				]}
			>
				{totals.map((m) => (
					<tr key={m.currency}>
						<th scope="row">{m.currency}</th>
						<td className="text-right font-semibold">{money(m.raisedMinor, m.currency)}</td>
						<td className="text-right">{number(m.giftCount)}</td>
						<td className="text-right">{money(m.grossGiftsMinor, m.currency)}</td>
						<td className="text-right">{money(m.averageGiftMinor, m.currency)}</td>
						<td className="text-right">{money(m.refundedMinor, m.currency)}</td>
						<td className="text-right">{money(m.disputedMinor, m.currency)}</td>
						<td className="text-right">{money(m.reinstatedMinor, m.currency)}</td>
					</tr>
				))}
			</OverviewTable>
		</section>
	)
}
