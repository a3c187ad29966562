import http from 'node:http'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getEmailPreferences, unsubscribeToken } from '#app/email/preferences.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { contactMessages, donations, people, sessions, signups } from '#db/schema.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

/** A raw request: fetch would refuse TRACE and normalise some paths. */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
	const port = Number(new URL(app.origin).port)
	return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
			let body = ''
			res.on('data', (chunk) => (body += chunk))
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
		})
		req.on('error', reject)
		req.end()
	})
}

const CONTROL_MESSAGE = 'This must not contain control characters'

describe('control characters in form fields', () => {
	test('a NUL in a text field of every public form is an error beside that field, with nothing written', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		const forms: [string, Record<string, string>, string][] = [
			[
				'/fundraise',
				{ firstName: 'a\u0000b', lastName: 'Lovelace', email: 'ada@example.com', idea: 'birthday' },
				'firstName',
			],
			['/contact', { name: 'Sam\u0000', email: 'sam@example.com', message: 'How do I pay in cash?' }, 'name'],
			[
				'/media',
				{ name: 'Jo', email: 'jo@news.example.com', message: 'Could we talk to a fundraiser?\u0000' },
				'message',
			],
			[
				`/f/${campaign.slug}/donate`,
				{ amount: '2000', donorName: 'Friend\u0000', donorEmail: 'friend@example.com' },
				'donorName',
			],
			[
				`/f/${campaign.slug}/report`,
				{ reason: 'scam', details: 'This page \u0000 looks like a scam to me' },
				'details',
			],
		]
		for (const [path, fields, field] of forms) {
			const response = await app.postForm(path, fields)
			expect(response.status, path).toBe(400)
			const html = await response.text()
			// The message sits in the field's own error element, which the input points to.
			expect(html, path).toMatch(new RegExp(`id="[^"]*${field}-error"[^>]*>(<[^>]+>)*${CONTROL_MESSAGE}`))
			expect(html, path).toMatch(
				new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`),
			)
		}
		expect(await db().select().from(people)).toHaveLength(1)
		expect(await db().select().from(signups)).toHaveLength(0)
		expect(await db().select().from(contactMessages)).toHaveLength(0)
		expect(await db().select().from(donations)).toHaveLength(0)
	})

	test('the other fields keep what was typed', async () => {
		const response = await app.postForm('/fundraise', {
			firstName: 'a\u0000b',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			idea: 'birthday',
		})
		const html = await response.text()
		expect(html).toContain('value="Lovelace"')
		expect(html).toContain('value="ada@example.com"')
	})
})

describe('malformed addresses and methods', () => {
	test('NUL bytes and broken percent-encoding in a path or query are a 400, not a 500', async () => {
		for (const path of [
			'/f/%00',
			'/f/a%00b/donate',
			'/%FF',
			'/assets/%FF',
			'/uploads/%FF',
			'/f/x/thank-you?session_id=%00',
			'/login/link?token=abc%0D%0A',
			'/email/unsubscribe?t=x%0D%0ASet-Cookie:%20a=b',
		]) {
			const response = await raw('GET', path)
			expect(response.status, path).toBe(400)
			expect(response.body, path).toContain('not valid')
		}
	})

	test('a NUL in a staff filter is a 400', async () => {
		await createPerson(db(), { email: 'moderator@example.org', role: 'staff' })
		const cookie = await app.signIn('moderator@example.org')
		expect((await app.get('/staff/campaigns?q=a%00b', cookie)).status).toBe(400)
		expect((await app.get('/staff/campaigns?q=ab', cookie)).status).toBe(200)
	})

	test('TRACE and other methods no page uses get a 405 that lists the allowed ones', async () => {
		for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']) {
			const response = await raw(method, '/')
			expect(response.status, method).toBe(405)
			expect(response.headers.allow, method).toBe('GET, HEAD, POST')
		}
	})

	test('an X-Forwarded-Host on a form post is ignored, and the post works', async () => {
		const response = await app.postForm(
			'/fundraise',
			withFormToken({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', idea: 'birthday' }),
			{ 'x-forwarded-host': 'evil.example:99999' },
		)
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/fundraise/thanks')
	})
})

describe('one-click unsubscribe from a mail provider', () => {
	const post = (token: string, origin: string) =>
		fetch(`${app.origin}/email/unsubscribe?t=${encodeURIComponent(token)}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
			body: 'List-Unsubscribe=One-Click',
		})

	test('works with a valid signed token whatever the Origin (null or the provider’s own)', async () => {
		await createPerson(db(), { email: 'reader@example.com' })
		expect((await post(unsubscribeToken('reader@example.com', 'coaching'), 'null')).status).toBe(200)
		expect(
			(await post(unsubscribeToken('reader@example.com', 'updates'), 'https://mail.provider.example')).status,
		).toBe(200)
		expect(await getEmailPreferences('reader@example.com')).toMatchObject({ coaching: false, updates: false })
	})

	test('refuses a missing or forged token cleanly with 400', async () => {
		await createPerson(db(), { email: 'reader@example.com' })
		expect((await post('', 'null')).status).toBe(400)
		expect(
			(await post(unsubscribeToken('reader@example.com', 'coaching').slice(0, -2) + 'xx', 'https://evil.example'))
				.status,
		).toBe(400)
		expect(await getEmailPreferences('reader@example.com')).toMatchObject({ coaching: true })
	})
})

describe('object keys from the request', () => {
	test('intent=constructor, __proto__ or toString on dashboard and staff actions is a 400', async () => {
		const owner = await createPerson(db(), { email: 'owner@example.com' })
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		await createPerson(db(), { email: 'moderator@example.org', role: 'staff' })
		const ownerCookie = await app.signIn('owner@example.com')
		const staffCookie = await app.signIn('moderator@example.org')
		for (const intent of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			expect(
				(await app.postForm(`/dashboard/${campaign.id}`, { intent, body: 'Hello' }, { cookie: ownerCookie })).status,
				intent,
			).toBe(400)
			for (const path of ['/staff/gifts', '/staff/campaigns']) {
				expect((await app.postForm(path, { intent }, { cookie: staffCookie })).status, `${path} ${intent}`).toBe(400)
			}
		}
	})

	test('?done=constructor or __proto__ shows the page without a notice', async () => {
		const owner = await createPerson(db(), { email: 'owner@example.com' })
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		await createPerson(db(), { email: 'moderator@example.org', role: 'staff' })
		const ownerCookie = await app.signIn('owner@example.com')
		const staffCookie = await app.signIn('moderator@example.org')
		for (const done of ['constructor', '__proto__', 'toString']) {
			expect((await app.get(`/dashboard/${campaign.id}?done=${done}`, ownerCookie)).status, done).toBe(200)
			for (const path of ['/staff/gifts', '/staff/campaigns', '/staff/reports', '/staff/emails']) {
				expect((await app.get(`${path}?done=${done}`, staffCookie)).status, `${path} ${done}`).toBe(200)
			}
		}
	})
})

describe('where sign-in leads', () => {
	test('a look-alike Unicode redirectTo is replaced before anything is stored, and the session is delivered', async () => {
		const lookAlike = '/\u2215\u2215evil.example'
		expect((await app.get(`/login?redirectTo=${encodeURIComponent(lookAlike)}`)).status).toBe(200)
		const asked = await app.postForm('/login', { email: 'grace@example.com', redirectTo: lookAlike })
		expect(asked.status).toBe(302)
		// Dropped, not carried on: with nowhere safe asked for, sign-in goes to the person's own landing page.
		expect(asked.headers.get('location')).toBe('/login/verify?email=grace%40example.com')
		const cookie = await app.signIn('grace@example.com')
		const [person] = await db().select().from(people).where(eq(people.email, 'grace@example.com'))
		expect(await db().select().from(sessions).where(eq(sessions.personId, person!.id))).toHaveLength(1)
		expect((await app.get('/account', cookie)).status).toBe(200)
	})

	test('a sign-in link token with a line break is refused with a 4xx', async () => {
		const response = await app.postForm('/login/link', { token: 'abc\r\nSet-Cookie: x=1' })
		expect(response.status).toBeGreaterThanOrEqual(400)
		expect(response.status).toBeLessThan(500)
	})
})

describe('signing out', () => {
	test('an empty POST /logout signs out this device', async () => {
		await createPerson(db(), { email: 'grace@example.com' })
		const cookie = await app.signIn('grace@example.com')
		const response = await fetch(`${app.origin}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: app.origin },
		})
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/')
		expect(response.headers.getSetCookie().some((c) => c.startsWith('__session=;'))).toBe(true)
		expect(await db().select().from(sessions)).toHaveLength(0)
	})
})
