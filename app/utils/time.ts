// Built once per locale: building one costs more than formatting with it, once per donor row.
const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>()

/** "3 days ago", "in 2 weeks": relative time in the charity's locale. */
export function relativeTime(date: Date | string, locale: string, now = new Date()): string {
	const seconds = Math.round((new Date(date).getTime() - now.getTime()) / 1000)
	let format = relativeTimeFormats.get(locale)
	if (!format) {
		format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
		relativeTimeFormats.set(locale, format)
	}
	const units: [Intl.RelativeTimeFormatUnit, number][] = [
		['year', 31_536_000],
		['month', 2_592_000],
		['week', 604_800],
		['day', 86_400],
		['hour', 3_600],
		['minute', 60],
	]
	for (const [unit, size] of units) {
		if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit)
	}
	return format.format(0, 'minute')
}

/** Whole days from today until an ISO date (negative when past). */
export function daysUntil(isoDate: string, now = new Date()): number {
	const end = Date.parse(`${isoDate}T23:59:59Z`)
	return Math.ceil((end - now.getTime()) / 86_400_000) - 1
}

/**
 * A moment as staff pages show it: date and time in UTC, so the page the
 * server renders and the one the browser hydrates agree.
 */
export function staffTime(date: Date | string, locale: string): string {
	return (
		new Date(date).toLocaleString(locale, {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			timeZone: 'UTC',
		}) + ' UTC'
	)
}
