import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/index.server.ts'
import { contactMessages, emails, people, signups } from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

/** The hidden one-time token of the form with `formId`, as the page renders it for a visitor. */
async function renderedFormToken(pathname: string, formId: string) {
	const response = await app.get(pathname)
	expect(response.status, pathname).toBe(200)
	const html = await response.text()
	const start = html.indexOf(`id="${formId}"`)
	if (start < 0) throw new Error(`no form ${formId} on ${pathname}`)
	const form = html.slice(start, html.indexOf('</form>', start))
	const token = /name="formToken" value="([^"]+)"/.exec(form)?.[1]
	if (!token) throw new Error(`form ${formId} on ${pathname} has no token`)
	return token
}

const signup = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	idea: 'birthday',
	emailConsent: 'on',
}
const helpMessage = {
	name: 'Sam Supporter',
	email: 'sam@example.com',
	message: 'How do I pay in cash from my bake sale?',
}
const mediaEnquiry = {
	name: 'Jo Reporter',
	email: 'jo@news.example.com',
	organisation: 'Daily Example',
	message: 'Could we talk to a fundraiser for a feature?',
}

async function templates() {
	return (await db().select({ template: emails.template }).from(emails)).map((e) => e.template).sort()
}

describe('public forms sent twice', () => {
	test('a learn-more sign-up double-clicked records one sign-up and one welcome, and both answers are the thank-you', async () => {
		const fields = { ...signup, formToken: await renderedFormToken('/fundraise', 'learn-more') }
		const answers = await Promise.all([app.postForm('/fundraise', fields), app.postForm('/fundraise', fields)])
		expect(answers.map((a) => [a.status, a.headers.get('location')])).toEqual([
			[302, '/fundraise/thanks'],
			[302, '/fundraise/thanks'],
		])
		// Sent again later (the browser's back button and "resend"): still the one sign-up.
		const resent = await app.postForm('/fundraise', fields)
		expect([resent.status, resent.headers.get('location')]).toEqual([302, '/fundraise/thanks'])
		expect(await db().select().from(people)).toHaveLength(1)
		expect(await db().select().from(signups)).toHaveLength(1)
		expect(await templates()).toEqual(['signup-welcome'])
	})

	test('a contact message double-clicked is stored once with one staff notification', async () => {
		const fields = { ...helpMessage, formToken: await renderedFormToken('/contact', 'contact') }
		const answers = await Promise.all([app.postForm('/contact', fields), app.postForm('/contact', fields)])
		expect(answers.map((a) => [a.status, a.headers.get('location')])).toEqual([
			[302, '/contact?sent=1'],
			[302, '/contact?sent=1'],
		])
		const resent = await app.postForm('/contact', fields)
		expect([resent.status, resent.headers.get('location')]).toEqual([302, '/contact?sent=1'])
		expect(await db().select().from(contactMessages)).toHaveLength(1)
		expect(await templates()).toEqual(['contact-notification'])
	})

	test('a media enquiry sent twice is stored once with one staff notification', async () => {
		const fields = { ...mediaEnquiry, formToken: await renderedFormToken('/media', 'media') }
		const answers = await Promise.all([app.postForm('/media', fields), app.postForm('/media', fields)])
		expect(answers.map((a) => [a.status, a.headers.get('location')])).toEqual([
			[302, '/media?sent=1'],
			[302, '/media?sent=1'],
		])
		const [stored, ...more] = await db().select().from(contactMessages)
		expect(more).toEqual([])
		expect(stored).toMatchObject({ topic: 'media', organisation: 'Daily Example' })
		expect(await templates()).toEqual(['contact-notification'])
	})

	test('each page renders a new token, so a second message written on a fresh page is its own', async () => {
		for (const _ of [1, 2]) {
			const fields = { ...helpMessage, formToken: await renderedFormToken('/contact', 'contact') }
			expect((await app.postForm('/contact', fields)).status).toBe(302)
		}
		expect(await db().select().from(contactMessages)).toHaveLength(2)
	})

	test('a token from the contact form does not send a media enquiry', async () => {
		const formToken = await renderedFormToken('/contact', 'contact')
		expect((await app.postForm('/contact', { ...helpMessage, formToken })).status).toBe(302)
		const reused = await app.postForm('/media', { ...mediaEnquiry, formToken })
		expect(reused.status).toBe(400)
		expect(await reused.text()).toContain('This form is out of date. Please try again.')
		expect(await db().select().from(contactMessages).where(eq(contactMessages.topic, 'media'))).toHaveLength(0)
	})

	test('a post without the page’s token is refused as out of date, keeps what was typed, and writes nothing', async () => {
		const noToken = await app.postForm('/fundraise', signup)
		expect(noToken.status).toBe(400)
		const html = await noToken.text()
		expect(html).toContain('This form is out of date. Please try again.')
		expect(html).toMatch(/value="Lovelace"/)
		// The answer carries a fresh token, so sending the form again from here works.
		expect(html).toMatch(/name="formToken" value="[A-Za-z0-9_-]{16,}"/)
		expect((await app.postForm('/contact', helpMessage)).status).toBe(400)
		expect((await app.postForm('/media', mediaEnquiry)).status).toBe(400)
		expect(await db().select().from(signups)).toHaveLength(0)
		expect(await db().select().from(contactMessages)).toHaveLength(0)
		expect(await db().select().from(emails)).toHaveLength(0)
	})
})
