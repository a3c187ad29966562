import { type HeadersFunction } from '@remix-run/node'

/**
 * Public pages (campaign, landing, guide) as a shared cache may keep them: a
 * CDN serves a copy for 10 s and, while it fetches a fresh one, a stale copy
 * for up to a minute more, so a viral peak reaches the app about once per 10 s
 * per page and a total shown is never much more than 10 s old. Browsers
 * revalidate every time (max-age=0). Only for visitors without a session
 * cookie: server/app.ts turns this into `private, no-store` for anyone signed
 * in and for any response that sets a cookie.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=10, stale-while-revalidate=60'

/** A route's `headers` export for a public page. */
export const publicPageHeaders: HeadersFunction = () => ({
	'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL,
	// The same address shows a signed-in person their own header and buttons.
	Vary: 'Cookie',
})
