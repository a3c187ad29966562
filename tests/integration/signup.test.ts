import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { recordLearnMoreSignup } from '#app/people/signups.server.ts'
import { db } from '#db/index.server.ts'
import { emails, people, signups } from '#db/schema.ts'
import { testDatabase } from '#tests/support/setup-file.ts'

const ada = { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', idea: 'birthday' as const, emailConsent: true }

async function queuedJobsFor(emailId: string) {
	const { rows } = await testDatabase().sql.executeSql(`select name, data from pgboss.job where id = $1`, [emailId])
	return rows
}

describe('learn-more sign-up', () => {
	test('writes one person, one sign-up and one queued welcome email with its job', async () => {
		const result = await recordLearnMoreSignup(ada)
		const [person] = await db().select().from(people)
		expect(person).toMatchObject({ email: 'Ada@Example.com', firstName: 'Ada', lastName: 'Lovelace' })
		expect(person!.emailConsentAt).toBeInstanceOf(Date)
		expect(await db().select().from(signups)).toHaveLength(1)
		const queued = await db().select().from(emails).where(eq(emails.status, 'queued'))
		expect(queued).toHaveLength(1)
		expect(queued[0]).toMatchObject({ template: 'signup-welcome', toEmail: 'Ada@Example.com', status: 'queued', personId: person!.id })
		// With consent, the coaching sequence waits its turn as scheduled rows.
		const scheduled = await db().select().from(emails).where(eq(emails.status, 'scheduled'))
		expect(scheduled.map((e) => e.template).sort()).toEqual(['signup-day2', 'signup-day5', 'signup-day9'])
		expect(await queuedJobsFor(result.welcomeEmailId!)).toEqual([
			{ name: 'send-email', data: { emailId: result.welcomeEmailId } },
		])
	})

	test('signing up twice, in any case, keeps one person and sends one welcome', async () => {
		await recordLearnMoreSignup(ada)
		const again = await recordLearnMoreSignup({ ...ada, email: 'ada@example.COM', idea: null, emailConsent: false })
		expect(again.welcomeEmailId).toBeNull()
		expect(await db().select().from(people)).toHaveLength(1)
		expect(await db().select().from(signups)).toHaveLength(2)
		expect(await db().select().from(emails).where(eq(emails.template, 'signup-welcome'))).toHaveLength(1)
		expect(await db().select().from(emails).where(eq(emails.template, 'signup-day2'))).toHaveLength(1)
		const [person] = await db().select().from(people)
		// Not ticking consent the second time does not withdraw the first consent.
		expect(person!.emailConsentAt).toBeInstanceOf(Date)
	})

	test('a person who never consented has no consent recorded', async () => {
		await recordLearnMoreSignup({ ...ada, emailConsent: false })
		const [person] = await db().select().from(people)
		expect(person!.emailConsentAt).toBeNull()
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
					data: { firstName: 'X', idea: null, ideaLabel: null },
				})
				throw new Error('the causing change failed')
			}),
		).rejects.toThrow('the causing change failed')
		expect(emailId).not.toBeNull()
		expect(await db().select().from(emails).where(eq(emails.causeKey, 'rolled-back'))).toHaveLength(0)
		expect(await queuedJobsFor(emailId!)).toHaveLength(0)
	})
})
