import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { deliverQueuedEmail } from '#app/email/outbox.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { devMailbox, emails, people } from '#db/schema.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

async function personWith(email: string) {
	const [row] = await db().select().from(people).where(eq(people.email, email))
	return row!
}

/** Sends the queued email of this template to the development mailbox and returns its text. */
async function deliveredText(template: string, to: string) {
	const [row] = await db()
		.select()
		.from(emails)
		.where(and(eq(emails.template, template), eq(emails.toEmail, to)))
	if (!row) throw new Error(`no ${template} email to ${to}`)
	expect((await deliverQueuedEmail(row.id, { isLastAttempt: false })).outcome).toBe('sent')
	const [message] = await db().select().from(devMailbox).where(eq(devMailbox.emailId, row.id))
	return message!.text
}

/** The "yes, send me tips" address an email carries, as a path on this site. */
function tipsLinkIn(text: string) {
	const match = /http:\/\/localhost:3000(\/fundraise\/confirm-tips\?t=[A-Za-z0-9._-]+)/.exec(text)
	if (!match) throw new Error(`no confirmation link in:\n${text}`)
	return match[1]!
}

async function signupSequenceFor(email: string) {
	return db()
		.select({ template: emails.template })
		.from(emails)
		.where(and(eq(emails.toEmail, email), like(emails.template, 'signup-day%')))
}

describe('public forms and existing people', () => {
	test("a learn-more sign-up with someone's address changes neither their name nor their consent", async () => {
		const ada = await createPerson(db(), { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' })
		const campaign = await createCampaign(db(), { ownerId: ada.id, title: 'Ada runs for freedom' })

		const response = await app.postForm(
			'/fundraise',
			withFormToken({
				firstName: 'Scam Alert',
				lastName: '- do not donate',
				email: 'ADA@example.com',
				idea: 'birthday',
				emailConsent: 'on',
			}),
		)
		expect(response.status).toBe(302)

		const page = await (await app.get(`/f/${campaign.slug}`)).text()
		expect(page).toMatch(/Organised by (<!-- -->)?Ada Lovelace/)
		expect(page).not.toContain('Scam Alert')
		const after = await personWith('ada@example.com')
		expect(after).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', emailConsentAt: null, coachingArm: null })
		expect(after.updatedAt).toEqual(ada.updatedAt)
		expect(await signupSequenceFor('ada@example.com')).toEqual([])
		// The guide still goes to the address, greeting its owner by the name they gave us.
		const welcome = await deliveredText('signup-welcome', 'ada@example.com')
		expect(welcome).toContain('Thank you, Ada')
		expect(welcome).not.toContain('Scam')
	})

	test('ticked consent takes effect only when the address confirms it, by a button on the emailed link', async () => {
		const response = await app.postForm(
			'/fundraise',
			withFormToken({
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				idea: 'challenge',
				emailConsent: 'on',
			}),
		)
		expect(response.status).toBe(302)
		// A new address: the person is made with the names given, but no consent yet.
		expect(await personWith('grace@example.com')).toMatchObject({
			firstName: 'Grace',
			lastName: 'Hopper',
			emailConsentAt: null,
		})
		expect(await signupSequenceFor('grace@example.com')).toEqual([])

		const link = tipsLinkIn(await deliveredText('signup-welcome', 'grace@example.com'))
		// Opening the link (as a mail scanner does) changes nothing; it shows a button.
		const opened = await app.get(link)
		expect(opened.status).toBe(200)
		expect(await opened.text()).toContain('Yes, send me fundraising tips')
		expect((await personWith('grace@example.com')).emailConsentAt).toBeNull()

		const confirmed = await app.postForm(link, {})
		expect(confirmed.status).toBe(200)
		expect(await confirmed.text()).toContain('We’ll send you fundraising tips')
		expect((await personWith('grace@example.com')).emailConsentAt).toBeInstanceOf(Date)
		expect((await signupSequenceFor('grace@example.com')).map((e) => e.template).sort()).toEqual([
			'signup-day2',
			'signup-day5',
			'signup-day9',
		])
		// Pressing it again sends nothing twice.
		expect((await app.postForm(link, {})).status).toBe(200)
		expect(await signupSequenceFor('grace@example.com')).toHaveLength(3)
	})

	test('a tampered confirmation link is refused and changes nothing', async () => {
		await app.postForm(
			'/fundraise',
			withFormToken({
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				emailConsent: 'on',
			}),
		)
		const link = tipsLinkIn(await deliveredText('signup-welcome', 'grace@example.com'))
		const forged = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA')
		const refused = await app.postForm(forged, {})
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('This link is not valid')
		expect((await personWith('grace@example.com')).emailConsentAt).toBeNull()
	})

	test('an existing person who ticks consent again on the form gets one confirmation email, and only the link sets it', async () => {
		await createPerson(db(), { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' })
		await app.postForm(
			'/fundraise',
			withFormToken({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }),
		)
		await deliveredText('signup-welcome', 'ada@example.com')
		await app.postForm(
			'/fundraise',
			withFormToken({
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@example.com',
				emailConsent: 'on',
			}),
		)
		await app.postForm(
			'/fundraise',
			withFormToken({
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@example.com',
				emailConsent: 'on',
			}),
		)
		expect(await db().select().from(emails).where(eq(emails.template, 'signup-confirm-tips'))).toHaveLength(1)
		expect((await personWith('ada@example.com')).emailConsentAt).toBeNull()
		const link = tipsLinkIn(await deliveredText('signup-confirm-tips', 'ada@example.com'))
		expect((await app.postForm(link, {})).status).toBe(200)
		expect((await personWith('ada@example.com')).emailConsentAt).toBeInstanceOf(Date)
	})

	test("a donation with someone's address changes neither their name nor their consent", async () => {
		const ada = await createPerson(db(), { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' })
		const campaign = await createCampaign(db(), { ownerId: ada.id, title: 'Ada runs for freedom' })
		const response = await app.postForm(`/f/${campaign.slug}/donate`, {
			amount: '2000',
			donorName: 'Scam Alert',
			donorEmail: 'ada@example.com',
			marketingOptIn: 'on',
			updatesOptIn: 'on',
		})
		expect(response.status).toBe(303)
		expect(await personWith('ada@example.com')).toMatchObject({
			firstName: 'Ada',
			lastName: 'Lovelace',
			emailConsentAt: null,
		})
		expect(await (await app.get(`/f/${campaign.slug}`)).text()).toMatch(/Organised by (<!-- -->)?Ada Lovelace/)
	})
})
