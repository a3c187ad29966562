import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { confirmTipsConsent, recordLearnMoreSignup, tipsConfirmationToken } from '#app/people/signups.server.ts'
import { db } from '#db/index.server.ts'
import { emails, people, signups } from '#db/schema.ts'
import { testDatabase } from '#tests/support/setup-file.ts'

const ada = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'Ada@Example.com',
	idea: 'birthday' as const,
	emailConsent: true,
}

async function queuedJobsFor(emailId: string) {
	const { rows } = await testDatabase().sql.executeSql(`select name, data from pgboss.job where id = $1`, [emailId])
	return rows
}

describe('learn-more sign-up', () => {
	test('writes one person, one sign-up and one queued welcome email with its job; ticked consent waits for the address', async () => {
		const result = await recordLearnMoreSignup(ada)
		const [person] = await db().select().from(people)
		expect(person).toMatchObject({ email: 'Ada@Example.com', firstName: 'Ada', lastName: 'Lovelace' })
		// Ticking the box is a request: consent is the address's to give.
		expect(person!.emailConsentAt).toBeNull()
		expect(await db().select().from(signups)).toHaveLength(1)
		const queued = await db().select().from(emails).where(eq(emails.status, 'queued'))
		expect(queued).toHaveLength(1)
		expect(queued[0]).toMatchObject({
			template: 'signup-welcome',
			toEmail: 'Ada@Example.com',
			status: 'queued',
			personId: person!.id,
		})
		expect(queued[0]!.data).toMatchObject({
			confirmTipsUrl: expect.stringContaining('/fundraise/confirm-tips?t=') as string,
		})
		expect(await db().select().from(emails).where(eq(emails.status, 'scheduled'))).toEqual([])
		expect(await queuedJobsFor(result.welcomeEmailId!)).toEqual([
			{ name: 'send-email', data: { emailId: result.welcomeEmailId } },
		])
		// Once confirmed, the coaching sequence waits its turn as scheduled rows.
		expect(await confirmTipsConsent(tipsConfirmationToken(result.signupId))).toMatchObject({ status: 'confirmed' })
		const [confirmed] = await db().select().from(people)
		expect(confirmed!.emailConsentAt).toBeInstanceOf(Date)
		const scheduled = await db().select().from(emails).where(eq(emails.status, 'scheduled'))
		expect(scheduled.map((e) => e.template).sort()).toEqual(['signup-day2', 'signup-day5', 'signup-day9'])
	})

	test('signing up twice, in any case, keeps one person and sends one welcome', async () => {
		const first = await recordLearnMoreSignup(ada)
		await confirmTipsConsent(tipsConfirmationToken(first.signupId))
		const again = await recordLearnMoreSignup({ ...ada, email: 'ada@example.COM', idea: null, emailConsent: false })
		expect(again.welcomeEmailId).toBeNull()
		expect(await db().select().from(people)).toHaveLength(1)
		expect(await db().select().from(signups)).toHaveLength(2)
		expect(await db().select().from(emails).where(eq(emails.template, 'signup-welcome'))).toHaveLength(1)
		expect(await db().select().from(emails).where(eq(emails.template, 'signup-day2'))).toHaveLength(1)
		const [person] = await db().select().from(people)
		// Not ticking consent the second time does not withdraw the confirmed consent.
		expect(person!.emailConsentAt).toBeInstanceOf(Date)
	})

	test('a person who never consented has no consent recorded and no confirmation link', async () => {
		await recordLearnMoreSignup({ ...ada, emailConsent: false })
		const [person] = await db().select().from(people)
		expect(person!.emailConsentAt).toBeNull()
		const [welcome] = await db().select().from(emails)
		expect(welcome!.data).toMatchObject({ confirmTipsUrl: null })
	})

	test('a confirmation link stops working after its time, and a sign-up without consent cannot be confirmed', async () => {
		const { signupId } = await recordLearnMoreSignup(ada)
		await db()
			.update(signups)
			.set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
			.where(eq(signups.id, signupId))
		expect(await confirmTipsConsent(tipsConfirmationToken(signupId))).toMatchObject({ status: 'expired' })
		const without = await recordLearnMoreSignup({ ...ada, email: 'other@example.com', emailConsent: false })
		expect(await confirmTipsConsent(tipsConfirmationToken(without.signupId))).toMatchObject({ status: 'invalid' })
		expect((await db().select().from(people)).map((p) => p.emailConsentAt)).toEqual([null, null])
	})

	test('an email and its job are written with the change or not at all', async () => {
		const { queueEmail } = await import('#app/email/outbox.server.ts')
		let emailId: string | null = null
		await expect(
			db().transaction(async (tx) => {
				emailId = await queueEmail(tx, {
					template: 'signup-welcome',
					causeKey: 'rolled-back',
					to: 'x@example.org',
					data: { firstName: 'X', idea: null },
				})
				throw new Error('the causing change failed')
			}),
		).rejects.toThrow('the causing change failed')
		expect(emailId).not.toBeNull()
		expect(await db().select().from(emails).where(eq(emails.causeKey, 'rolled-back'))).toHaveLength(0)
		expect(await queuedJobsFor(emailId!)).toHaveLength(0)
	})
})
