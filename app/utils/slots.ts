/**
 * At most `count` holders at a time; the rest wait their turn in the order
 * they asked. `take` resolves with the function that gives the slot back. A
 * waiter whose `signal` aborts leaves the queue (its promise rejects with the
 * signal's reason) and never takes a slot.
 */
export function createSlots(count: number) {
	let free = count
	const waiting: { grant: () => void }[] = []
	const give = () => {
		const next = waiting.shift()
		if (next) next.grant()
		else free++
	}
	const releaser = () => {
		let released = false
		return () => {
			if (released) return
			released = true
			give()
		}
	}
	return {
		take(signal?: AbortSignal): Promise<() => void> {
			signal?.throwIfAborted()
			if (free > 0) {
				free--
				return Promise.resolve(releaser())
			}
			return new Promise((resolve, reject) => {
				const waiter = {
					grant: () => {
						signal?.removeEventListener('abort', leave)
						resolve(releaser())
					},
				}
				const leave = () => {
					waiting.splice(waiting.indexOf(waiter), 1)
					// An AbortSignal's reason: an AbortError (a DOMException) unless the caller gave its own.
					reject(signal!.reason as Error)
				}
				signal?.addEventListener('abort', leave, { once: true })
				waiting.push(waiter)
			})
		},
		/** How many wait for a slot now. */
		get queued() {
			return waiting.length
		},
	}
}
