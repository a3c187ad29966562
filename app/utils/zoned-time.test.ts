import { describe, expect, test } from 'vitest'
import { nextDay, zonedInstant, zonedParts } from './zoned-time.ts'

describe('wall-clock times in a time zone', () => {
	test('an event at 10:00 in London is 10:00 UTC in winter and 09:00 UTC in summer', () => {
		expect(zonedInstant('2027-01-01', '10:00', 'Europe/London')?.toISOString()).toBe('2027-01-01T10:00:00.000Z')
		expect(zonedInstant('2027-07-01', '10:00', 'Europe/London')?.toISOString()).toBe('2027-07-01T09:00:00.000Z')
		expect(zonedInstant('2027-01-01', '00:30', 'America/New_York')?.toISOString()).toBe('2027-01-01T05:30:00.000Z')
	})

	test('a time skipped when the clocks go forward, or a date that does not exist, is null', () => {
		expect(zonedInstant('2027-03-28', '01:30', 'Europe/London')).toBeNull()
		expect(zonedInstant('2027-02-30', '10:00', 'Europe/London')).toBeNull()
		expect(zonedInstant('2027-1-1', '10:00', 'Europe/London')).toBeNull()
	})

	test('an instant reads back as the same wall-clock date and time', () => {
		const instant = zonedInstant('2027-10-31', '23:45', 'Europe/London')!
		expect(zonedParts(instant, 'Europe/London')).toEqual({ date: '2027-10-31', time: '23:45' })
		expect(nextDay('2027-12-31')).toBe('2028-01-01')
	})
})
