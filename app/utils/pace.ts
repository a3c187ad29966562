/**
 * Spaces calls out to at most `perSecond` a second: each `take()` resolves at
 * its own slot, in the order they were asked for. For one process's calls to
 * a provider with a documented request rate.
 */
export function createPacer(perSecond: number) {
	const gapMs = 1000 / perSecond
	let nextSlot = 0
	return {
		async take() {
			const now = Date.now()
			const slot = Math.max(now, nextSlot)
			nextSlot = slot + gapMs
			if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now))
		},
	}
}
