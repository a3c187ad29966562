/**
 * A value worth a few seconds of staleness, computed at most once per
 * `seconds` per process: the first caller waits for it; later ones get the
 * kept value while a single refresh runs behind them, so a figure that costs
 * a whole-table pass is paid once per window, not once per view.
 */
export function keptFor<T>(seconds: number, compute: () => Promise<T>): () => Promise<T> {
	let kept: { value: T; at: number } | null = null
	let refreshing: Promise<T> | null = null
	const refresh = () => {
		refreshing ??= compute()
			.then((value) => {
				kept = { value, at: Date.now() }
				return value
			})
			.finally(() => {
				refreshing = null
			})
		return refreshing
	}
	return async () => {
		if (!kept) return refresh()
		if (Date.now() - kept.at >= seconds * 1000) {
			// A failed refresh keeps the last value; the next view tries again.
			refresh().catch(() => {})
		}
		return kept.value
	}
}

/**
 * keptFor with one kept value per key (an event's team board, say), each
 * computed and refreshed on its own. Keys are kept for the life of the
 * process, so they must come from a small set (events, not visitors).
 */
export function keptForEach<K, T>(seconds: number, compute: (key: K) => Promise<T>): (key: K) => Promise<T> {
	const perKey = new Map<K, () => Promise<T>>()
	return (key) => {
		let kept = perKey.get(key)
		if (!kept) perKey.set(key, (kept = keptFor(seconds, () => compute(key))))
		return kept()
	}
}
