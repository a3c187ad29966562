import { isUuid } from '#app/utils/ids.ts'
import { createCookie, data, redirect } from '@remix-run/node'
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { db } from '#db/index.server.ts'
import { people, sessions, type Person } from '#db/schema.ts'

/** Name of the cookie that carries the signed session id. */
export const SESSION_COOKIE_NAME = '__session'
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60

// Built on each use rather than once at import, so a changed environment
// (tests, a rotated secret) takes effect without a restart of this module.
function sessionCookie() {
	const env = getEnv()
	return createCookie(SESSION_COOKIE_NAME, {
		secrets: [env.SESSION_SECRET],
		httpOnly: true,
		sameSite: 'lax',
		secure: env.NODE_ENV === 'production',
		path: '/',
		maxAge: SESSION_MAX_AGE_SECONDS,
	})
}

/**
 * The session id the request's cookie carries, or null. A cookie with a bad
 * signature parses to null; anything that is not a uuid is refused here so a
 * forged value never reaches the database as a malformed uuid.
 */
async function readSessionId(request: Request): Promise<string | null> {
	return readSessionIdFrom(request.headers.get('cookie'))
}

async function readSessionIdFrom(cookieHeader: string | null): Promise<string | null> {
	const value: unknown = await sessionCookie().parse(cookieHeader)
	return isUuid(value) ? value : null
}

/**
 * Whether a Cookie header carries a session cookie signed with our secret.
 * Read without the database, for deciding on every response whether it may
 * be cached: one whose session has since expired is treated as signed in.
 */
export async function carriesSignedSession(cookieHeader: string | null): Promise<boolean> {
	return (await readSessionIdFrom(cookieHeader)) !== null
}

/** The signed-in person, or null when signed out, expired or deleted. */
export async function getSessionPerson(request: Request): Promise<Person | null> {
	const sessionId = await readSessionId(request)
	if (!sessionId) return null
	const [row] = await db()
		.select({ person: people })
		.from(sessions)
		.innerJoin(people, eq(people.id, sessions.personId))
		.where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`), isNull(people.deletedAt)))
	return row?.person ?? null
}

/** The signed-in person; a signed-out visitor is sent to sign in and brought back here. */
export async function requireSessionPerson(request: Request): Promise<Person> {
	const person = await getSessionPerson(request)
	if (person) return person
	const url = new URL(request.url)
	// Remix's own single-fetch parameters are not part of the page's address.
	url.searchParams.delete('_routes')
	url.searchParams.delete('index')
	throw redirect('/login?redirectTo=' + encodeURIComponent(url.pathname + url.search))
}

export async function requireStaff(request: Request): Promise<Person> {
	const person = await requireSessionPerson(request)
	if (person.role === 'staff' || person.role === 'admin') return person
	throw data({ error: 'This page is for charity staff only.' }, { status: 403 })
}

/** A signed-in admin: staff who also manage who has staff access. Other staff get 403. */
export async function requireAdmin(request: Request): Promise<Person> {
	const person = await requireSessionPerson(request)
	if (person.role === 'admin') return person
	throw data({ error: 'This page is for the charity’s staff admins only.' }, { status: 403 })
}

/**
 * Starts a new session for a person who has just proved their email address
 * and returns the Set-Cookie header. The id changes at every sign-in (no
 * session fixation), and the session the browser had before is ended.
 */
export async function createSessionFor(personId: string, request: Request): Promise<string> {
	const previousId = await readSessionId(request)
	const userAgent = request.headers.get('user-agent')?.slice(0, 500) ?? null
	const sessionId = await db().transaction(async (tx) => {
		if (previousId) await tx.delete(sessions).where(eq(sessions.id, previousId))
		// Expired rows are useless; clearing this person's keeps the table small.
		await tx.delete(sessions).where(and(eq(sessions.personId, personId), lte(sessions.expiresAt, sql`now()`)))
		const [row] = await tx
			.insert(sessions)
			.values({
				personId,
				userAgent,
				expiresAt: sql`now() + ${`${SESSION_MAX_AGE_SECONDS} seconds`}::interval`,
			})
			.returning({ id: sessions.id })
		return row!.id
	})
	return sessionCookie().serialize(sessionId)
}

/** Ends the request's session and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
	const sessionId = await readSessionId(request)
	if (sessionId) await db().delete(sessions).where(eq(sessions.id, sessionId))
	return sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) })
}

/** Signs a person out on every device. */
export async function destroyAllSessionsFor(personId: string): Promise<void> {
	await db().delete(sessions).where(eq(sessions.personId, personId))
}
