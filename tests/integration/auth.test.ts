import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { deleteAccount, updateProfile } from '#app/people/account.server.ts'
import {
	createSessionFor,
	destroyAllSessionsFor,
	destroySession,
	getSessionPerson,
	requireSessionPerson,
	requireStaff,
} from '#app/people/session.server.ts'
import { requestSignIn, safeRedirect, verifySignInCode, verifySignInLink } from '#app/people/sign-in.server.ts'
import { recordLearnMoreSignup } from '#app/people/signups.server.ts'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations, emails, moneyMovements, people, sessions, signInCodes } from '#db/schema.ts'
import { emailTemplates, type EmailTemplateData } from '#emails/index.ts'
import { testDatabase } from '#tests/support/setup-file.ts'

const ip = '203.0.113.7'

/** Asks for a sign-in email and reads back what it carries, as the person would. */
async function askToSignIn(email: string, options: { redirectTo?: string; clientIp?: string } = {}) {
	const result = await requestSignIn({ email, redirectTo: options.redirectTo, clientIp: options.clientIp ?? ip })
	if (result.status !== 'sent') throw new Error(`sign-in was refused: ${result.message}`)
	const [email_] = await db()
		.select()
		.from(emails)
		.where(eq(emails.causeKey, `sign-in:${result.challengeId}`))
	const data = email_!.data as EmailTemplateData['sign-in-code']
	return { ...result, email: email_!, code: data.code, token: data.linkToken }
}

async function challengeRow(challengeId: string) {
	const [row] = await db().select().from(signInCodes).where(eq(signInCodes.id, challengeId))
	return row!
}

function requestWith(cookie?: string, path = '/account') {
	return new Request(`http://localhost:3000${path}`, {
		headers: cookie ? { cookie: cookie.split(';')[0]! } : {},
	})
}

async function signedInCookie(personId: string) {
	return createSessionFor(personId, requestWith())
}

/** A different code from `code`, so a test can be sure it types a wrong one. */
function wrongCode(code: string) {
	return String((Number(code) + 1) % 1_000_000).padStart(6, '0')
}

describe('signing in with an emailed code or link', () => {
	test('a sign-in request queues one email with the code and link, in the same transaction as the challenge', async () => {
		const sent = await askToSignIn('grace@example.com', { redirectTo: '/account' })
		expect(sent.code).toMatch(/^\d{6}$/)
		expect(sent.email).toMatchObject({
			template: 'sign-in-code',
			toEmail: 'grace@example.com',
			status: 'queued',
			personId: null,
		})
		const { rows: jobs } = await testDatabase().sql.executeSql(`select name from pgboss.job where id = $1`, [
			sent.emailId,
		])
		expect(jobs).toEqual([{ name: 'send-email' }])
		// now() is the transaction's start time: equal timestamps mean one transaction.
		const challenge = await challengeRow(sent.challengeId)
		expect(sent.email.createdAt.getTime()).toBe(challenge.createdAt.getTime())

		const rendered = emailTemplates['sign-in-code'](sent.email.data as EmailTemplateData['sign-in-code'], {
			charity: getCharity(),
			appUrl: 'http://localhost:3000',
		})
		expect(rendered.subject).toBe(`Your sign-in code: ${sent.code}`)
		const link = `http://localhost:3000/login/link?token=${sent.token}`
		expect(rendered.text).toContain(sent.code)
		expect(rendered.text).toContain(link)
		expect(rendered.html).toContain(sent.code)
		expect(rendered.html).toContain(`href="${link}"`)
	})

	test('the emailed code signs the address in, makes their account and sends them where they were going', async () => {
		const sent = await askToSignIn('Grace@Example.com', { redirectTo: '/account?tab=emails' })
		expect(await db().select().from(people)).toHaveLength(0)
		const result = await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })
		expect(result).toMatchObject({
			ok: true,
			redirectTo: '/account?tab=emails',
			person: { email: 'Grace@Example.com' },
		})
		expect(await db().select().from(people)).toHaveLength(1)
	})

	test('the emailed link signs in too, and goes to the dashboard when nowhere was asked for', async () => {
		const sent = await askToSignIn('grace@example.com')
		const result = await verifySignInLink(sent.token)
		expect(result).toMatchObject({ ok: true, redirectTo: '/dashboard', person: { email: 'grace@example.com' } })
	})

	test('a code works once: the second use fails, and so does the link of the same email', async () => {
		const sent = await askToSignIn('grace@example.com')
		expect((await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })).ok).toBe(true)
		expect(await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })).toMatchObject({
			ok: false,
			reason: 'used',
		})
		expect(await verifySignInLink(sent.token)).toMatchObject({ ok: false, reason: 'used' })
	})

	test('a link works once', async () => {
		const sent = await askToSignIn('grace@example.com')
		expect((await verifySignInLink(sent.token)).ok).toBe(true)
		expect(await verifySignInLink(sent.token)).toMatchObject({ ok: false, reason: 'used' })
		expect(await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })).toMatchObject({
			ok: false,
			reason: 'used',
		})
	})

	test('two racing uses of one code sign in only once', async () => {
		const sent = await askToSignIn('grace@example.com')
		const results = await Promise.all([
			verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip }),
			verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip }),
			verifySignInLink(sent.token),
		])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
	})

	test('a code and link last 10 minutes and fail after that', async () => {
		const sent = await askToSignIn('grace@example.com')
		const challenge = await challengeRow(sent.challengeId)
		expect(challenge.expiresAt.getTime() - challenge.createdAt.getTime()).toBe(10 * 60 * 1000)
		// Ten minutes and a second later:
		await db()
			.update(signInCodes)
			.set({
				createdAt: sql`${signInCodes.createdAt} - interval '601 seconds'`,
				expiresAt: sql`${signInCodes.expiresAt} - interval '601 seconds'`,
			})
			.where(eq(signInCodes.id, sent.challengeId))
		const byCode = await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })
		expect(byCode).toMatchObject({ ok: false, reason: 'expired' })
		if (!byCode.ok) expect(byCode.message).toContain('expired')
		expect(await verifySignInLink(sent.token)).toMatchObject({ ok: false, reason: 'expired' })
		expect(await db().select().from(people)).toHaveLength(0)
	})

	test('five wrong codes void the challenge: the right code and the link then fail too', async () => {
		const sent = await askToSignIn('grace@example.com')
		const wrong = wrongCode(sent.code)
		for (const attemptsLeft of [4, 3, 2, 1]) {
			expect(await verifySignInCode({ email: 'grace@example.com', code: wrong, clientIp: ip })).toMatchObject({
				ok: false,
				reason: 'wrong-code',
				attemptsLeft,
			})
		}
		expect(await verifySignInCode({ email: 'grace@example.com', code: wrong, clientIp: ip })).toMatchObject({
			ok: false,
			reason: 'too-many-attempts',
		})
		expect(await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })).toMatchObject({
			ok: false,
			reason: 'too-many-attempts',
		})
		expect(await verifySignInLink(sent.token)).toMatchObject({ ok: false, reason: 'too-many-attempts' })
		expect((await challengeRow(sent.challengeId)).failedAttempts).toBe(5)
		expect(await db().select().from(people)).toHaveLength(0)
	})

	test('only the newest code for an address counts', async () => {
		const first = await askToSignIn('grace@example.com')
		const second = await askToSignIn('grace@example.com')
		if (first.code !== second.code) {
			expect(await verifySignInCode({ email: 'grace@example.com', code: first.code, clientIp: ip })).toMatchObject({
				reason: 'wrong-code',
			})
		}
		expect((await verifySignInCode({ email: 'grace@example.com', code: second.code, clientIp: ip })).ok).toBe(true)
	})

	test('a code for another address, or for no request at all, does not sign in', async () => {
		const sent = await askToSignIn('grace@example.com')
		expect(await verifySignInCode({ email: 'mallory@example.com', code: sent.code, clientIp: ip })).toMatchObject({
			ok: false,
			reason: 'no-challenge',
		})
		expect(await verifySignInLink('not-a-real-token')).toMatchObject({ ok: false, reason: 'invalid-link' })
	})

	test('codes and link tokens are stored only as salted hashes', async () => {
		const sent = await askToSignIn('grace@example.com')
		const row = await challengeRow(sent.challengeId)
		const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
		expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/)
		expect(row.codeHash).not.toContain(sent.code)
		// Salted: hashing every possible code once would not reveal it.
		expect(row.codeHash).not.toBe(sha256(sent.code))
		expect(row.linkTokenHash).toMatch(/^[0-9a-f]{64}$/)
		expect(row.linkTokenHash).not.toContain(sent.token)
		for (const value of Object.values(row)) {
			if (typeof value === 'string' && value !== row.id) {
				expect(value).not.toContain(sent.code)
				expect(value).not.toContain(sent.token)
			}
		}
	})

	test('an address can ask for 5 sign-in emails in 15 minutes, whatever its case', async () => {
		for (let i = 0; i < 5; i++)
			await askToSignIn(i % 2 ? 'GRACE@example.com' : 'grace@example.com', { clientIp: `198.51.100.${i}` })
		const limited = await requestSignIn({ email: 'grace@example.com', clientIp: '198.51.100.99' })
		expect(limited).toMatchObject({ status: 'rate-limited' })
		if (limited.status === 'rate-limited') {
			expect(limited.message).toMatch(/try again in 15 minutes/)
			expect(limited.retryAfterSeconds).toBeGreaterThan(14 * 60)
		}
		expect(await db().select().from(emails)).toHaveLength(5)
		// Another address is not held back.
		expect((await requestSignIn({ email: 'ada@example.com', clientIp: '198.51.100.99' })).status).toBe('sent')
	})

	test('one IP address can ask for 20 sign-in emails an hour', async () => {
		for (let i = 0; i < 20; i++) await askToSignIn(`person${i}@example.com`)
		const limited = await requestSignIn({ email: 'late@example.com', clientIp: ip })
		expect(limited).toMatchObject({ status: 'rate-limited' })
		expect(await db().select().from(signInCodes)).toHaveLength(20)
		expect((await requestSignIn({ email: 'late@example.com', clientIp: '192.0.2.1' })).status).toBe('sent')
	})

	test('signing in with an address that signed up to learn more is the same person', async () => {
		const { personId } = await recordLearnMoreSignup({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'Ada@Example.com',
			idea: 'birthday',
			emailConsent: true,
		})
		const sent = await askToSignIn('ada@example.COM')
		expect(sent.email.personId).toBe(personId)
		const result = await verifySignInCode({ email: 'ada@example.com', code: sent.code, clientIp: ip })
		expect(result).toMatchObject({
			ok: true,
			person: { id: personId, firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com' },
		})
		expect(await db().select().from(people)).toHaveLength(1)
	})

	test('only local paths are kept as places to go after signing in', () => {
		expect(safeRedirect('/account?tab=emails#top')).toBe('/account?tab=emails#top')
		for (const bad of [
			'//evil.com',
			'https://evil.com',
			'/\\evil.com',
			'evil.com',
			'/\t/evil.com',
			'',
			null,
			undefined,
			'/login/verify',
		]) {
			expect(safeRedirect(bad), String(bad)).toBe('/dashboard')
		}
	})
})

describe('sessions', () => {
	test('a session cookie identifies its person until the session is destroyed', async () => {
		const person = await createPerson(db())
		const cookie = await signedInCookie(person.id)
		expect(cookie).toMatch(/^__session=[^;]+;/)
		expect((await getSessionPerson(requestWith(cookie)))?.id).toBe(person.id)
		const cleared = await destroySession(requestWith(cookie))
		expect(cleared).toMatch(/^__session=;/)
		expect(cleared).toContain('Max-Age=0')
		expect(await getSessionPerson(requestWith(cookie))).toBeNull()
		expect(await db().select().from(sessions)).toHaveLength(0)
	})

	test('signing in again gives a new session id and ends the one the browser had', async () => {
		const person = await createPerson(db())
		const first = await signedInCookie(person.id)
		const second = await createSessionFor(person.id, requestWith(first))
		expect(second).not.toBe(first)
		expect(await getSessionPerson(requestWith(first))).toBeNull()
		expect((await getSessionPerson(requestWith(second)))?.id).toBe(person.id)
		expect(await db().select().from(sessions)).toHaveLength(1)
	})

	test('sessions last 30 days; an expired one is signed out', async () => {
		const person = await createPerson(db())
		const cookie = await signedInCookie(person.id)
		const [row] = await db().select().from(sessions)
		expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(30 * 24 * 3600 * 1000)
		expect(cookie).toContain('Max-Age=2592000')
		await db()
			.update(sessions)
			.set({ expiresAt: sql`now() - interval '1 second'` })
		expect(await getSessionPerson(requestWith(cookie))).toBeNull()
	})

	test('a missing, forged or garbled cookie is signed out', async () => {
		const person = await createPerson(db())
		await signedInCookie(person.id)
		const [row] = await db().select().from(sessions)
		const unsigned = `__session=${btoa(JSON.stringify(row!.id))}`
		for (const cookie of [undefined, unsigned, '__session=garbage', '__session=e30%3D.bad-signature']) {
			expect(await getSessionPerson(requestWith(cookie)), String(cookie)).toBeNull()
		}
	})

	test('sign out everywhere deletes all of that person’s sessions and no one else’s', async () => {
		const grace = await createPerson(db())
		const ada = await createPerson(db())
		const phone = await signedInCookie(grace.id)
		const laptop = await signedInCookie(grace.id)
		const adas = await signedInCookie(ada.id)
		await destroyAllSessionsFor(grace.id)
		expect(await getSessionPerson(requestWith(phone))).toBeNull()
		expect(await getSessionPerson(requestWith(laptop))).toBeNull()
		expect((await getSessionPerson(requestWith(adas)))?.id).toBe(ada.id)
		expect(await db().select().from(sessions).where(eq(sessions.personId, grace.id))).toHaveLength(0)
	})

	test('a signed-out visitor to a private page is sent to sign in and back again', async () => {
		const thrown = await requireSessionPerson(requestWith(undefined, '/dashboard?tab=gifts')).catch((e: unknown) => e)
		expect(thrown).toBeInstanceOf(Response)
		expect((thrown as Response).status).toBe(302)
		expect((thrown as Response).headers.get('location')).toBe('/login?redirectTo=%2Fdashboard%3Ftab%3Dgifts')
	})

	test('staff pages refuse supporters with a 403 and let staff in', async () => {
		const supporter = await createPerson(db())
		const staff = await createPerson(db(), { role: 'staff' })
		const refused = await requireStaff(requestWith(await signedInCookie(supporter.id))).catch((e: unknown) => e)
		expect(refused).toMatchObject({ init: { status: 403 }, data: { error: expect.any(String) as unknown } })
		expect((await requireStaff(requestWith(await signedInCookie(staff.id)))).id).toBe(staff.id)
	})
})

describe('account', () => {
	test('saving the profile records news consent once and withdraws it when unticked', async () => {
		const person = await createPerson(db(), { firstName: '', lastName: '' })
		await updateProfile(person.id, { firstName: 'Grace', lastName: 'Hopper', coachingEmails: false, newsConsent: true })
		const [saved] = await db().select().from(people).where(eq(people.id, person.id))
		expect(saved).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', coachingEmails: false })
		expect(saved!.emailConsentAt).toBeInstanceOf(Date)
		await updateProfile(person.id, { firstName: 'Grace', lastName: 'Hopper', coachingEmails: true, newsConsent: true })
		const [again] = await db().select().from(people).where(eq(people.id, person.id))
		expect(again!.emailConsentAt).toEqual(saved!.emailConsentAt)
		await updateProfile(person.id, { firstName: 'Grace', lastName: 'Hopper', coachingEmails: true, newsConsent: false })
		const [withdrawn] = await db().select().from(people).where(eq(people.id, person.id))
		expect(withdrawn!.emailConsentAt).toBeNull()
	})

	test('deleting an account anonymises the person, signs them out everywhere and keeps their campaigns and gifts', async () => {
		const sent = await askToSignIn('grace@example.com')
		const signedIn = await verifySignInCode({ email: 'grace@example.com', code: sent.code, clientIp: ip })
		if (!signedIn.ok) throw new Error(signedIn.message)
		const grace = signedIn.person
		await updateProfile(grace.id, { firstName: 'Grace', lastName: 'Hopper', coachingEmails: true, newsConsent: true })
		await db().update(people).set({ photoUrl: '/uploads/grace.jpg' }).where(eq(people.id, grace.id))
		const campaign = await createCampaign(db(), { ownerId: grace.id })
		const gift = await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 2500,
			donorName: 'Grace Hopper',
		})
		await db().update(donations).set({ donorId: grace.id }).where(eq(donations.id, gift.id))
		const phone = await signedInCookie(grace.id)
		const laptop = await signedInCookie(grace.id)

		await deleteAccount(grace.id)

		const [gone] = await db().select().from(people).where(eq(people.id, grace.id))
		expect(gone).toMatchObject({
			email: `deleted-${grace.id}@deleted.invalid`,
			firstName: '',
			lastName: '',
			photoUrl: null,
			emailConsentAt: null,
			coachingEmails: false,
		})
		expect(gone!.deletedAt).toBeInstanceOf(Date)
		expect(await db().select().from(sessions)).toHaveLength(0)
		expect(await getSessionPerson(requestWith(phone))).toBeNull()
		expect(await getSessionPerson(requestWith(laptop))).toBeNull()
		expect(await db().select().from(campaigns).where(eq(campaigns.id, campaign.id))).toMatchObject([
			{ ownerId: grace.id },
		])
		expect(await db().select().from(donations).where(eq(donations.id, gift.id))).toMatchObject([
			{ donorId: grace.id, amountMinor: 2500, status: 'succeeded' },
		])
		expect(await db().select().from(moneyMovements).where(eq(moneyMovements.donationId, gift.id))).toHaveLength(1)

		// The address is free again: signing in with it later is a new, separate person.
		const later = await askToSignIn('grace@example.com', { clientIp: '192.0.2.9' })
		const again = await verifySignInCode({ email: 'grace@example.com', code: later.code, clientIp: ip })
		expect(again.ok && again.person.id).not.toBe(grace.id)
		expect(again.ok && again.person.deletedAt).toBeNull()
	})

	test('emails still waiting to go to a deleted person are not sent', async () => {
		const { personId } = await recordLearnMoreSignup({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			idea: null,
			emailConsent: false,
		})
		await deleteAccount(personId)
		const waiting = await db().select().from(emails).where(eq(emails.personId, personId))
		expect(waiting.length).toBeGreaterThan(0)
		expect(waiting.map((e) => e.status)).toEqual(waiting.map(() => 'suppressed'))
	})
})

describe('sign-in secrets after sending', () => {
	test('the code and link token are removed from the email record once the email has gone', async () => {
		const { deliverQueuedEmail } = await import('#app/email/outbox.server.ts')
		const { devMailbox } = await import('#db/schema.ts')
		const result = await requestSignIn({ email: 'redact@example.com', clientIp: '198.51.100.5' })
		if (result.status !== 'sent' || !result.emailId) throw new Error('not sent')
		const emailId = result.emailId
		const [before] = await db().select().from(emails).where(eq(emails.id, emailId))
		const code = (before!.data as { code: string }).code
		expect(code).toMatch(/^\d{6}$/)
		expect((await deliverQueuedEmail(emailId, { isLastAttempt: false })).outcome).toBe('sent')
		const [after] = await db().select().from(emails).where(eq(emails.id, emailId))
		expect(after!.data).toMatchObject({ code: '[sent]', linkToken: '[sent]' })
		// The message itself (here the development mailbox) carried the code.
		const [message] = await db().select().from(devMailbox)
		expect(message!.text).toContain(code)
	})
})
