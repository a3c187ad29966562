import { describe, expect, test } from 'vitest'
import { isNewGiftMoney } from './money-moved.server.ts'

describe('isNewGiftMoney', () => {
	test('a counted online or offline gift is new money; refunds, disputes and reinstatements are not', () => {
		expect(isNewGiftMoney({ kind: 'donation_succeeded', amountMinor: 2500 })).toBe(true)
		expect(isNewGiftMoney({ kind: 'offline_confirmed', amountMinor: 1000 })).toBe(true)
		expect(isNewGiftMoney({ kind: 'refund', amountMinor: -500 })).toBe(false)
		expect(isNewGiftMoney({ kind: 'dispute_withdrawn', amountMinor: -2500 })).toBe(false)
		expect(isNewGiftMoney({ kind: 'dispute_reinstated', amountMinor: 2500 })).toBe(false)
	})
})
