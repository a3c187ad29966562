import { describe, expect, test } from 'vitest'
import { isPastEndDate, isTakingGifts } from './taking-gifts.ts'

describe('isTakingGifts', () => {
	test('a live campaign takes gifts all through its end day (UTC) and stops when the day is over', () => {
		const campaign = { status: 'active' as const, endsOn: '2030-06-14' }
		expect(isTakingGifts(campaign, new Date('2030-06-13T12:00:00Z'))).toBe(true)
		expect(isTakingGifts(campaign, new Date('2030-06-14T23:59:59Z'))).toBe(true)
		expect(isTakingGifts(campaign, new Date('2030-06-15T00:00:00Z'))).toBe(false)
		expect(isPastEndDate(campaign, new Date('2030-06-15T00:00:00Z'))).toBe(true)
	})

	test('a live campaign without an end date always takes gifts; an ended, hidden or draft one never does', () => {
		const now = new Date('2030-06-14T12:00:00Z')
		expect(isTakingGifts({ status: 'active', endsOn: null }, now)).toBe(true)
		for (const status of ['ended', 'hidden', 'draft'] as const)
			expect(isTakingGifts({ status, endsOn: '2031-01-01' }, now)).toBe(false)
	})
})
