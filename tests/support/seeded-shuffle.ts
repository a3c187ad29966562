import { randomInt } from 'node:crypto'

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit seed, so a run can be replayed from it. */
function mulberry32(seed: number) {
	let state = seed >>> 0
	return () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/**
 * The seed of a shuffling test: TEST_SHUFFLE_SEED when set (to replay a
 * failure), otherwise a new random one. Put it in the test's failure
 * messages so a failing order can be run again.
 */
export function shuffleSeed(): number {
	const given = process.env.TEST_SHUFFLE_SEED
	if (given === undefined || given === '') return randomInt(2 ** 32)
	const seed = Number(given)
	if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
		throw new Error(`TEST_SHUFFLE_SEED must be a whole number from 0 to ${2 ** 32 - 1}, not ${given}`)
	return seed
}

/** A Fisher–Yates shuffle of a copy of `items`, in the order `seed` decides. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
	const random = mulberry32(seed)
	const shuffled = [...items]
	for (let i = shuffled.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1))
		;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
	}
	return shuffled
}
