/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(
	check: () => Promise<T | null | undefined | false>,
	options: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
	const deadline = Date.now() + (options.timeoutMs ?? 15_000)
	let last: unknown
	while (Date.now() < deadline) {
		try {
			const value = await check()
			if (value) return value
		} catch (error) {
			last = error
		}
		await new Promise((r) => setTimeout(r, 100))
	}
	throw new Error(
		`Timed out waiting for ${options.what ?? 'condition'}${last ? `: ${last instanceof Error ? last.toString() : JSON.stringify(last)}` : ''}`,
	)
}
