import { createHmac } from 'node:crypto'
import { desc, eq, like, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/index.server.ts'
import { auditLog, emails, people, rateLimits, sessions } from '#db/schema.ts'
import { createPerson } from '#db/factories.server.ts'
import { type EmailTemplateData } from '#emails/index.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

/** The newest sign-in email's code and link token, as the mail viewer shows them. */
async function latestSignInEmail() {
	const [row] = await db()
		.select()
		.from(emails)
		.where(eq(emails.template, 'sign-in-code'))
		.orderBy(desc(emails.createdAt))
		.limit(1)
	return row!.data as EmailTemplateData['sign-in-code']
}

function sessionCookieOf(response: Response) {
	const header = response.headers.getSetCookie().find((c) => c.startsWith('__session='))
	return header ? { header, pair: header.split(';')[0]! } : null
}

function get(path: string, cookie?: string) {
	return fetch(app.origin + path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
}

/** Signs in over HTTP as a browser would and returns the `__session=…` cookie pair. */
async function signIn(email: string, redirectTo = '/account') {
	const asked = await app.postForm('/login', { email, redirectTo })
	expect(asked.status).toBe(302)
	const { code } = await latestSignInEmail()
	// A browser posts the code form back to the page's own address, query included.
	const verified = await app.postForm(asked.headers.get('location')!, { email, code })
	expect(verified.status).toBe(302)
	return sessionCookieOf(verified)!.pair
}

describe('signing in over HTTP', () => {
	test('email, then code from the email, sets a signed HttpOnly cookie that opens the account page', async () => {
		const page = await get('/login')
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain('we&#x27;ll email you a link and a 6-digit code. No password needed.')
		expect(html).toMatch(/autocomplete="email"/i)

		const asked = await app.postForm('/login', { email: 'grace@example.com', redirectTo: '/account' })
		expect(asked.status).toBe(302)
		expect(asked.headers.get('location')).toBe('/login/verify?email=grace%40example.com&redirectTo=%2Faccount')
		expect(await db().select().from(people)).toHaveLength(0)

		const verifyPage = await (await get(asked.headers.get('location')!)).text()
		expect(verifyPage).toMatch(/autocomplete="one-time-code"/i)
		expect(verifyPage).toMatch(/inputmode="numeric"/i)
		expect(verifyPage).toContain('grace@example.com')

		const { code } = await latestSignInEmail()
		const verified = await app.postForm(asked.headers.get('location')!, { email: 'grace@example.com', code })
		expect(verified.status).toBe(302)
		expect(verified.headers.get('location')).toBe('/account')
		const cookie = sessionCookieOf(verified)!
		expect(cookie.header).toMatch(/; HttpOnly/)
		expect(cookie.header).toMatch(/; SameSite=Lax/)
		expect(cookie.header).toMatch(/; Path=\//)
		expect(cookie.header).toMatch(/; Max-Age=2592000/)
		// Signed: the value is the encoded session id, a dot, and its signature.
		const [sessionRow] = await db().select().from(sessions)
		expect(decodeURIComponent(cookie.pair.slice('__session='.length))).toMatch(/^[^.]+\.[A-Za-z0-9+/]+$/)
		expect(cookie.pair).not.toContain(sessionRow!.id)

		const account = await get('/account', cookie.pair)
		expect(account.status).toBe(200)
		const accountHtml = await account.text()
		expect(accountHtml).toContain('grace@example.com')
		expect(accountHtml).toContain('Delete my account')
		expect(accountHtml).toContain('href="/dashboard"')
		expect(accountHtml).not.toContain('>Sign in<')
	})

	test('a wrong code is shown beside the field and nothing is signed in', async () => {
		const verifyPage = (await app.postForm('/login', { email: 'grace@example.com' })).headers.get('location')!
		const { code } = await latestSignInEmail()
		const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
		const response = await app.postForm(verifyPage, { email: 'grace@example.com', code: wrong })
		expect(response.status).toBe(400)
		expect(sessionCookieOf(response)).toBeNull()
		const html = await response.text()
		expect(html).toMatch(/<div id="verify-code-code-error"[^>]*><p class="field-error">That code is not right/)
		expect(html).toMatch(/aria-invalid="true"/)
		expect(html).toMatch(/aria-describedby="verify-code-code-error"/)
		const malformed = await app.postForm(verifyPage, { email: 'grace@example.com', code: '12ab' })
		expect(malformed.status).toBe(400)
		expect(await malformed.text()).toContain('The code is 6 digits, like 123456')
	})

	test('the emailed link only signs in when its button is pressed, so link scanners cannot use it up', async () => {
		await app.postForm('/login', { email: 'grace@example.com', redirectTo: '/account' })
		const { linkToken } = await latestSignInEmail()
		for (let i = 0; i < 2; i++) {
			const page = await get(`/login/link?token=${linkToken}`)
			expect(page.status).toBe(200)
			expect(sessionCookieOf(page)).toBeNull()
			expect(await page.text()).toContain('Continue signing in')
		}
		const pressed = await app.postForm(`/login/link?token=${linkToken}`, { token: linkToken })
		expect(pressed.status).toBe(302)
		expect(pressed.headers.get('location')).toBe('/account')
		expect(sessionCookieOf(pressed)).not.toBeNull()
		const again = await app.postForm(`/login/link?token=${linkToken}`, { token: linkToken })
		expect(again.status).toBe(400)
		expect(await again.text()).toContain('already been used')
	})

	test('sign-in requests over HTTP are rate-limited with a 429 and a message', async () => {
		for (let i = 0; i < 5; i++) expect((await app.postForm('/login', { email: 'grace@example.com' })).status).toBe(302)
		const limited = await app.postForm('/login', { email: 'grace@example.com' })
		expect(limited.status).toBe(429)
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
		expect(await limited.text()).toContain('Please check your inbox')
	})

	test('a filled honeypot sends no email', async () => {
		const response = await app.postForm('/login', { email: 'bot@example.com', website_address: 'http://spam.example' })
		expect(response.status).toBe(302)
		expect(await db().select().from(emails)).toHaveLength(0)
	})

	test.each(['//evil.com', 'https://evil.com', '/\\evil.com'])(
		'an open-redirect attempt (%s) goes to the dashboard instead',
		async (target) => {
			const form = await (await get(`/login?redirectTo=${encodeURIComponent(target)}`)).text()
			expect(form).toMatch(/name="redirectTo"/)
			expect(form).not.toMatch(/name="redirectTo"[^>]*value=/)
			const asked = await app.postForm('/login', { email: 'grace@example.com', redirectTo: target })
			expect(asked.headers.get('location')).toBe('/login/verify?email=grace%40example.com')
			const { code } = await latestSignInEmail()
			// Even a hand-made form post cannot choose where the sign-in goes.
			const verified = await app.postForm(
				`/login/verify?email=grace%40example.com&redirectTo=${encodeURIComponent(target)}`,
				{
					email: 'grace@example.com',
					code,
				},
			)
			expect(verified.status).toBe(302)
			expect(verified.headers.get('location')).toBe('/dashboard')
		},
	)
})

describe('where signing in lands', () => {
	async function signInWithoutAskingWhere(email: string, fields: Record<string, string> = {}) {
		const asked = await app.postForm('/login', { email, ...fields })
		expect(asked.status).toBe(302)
		const { code } = await latestSignInEmail()
		const verified = await app.postForm(asked.headers.get('location')!, { email, code })
		expect(verified.status).toBe(302)
		return verified.headers.get('location')
	}

	test('staff who did not ask for a page land in the staff area; supporters on their fundraisers', async () => {
		await createPerson(db(), { email: 'staff@charity.example', role: 'staff' })
		await createPerson(db(), { email: 'admin@charity.example', role: 'admin' })
		expect(await signInWithoutAskingWhere('staff@charity.example')).toBe('/staff')
		expect(await signInWithoutAskingWhere('admin@charity.example')).toBe('/staff')
		expect(await signInWithoutAskingWhere('grace@example.com')).toBe('/dashboard')
	})

	test('staff who asked for a page go there', async () => {
		await createPerson(db(), { email: 'staff@charity.example', role: 'staff' })
		expect(await signInWithoutAskingWhere('staff@charity.example', { redirectTo: '/account' })).toBe('/account')
	})

	test('staff already signed in who open the sign-in page go to the staff area', async () => {
		await createPerson(db(), { email: 'staff@charity.example', role: 'staff' })
		const cookie = await signIn('staff@charity.example')
		const response = await get('/login', cookie)
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/staff')
	})
})

describe('guessing sign-in codes over HTTP', () => {
	const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000')

	/** Asks for a code for the address, then types wrong codes until the challenge is used up. */
	async function voidOneCode(email: string) {
		expect((await app.postForm('/login', { email })).status).toBe(302)
		const { code } = await latestSignInEmail()
		let last: Response | undefined
		for (let i = 0; i < 5; i++)
			last = await app.postForm(`/login/verify?email=${encodeURIComponent(email)}`, { email, code: wrongCodeFor(code) })
		return last!
	}

	test('one IP can type 30 codes in 15 minutes, whatever the addresses', async () => {
		for (let i = 0; i < 30; i++) {
			const email = `person${i}@example.com`
			const response = await app.postForm(`/login/verify?email=${encodeURIComponent(email)}`, { email, code: '123456' })
			expect(response.status).toBe(400)
		}
		const limited = await app.postForm('/login/verify?email=late%40example.com', {
			email: 'late@example.com',
			code: '123456',
		})
		expect(limited.status).toBe(429)
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
		expect(await limited.text()).toContain('Too many codes have been tried from your connection')
	})

	test('three codes used up by wrong guesses pause sign-in for the address for an hour, send no more emails, and tell staff', async () => {
		await voidOneCode('victim@example.com')
		await voidOneCode('victim@example.com')
		const third = await voidOneCode('victim@example.com')
		expect(third.status).toBe(429)
		expect(await third.text()).toContain('Sign-in with a code is paused for this address')
		const emailsBefore = (await db().select().from(emails).where(eq(emails.toEmail, 'victim@example.com'))).length

		const askedAgain = await app.postForm('/login', { email: 'victim@example.com' })
		expect(askedAgain.status).toBe(429)
		expect(Number(askedAgain.headers.get('retry-after'))).toBeGreaterThan(55 * 60)
		expect(await askedAgain.text()).toContain('Sign-in with a code is paused for this address')
		expect(await db().select().from(emails).where(eq(emails.toEmail, 'victim@example.com'))).toHaveLength(emailsBefore)
		// Other addresses are not affected.
		expect((await app.postForm('/login', { email: 'someone-else@example.com' })).status).toBe(302)

		const [entry] = await db().select().from(auditLog)
		expect(entry).toMatchObject({
			actorId: null,
			action: 'sign_in.paused',
			subjectType: 'email',
			subjectId: 'victim@example.com',
		})
		await createPerson(db(), { email: 'staff@charity.example', role: 'staff' })
		const staff = await signIn('staff@charity.example')
		const audit = await (await get('/staff/audit', staff)).text()
		expect(audit).toContain('Sign-in locked for victim@example.com for 60 minutes')
		expect(audit).toContain('System')
	})

	test('an address gets at most ten sign-in emails a day', async () => {
		for (let i = 0; i < 10; i++) {
			// Each quarter hour's allowance of five is spent in turn; the day's count goes on.
			if (i % 5 === 0) {
				await db()
					.update(rateLimits)
					.set({ windowStartedAt: sql`now() - interval '16 minutes'` })
					.where(like(rateLimits.key, 'sign-in:email:%'))
			}
			expect((await app.postForm('/login', { email: 'victim@example.com' })).status, `request ${i + 1}`).toBe(302)
		}
		await db()
			.update(rateLimits)
			.set({ windowStartedAt: sql`now() - interval '16 minutes'` })
			.where(like(rateLimits.key, 'sign-in:email:%'))
		const eleventh = await app.postForm('/login', { email: 'victim@example.com' })
		expect(eleventh.status).toBe(429)
		expect(await db().select().from(emails).where(eq(emails.toEmail, 'victim@example.com'))).toHaveLength(10)
	})
})

describe('signed-in pages over HTTP', () => {
	test('the account page without a cookie sends the visitor to sign in and back', async () => {
		const response = await get('/account')
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/login?redirectTo=%2Faccount')
	})

	test('a tampered cookie is treated as signed out', async () => {
		const cookie = await signIn('grace@example.com')
		const [row] = await db().select().from(sessions)
		const value = decodeURIComponent(cookie.slice('__session='.length))
		const [encoded] = value.split('.')
		const flipped = value.slice(0, -2) + (value.at(-2) === 'A' ? 'B' : 'A') + value.at(-1)
		const wrongSecret = createHmac('sha256', 'not-the-secret-not-the-secret-123')
			.update(encoded!)
			.digest('base64')
			.replace(/=+$/, '')
		for (const forged of [
			`__session=${encodeURIComponent(flipped)}`,
			`__session=${encodeURIComponent(`${encoded}.${wrongSecret}`)}`,
			`__session=${btoa(JSON.stringify(row!.id))}`,
		]) {
			const response = await get('/account', forged)
			expect(response.status, forged).toBe(302)
			expect(response.headers.get('location')).toBe('/login?redirectTo=%2Faccount')
		}
		const home = await (await get('/', `__session=${encodeURIComponent(flipped)}`)).text()
		expect(home).toContain('href="/login"')
	})

	test('POST /logout clears the cookie and ends the session; GET /logout does nothing', async () => {
		const cookie = await signIn('grace@example.com')
		const viaGet = await get('/logout', cookie)
		expect(viaGet.status).toBe(302)
		expect(viaGet.headers.get('location')).toBe('/')
		expect((await get('/account', cookie)).status).toBe(200)

		const out = await app.postForm('/logout', {}, { cookie })
		expect(out.status).toBe(302)
		expect(out.headers.get('location')).toBe('/')
		expect(sessionCookieOf(out)!.header).toMatch(/^__session=;.*Max-Age=0/)
		expect(await db().select().from(sessions)).toHaveLength(0)
		expect((await get('/account', cookie)).status).toBe(302)
	})

	test('sign out everywhere ends the sessions on every device', async () => {
		const phone = await signIn('grace@example.com')
		const laptop = await signIn('grace@example.com')
		expect(await db().select().from(sessions)).toHaveLength(2)
		expect((await app.postForm('/logout', { everywhere: '1' }, { cookie: laptop })).status).toBe(302)
		expect((await get('/account', phone)).status).toBe(302)
		expect(await db().select().from(sessions)).toHaveLength(0)
	})

	test('the profile form saves names and email choices', async () => {
		const cookie = await signIn('grace@example.com')
		const bad = await app.postForm('/account', { intent: 'profile', firstName: '', lastName: 'Hopper' }, { cookie })
		expect(bad.status).toBe(400)
		expect(await bad.text()).toContain('Please enter your first name')
		const saved = await app.postForm(
			'/account',
			{ intent: 'profile', firstName: 'Grace', lastName: 'Hopper', newsConsent: 'on' },
			{ cookie },
		)
		expect(saved.status).toBe(302)
		expect(saved.headers.get('location')).toBe('/account?saved=1')
		const [person] = await db().select().from(people)
		expect(person).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', coachingEmails: false })
		expect(person!.emailConsentAt).toBeInstanceOf(Date)
		const page = await (await get('/account?saved=1', cookie)).text()
		expect(page).toContain('Your changes are saved.')
		expect(page).toContain('Hello, Grace')
	})

	test('deleting the account needs DELETE typed, then anonymises, clears the cookie and goes home', async () => {
		const cookie = await signIn('grace@example.com')
		const refused = await app.postForm('/account', { intent: 'delete', confirm: 'yes please' }, { cookie })
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('Please type DELETE, in capital letters, to confirm')
		expect((await db().select().from(people))[0]!.deletedAt).toBeNull()

		const deleted = await app.postForm('/account', { intent: 'delete', confirm: 'DELETE' }, { cookie })
		expect(deleted.status).toBe(302)
		expect(deleted.headers.get('location')).toBe('/')
		expect(sessionCookieOf(deleted)!.header).toMatch(/^__session=;/)
		const [person] = await db().select().from(people)
		expect(person!.email).toBe(`deleted-${person!.id}@deleted.invalid`)
		expect((await get('/account', cookie)).status).toBe(302)
	})
})

describe('profile photo', () => {
	async function upload(cookie: string, file: File) {
		const form = new FormData()
		form.append('intent', 'photo')
		form.append('photo', file)
		return fetch(app.origin + '/account', {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: app.origin, 'sec-fetch-site': 'same-origin' },
			body: form,
		})
	}

	test('a real photo is stored as a square web image; a file that is not an image is refused beside the field', async () => {
		const sharp = (await import('sharp')).default
		const cookie = await signIn('photo@example.com')
		const notImage = await upload(cookie, new File(['hello, I am text'], 'me.jpg', { type: 'image/jpeg' }))
		expect(notImage.status).toBe(400)
		expect(await notImage.text()).toMatch(
			/id="profile-photo-photo-error"[^>]*><p class="field-error">That file says it is a JPEG but it is not a real image</,
		)
		const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c2410c' } })
			.jpeg()
			.toBuffer()
		const saved = await upload(cookie, new File([new Uint8Array(jpeg)], 'me.jpg', { type: 'image/jpeg' }))
		expect(saved.status).toBe(302)
		const [person] = await db().select().from(people).where(eq(people.email, 'photo@example.com'))
		expect(person!.photoUrl).toMatch(/^\/uploads\/people\/.+\.webp$/)
		const image = await fetch(app.origin + person!.photoUrl!)
		expect(image.status).toBe(200)
		expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({
			format: 'webp',
			width: 400,
			height: 400,
		})
		// Their fundraiser shows them beside "Organised by".
		const { createCampaign } = await import('#db/factories.server.ts')
		await createCampaign(db(), { ownerId: person!.id, slug: 'photo-owner-page' })
		expect(await (await get('/f/photo-owner-page')).text()).toContain(`src="${person!.photoUrl}"`)
	})
})

describe('caching and browser features', () => {
	test('every response to a signed-in request is private, no-store — pages, CSV exports and 404s alike', async () => {
		const cookie = await signIn('grace@example.com')
		await db().update(people).set({ role: 'staff' }).where(eq(people.email, 'grace@example.com'))
		for (const path of ['/account', '/dashboard', '/staff', '/', '/no-such-page']) {
			expect((await get(path, cookie)).headers.get('cache-control'), path).toBe('private, no-store')
		}
		// The export already says no-store itself.
		const exported = await get('/staff/exports/donations.csv', cookie)
		expect(exported.headers.get('cache-control')).toBe('no-store')
		// Read whole: an export streams at its reader's pace, and one left open met the next test's table reset (a deadlock).
		await exported.text()
	})

	test('responses that set or clear the session cookie are private, no-store', async () => {
		const asked = await app.postForm('/login', { email: 'grace@example.com', redirectTo: '/account' })
		const { code } = await latestSignInEmail()
		const verified = await app.postForm(asked.headers.get('location')!, { email: 'grace@example.com', code })
		expect(sessionCookieOf(verified)).not.toBeNull()
		expect(verified.headers.get('cache-control')).toBe('private, no-store')
		const cookie = sessionCookieOf(verified)!.pair
		const signedOut = await app.postForm('/logout', {}, { cookie })
		expect(signedOut.headers.getSetCookie().some((c) => c.startsWith('__session=;'))).toBe(true)
		expect(signedOut.headers.get('cache-control')).toBe('private, no-store')
	})

	test('anonymous public pages are not marked no-store, so they can later be cached', async () => {
		for (const path of ['/', '/fundraise', '/guide/25-tips']) {
			expect((await get(path)).headers.get('cache-control') ?? '', path).not.toContain('no-store')
		}
		// A request with any session cookie, even a forged one, is never given a copy a shared cache may keep.
		expect((await get('/', '__session=forged')).headers.get('cache-control') ?? '').not.toContain('public')
	})

	test('every page turns off camera, microphone, geolocation and payment in a Permissions-Policy', async () => {
		for (const path of ['/', '/login', '/no-such-page']) {
			const policy = (await get(path)).headers.get('permissions-policy') ?? ''
			for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()'])
				expect(policy, path).toContain(feature)
		}
	})
})
