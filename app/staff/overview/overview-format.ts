import type { overviewPageData } from '#app/staff/reporting.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export type OverviewPageData = Awaited<ReturnType<typeof overviewPageData>>

/** The overview's number formats, all in the charity's locale. */
export function overviewFormat(locale: string) {
	const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
	const numberFormat = new Intl.NumberFormat(locale)
	return {
		locale,
		money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
		/** A share from 0 to 1, or a dash when there is nothing to divide by. */
		percent: (share: number | null) => (share === null ? '—' : percentFormat.format(share)),
		number: (n: number) => numberFormat.format(n),
	}
}

export type OverviewFormat = ReturnType<typeof overviewFormat>
