/*
 * Wall-clock times in a named time zone (an event at 10:00 in London is
 * 10:00 whether or not the clocks have gone forward), without a library:
 * Intl knows every zone's offsets.
 */

const partFormats = new Map<string, Intl.DateTimeFormat>()
function partsIn(zone: string, instant: number) {
	let format = partFormats.get(zone)
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
		partFormats.set(zone, format)
	}
	const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]))
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`,
		seconds: Number(parts.second),
	}
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(zone: string, instant: number): number {
	const p = partsIn(zone, instant)
	const asUtc = Date.parse(`${p.date}T${p.time}:${String(p.seconds).padStart(2, '0')}Z`)
	return asUtc - Math.floor(instant / 1000) * 1000
}

/**
 * The instant a wall-clock date ('YYYY-MM-DD') and time ('HH:MM') name in
 * the zone, or null when that time does not exist there (the hour skipped
 * when the clocks go forward) or the text is not a real date and time.
 */
export function zonedInstant(date: string, time: string, zone: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null
	const wall = Date.parse(`${date}T${time}:00Z`)
	if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return null
	// Two passes settle on the offset in force at the result, across a change of the clocks.
	let instant = wall - offsetAt(zone, wall)
	instant = wall - offsetAt(zone, instant)
	const back = partsIn(zone, instant)
	return back.date === date && back.time === time ? new Date(instant) : null
}

/** An instant as the zone's wall-clock date and time, for a form's fields. */
export function zonedParts(instant: Date, zone: string): { date: string; time: string } {
	const { date, time } = partsIn(zone, instant.getTime())
	return { date, time }
}

/** The day after an ISO date. */
export function nextDay(date: string): string {
	const day = new Date(`${date}T00:00:00Z`)
	day.setUTCDate(day.getUTCDate() + 1)
	return day.toISOString().slice(0, 10)
}
