/** Short-URL rules shared by the browser and the server. */

export const SLUG_MIN = 3
export const SLUG_MAX = 60

/** Paths and words a campaign may not take. */
export const reservedSlugs = new Set([
	'admin',
	'api',
	'account',
	'assets',
	'dashboard',
	'dev',
	'donate',
	'edit',
	'f',
	'fundraise',
	'guide',
	'help',
	'healthz',
	'images',
	'login',
	'logout',
	'media',
	'new',
	'privacy',
	'qr',
	'settings',
	'share',
	'staff',
	'start',
	'static',
	'terms',
	'thank-you',
	'uploads',
	'webhooks',
	'www',
])

/** Turns a title into a URL-friendly suggestion ("Amara's 30th!" → "amaras-30th"). */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, SLUG_MAX)
		.replace(/-+$/g, '')
}

/** Why a slug cannot be used, or null when it is fine (uniqueness is checked against the database). */
export function slugProblem(slug: string): string | null {
	if (slug.length < SLUG_MIN) return `Your short link must be at least ${SLUG_MIN} characters`
	if (slug.length > SLUG_MAX) return `Your short link must be at most ${SLUG_MAX} characters`
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
		return 'Use only lowercase letters, numbers and single hyphens (not at the start or end)'
	}
	if (reservedSlugs.has(slug)) return 'That short link is reserved; please choose another'
	return null
}
