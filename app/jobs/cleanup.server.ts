import { lt } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { formSubmissions, rateLimits, sessions, signInCodes, spentDonationChallenges } from '#db/schema.ts'

/**
 * Daily housekeeping: expired sessions, spent sign-in challenges, old
 * rate-limit windows, donation checks past their expiry (they could not be
 * replayed anyway) and form tokens used over 30 days ago (no browser resends
 * a form that late) are deleted so these tables stay small. Nothing here is
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
	const spentChecks = await db()
		.delete(spentDonationChallenges)
		.where(lt(spentDonationChallenges.expiresAt, now))
		.returning({ signature: spentDonationChallenges.signature })
	const oldFormTokens = await db()
		.delete(formSubmissions)
		.where(lt(formSubmissions.createdAt, new Date(now.getTime() - 30 * 86_400_000)))
		.returning({ token: formSubmissions.token })
	return {
		sessions: expiredSessions.length,
		signInCodes: oldChallenges.length,
		rateLimits: oldWindows.length,
		donationChecks: spentChecks.length,
		formTokens: oldFormTokens.length,
	}
}
