import { lt } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { rateLimits, sessions, signInCodes } from '#db/schema.ts'

/**
 * Daily housekeeping: expired sessions, spent sign-in challenges and old
 * rate-limit windows are deleted so these tables stay small. Nothing here is
 * a record anyone needs (money, emails and audit entries are kept).
 */
export async function removeExpiredAuthData(now = new Date()) {
	const dayAgo = new Date(now.getTime() - 86_400_000)
	const expiredSessions = await db().delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })
	const oldChallenges = await db()
		.delete(signInCodes)
		.where(lt(signInCodes.expiresAt, dayAgo))
		.returning({ id: signInCodes.id })
	const oldWindows = await db()
		.delete(rateLimits)
		.where(lt(rateLimits.windowStartedAt, dayAgo))
		.returning({ key: rateLimits.key })
	return { sessions: expiredSessions.length, signInCodes: oldChallenges.length, rateLimits: oldWindows.length }
}
