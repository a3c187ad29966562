import { formatMoney } from '#app/utils/money.ts'

export type TrendChartDay = { day: string; netMinor: number; gifts: number }

/** "3 May" from "2025-05-03", read as a UTC day so no time zone moves it. */
function shortDay(day: string, locale: string) {
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
		new Date(`${day}T00:00:00Z`),
	)
}

const WIDTH = 600
const HEIGHT = 160

/**
 * Daily net amounts as bars, drawn as plain SVG on the server: no chart
 * library and no client script. Screen readers get a one-sentence summary
 * (role="img") and the same figures as a visually hidden table. Labels sit in
 * HTML around the drawing so they stay readable when it is squeezed on a phone.
 */
export function TrendChart({ days, currency, locale }: { days: TrendChartDay[]; currency: string; locale: string }) {
	const money = (minor: number) => formatMoney(minor, currency, locale)
	const axis = (minor: number) => formatMoney(minor, currency, locale, { wholeUnits: true })
	const total = days.reduce((sum, d) => sum + d.netMinor, 0)
	const gifts = days.reduce((sum, d) => sum + d.gifts, 0)
	const best = days.reduce<TrendChartDay | null>((top, d) => (d.netMinor > (top?.netMinor ?? 0) ? d : top), null)
	const quietDays = days.filter((d) => d.netMinor === 0 && d.gifts === 0).length
	const first = days[0]
	const last = days.at(-1)
	const range = first && last ? `${shortDay(first.day, locale)} to ${shortDay(last.day, locale)}` : ''
	const summary =
		`Daily amounts raised in ${currency}, ${range}: ${money(total)} net from ${gifts} ${gifts === 1 ? 'gift' : 'gifts'}` +
		(best ? `; best day ${shortDay(best.day, locale)} with ${money(best.netMinor)}` : '') +
		`; ${quietDays} of ${days.length} days with nothing.`

	// Refund days can go below zero, so the scale spans both ways from a zero line.
	const top = Math.max(0, ...days.map((d) => d.netMinor))
	const bottom = Math.min(0, ...days.map((d) => d.netMinor))
	const span = top - bottom || 1
	const zeroY = (top / span) * HEIGHT
	const slot = WIDTH / Math.max(1, days.length)
	const barWidth = Math.max(1, slot * 0.72)

	return (
		<div>
			<div className="flex gap-2">
				<div
					aria-hidden="true"
					className="flex w-14 shrink-0 flex-col justify-between text-right text-xs text-muted tabular-nums"
				>
					<span>{axis(top)}</span>
					<span>{axis(bottom)}</span>
				</div>
				<div className="min-w-0 flex-1">
					<svg
						role="img"
						aria-label={summary}
						viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
						preserveAspectRatio="none"
						className="block h-40 w-full rounded-sm bg-stone-50"
					>
						<line x1={0} x2={WIDTH} y1={0.5} y2={0.5} className="stroke-stone-200" vectorEffect="non-scaling-stroke" />
						{days.map((d, i) => {
							if (d.netMinor === 0) return null
							const height = (Math.abs(d.netMinor) / span) * HEIGHT
							const y = d.netMinor > 0 ? zeroY - height : zeroY
							return (
								<rect
									key={d.day}
									x={i * slot + (slot - barWidth) / 2}
									y={y}
									width={barWidth}
									height={Math.max(height, 1)}
									className={d.netMinor > 0 ? 'fill-brand' : 'fill-red-700'}
								>
									<title>{`${shortDay(d.day, locale)}: ${money(d.netMinor)} (${d.gifts} ${d.gifts === 1 ? 'gift' : 'gifts'})`}</title>
								</rect>
							)
						})}
						<line
							x1={0}
							x2={WIDTH}
							y1={zeroY}
							y2={zeroY}
							className="stroke-stone-500"
							vectorEffect="non-scaling-stroke"
						/>
					</svg>
					<div aria-hidden="true" className="mt-1 flex justify-between text-xs text-muted">
						<span>{first ? shortDay(first.day, locale) : null}</span>
						<span>{last ? shortDay(last.day, locale) : null}</span>
					</div>
				</div>
			</div>
			<table className="sr-only">
				<caption>Daily amounts raised in {currency}</caption>
				<thead>
					<tr>
						<th scope="col">Day</th>
						<th scope="col">Net amount</th>
						<th scope="col">Gifts</th>
					</tr>
				</thead>
				<tbody>
					{days.map((d) => (
						<tr key={d.day}>
							<th scope="row">{shortDay(d.day, locale)}</th>
							<td>{money(d.netMinor)}</td>
							<td>{d.gifts}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
