import { describe, expect, test } from 'vitest'
import { removeExpiredAuthData } from '#app/jobs/cleanup.server.ts'
import { db } from '#db/index.server.ts'
import { createPerson } from '#db/factories.server.ts'
import { formSubmissions, rateLimits, sessions, signInCodes, spentDonationChallenges } from '#db/schema.ts'

describe('daily housekeeping', () => {
	test('removes expired sessions, spent sign-in challenges, old rate-limit windows, expired donation checks and month-old form tokens, and keeps live ones', async () => {
		const person = await createPerson(db())
		const now = new Date()
		const hour = 3_600_000
		await db()
			.insert(sessions)
			.values([
				{ personId: person.id, expiresAt: new Date(now.getTime() - hour) },
				{ personId: person.id, expiresAt: new Date(now.getTime() + 30 * 24 * hour) },
			])
		await db()
			.insert(signInCodes)
			.values([
				{ email: 'a@example.org', codeHash: 'x', linkTokenHash: 'old', expiresAt: new Date(now.getTime() - 48 * hour) },
				{
					email: 'a@example.org',
					codeHash: 'y',
					linkTokenHash: 'fresh',
					expiresAt: new Date(now.getTime() + 0.1 * hour),
				},
			])
		await db()
			.insert(rateLimits)
			.values([
				{ key: 'old', windowStartedAt: new Date(now.getTime() - 48 * hour), hits: 3 },
				{ key: 'current', windowStartedAt: now, hits: 1 },
			])
		await db()
			.insert(spentDonationChallenges)
			.values([
				{ signature: 'altcha:expired', expiresAt: new Date(now.getTime() - hour) },
				{ signature: 'altcha:live', expiresAt: new Date(now.getTime() + 0.2 * hour) },
			])
		await db()
			.insert(formSubmissions)
			.values([
				{
					token: 'used-long-ago',
					action: 'campaign-update',
					resultId: 'x',
					createdAt: new Date(now.getTime() - 31 * 24 * hour),
				},
				{ token: 'used-today', action: 'campaign-update', resultId: 'y', createdAt: now },
			])
		expect(await removeExpiredAuthData(now)).toEqual({
			sessions: 1,
			signInCodes: 1,
			rateLimits: 1,
			donationChecks: 1,
			formTokens: 1,
		})
		expect((await db().select().from(spentDonationChallenges)).map((c) => c.signature)).toEqual(['altcha:live'])
		expect((await db().select().from(formSubmissions)).map((f) => f.token)).toEqual(['used-today'])
		expect(await db().select().from(sessions)).toHaveLength(1)
		expect((await db().select().from(signInCodes)).map((c) => c.linkTokenHash)).toEqual(['fresh'])
		expect((await db().select().from(rateLimits)).map((r) => r.key)).toEqual(['current'])
	})
})
