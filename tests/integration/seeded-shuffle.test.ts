import { afterEach, describe, expect, test } from 'vitest'
import { seededShuffle, shuffleSeed } from '#tests/support/seeded-shuffle.ts'

const items = Array.from({ length: 50 }, (_, i) => i)

describe('the seeded shuffle of concurrency tests', () => {
	afterEach(() => {
		delete process.env.TEST_SHUFFLE_SEED
	})

	test('one seed always gives the same order, so a failing run can be replayed', () => {
		expect(seededShuffle(items, 1234)).toEqual(seededShuffle(items, 1234))
		expect(seededShuffle(items, 1234)).not.toEqual(seededShuffle(items, 1235))
	})

	test('the order is a permutation of the items, and the input is left as it was', () => {
		const input = [...items]
		const shuffled = seededShuffle(input, 42)
		expect(shuffled).not.toEqual(items)
		expect([...shuffled].sort((a, b) => a - b)).toEqual(items)
		expect(input).toEqual(items)
	})

	test('TEST_SHUFFLE_SEED chooses the seed; a malformed one is refused rather than ignored', () => {
		process.env.TEST_SHUFFLE_SEED = '987654321'
		expect(shuffleSeed()).toBe(987654321)
		process.env.TEST_SHUFFLE_SEED = 'abc'
		expect(() => shuffleSeed()).toThrow('TEST_SHUFFLE_SEED must be a whole number')
		delete process.env.TEST_SHUFFLE_SEED
		expect(Number.isInteger(shuffleSeed())).toBe(true)
	})
})
