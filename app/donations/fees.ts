/**
 * What a donor adds so the charity nets exactly `amountMinor` after a
 * processing fee of `bps` basis points plus `fixedMinor`: the gross-up
 * total = ceil((amount + fixed) / (1 − rate)), in integer arithmetic.
 */
export function coverFeeMinor(amountMinor: number, rate: { bps: number; fixedMinor: number }): number {
	const numerator = (amountMinor + rate.fixedMinor) * 10_000
	const denominator = 10_000 - rate.bps
	const total = Math.floor((numerator + denominator - 1) / denominator)
	return total - amountMinor
}
