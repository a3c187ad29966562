/** What a route's `handle` export may say about its page, read in app/root.tsx. */
export type PageHandle = {
	/**
	 * false: the page works without JavaScript and ships none of Remix's or
	 * React's; only our own small enhancement script (copy link, share sheet).
	 */
	hydrate?: boolean
}

/** Whether a page (any of its matched routes) opted out of hydration. */
export function pageSkipsHydration(handles: unknown[]): boolean {
	return handles.some(
		(handle) => typeof handle === 'object' && handle !== null && (handle as PageHandle).hydrate === false,
	)
}
