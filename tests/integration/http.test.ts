import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/index.server.ts'
import { contactMessages, emails, people, signups } from '#db/schema.ts'
import { seedDemoData } from '#db/seed.server.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

const goodSignup = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	idea: 'birthday',
	emailConsent: 'on',
}

async function countRows() {
	return {
		people: (await db().select().from(people)).length,
		signups: (await db().select().from(signups)).length,
		emails: (await db().select().from(emails).where(eq(emails.template, 'signup-welcome'))).length,
	}
}

/** The titles of the campaign cards in the landing page's "Featured fundraisers" section, as a reader sees them. */
function landingCardTitles(html: string) {
	const start = html.indexOf('<section id="campaigns"')
	const section = html.slice(start, html.indexOf('</section>', start))
	return [...section.matchAll(/<article\b[\s\S]*?<h3[^>]*><a [^>]*>([^<]*)<\/a><\/h3>/g)].map((m) =>
		m[1]!.replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
	)
}

describe('pages', () => {
	test('the landing page shows demo campaigns and the platform total from the database', async () => {
		await seedDemoData()
		const response = await fetch(app.origin + '/')
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(html).toContain('From birthday parties to polar dips, your fundraising campaign can stop the violence.')
		// The card as rendered (the same title also sits in the page's serialised loader data, which a reader never sees).
		expect(landingCardTitles(html)).toContain("Amara's 30th: freedom instead of presents")
		expect(html).toMatch(/data-testid="platform-total">£[\d,]+</)
		expect(html).toContain('href="/start"')
		expect(html).toContain('href="/fundraise"')
	})

	test('every page is served with security headers and a nonce-based CSP', async () => {
		const response = await fetch(app.origin + '/fundraise')
		expect(response.status).toBe(200)
		const csp = response.headers.get('content-security-policy')!
		expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
		expect(csp).toContain("frame-ancestors 'none'")
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
		expect(response.headers.get('x-content-type-options')).toBe('nosniff')
		const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
		expect(await response.text()).toContain(`nonce="${nonce}"`)
	})

	test('the guide, contact, media and start pages exist', async () => {
		for (const [path, text] of [
			['/guide/25-tips', '25 Tips for the Novice Fundraiser'],
			['/contact', 'We&#x27;re here to help.'],
			['/media', 'Media contact'],
			['/start', 'How would you like to fundraise?'],
		] as const) {
			const response = await fetch(app.origin + path)
			expect(response.status, path).toBe(200)
			expect(await response.text(), path).toContain(text)
		}
	})

	test('an unknown page is a friendly 404', async () => {
		const response = await fetch(app.origin + '/no-such-page')
		expect(response.status).toBe(404)
		expect(await response.text()).toContain('We couldn’t find that page')
	})

	test('GET /healthz checks the database', async () => {
		const response = await fetch(app.origin + '/healthz')
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
	})
})

describe('learn-more sign-up over HTTP', () => {
	test('a good sign-up writes one person and redirects to the thank-you', async () => {
		const response = await app.postForm('/fundraise', withFormToken(goodSignup))
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/fundraise/thanks')
		expect(await countRows()).toEqual({ people: 1, signups: 1, emails: 1 })
		const thanks = await (await fetch(app.origin + '/fundraise/thanks')).text()
		expect(thanks).toContain(
			'Thank you for signing up to learn more about starting a fundraiser. We will be in touch soon!',
		)
		expect(thanks).toContain('href="/guide/25-tips"')
	})

	test('bad input gets 400, a message beside each field, the typed values kept, and nothing written', async () => {
		const response = await app.postForm('/fundraise', {
			firstName: '',
			lastName: 'Lovelace',
			email: 'ada@',
			idea: 'skydive',
		})
		expect(response.status).toBe(400)
		const html = await response.text()
		expect(html).toContain('Please enter your first name')
		expect(html).toContain('Please enter a valid email address, like name@example.com')
		expect(html).toContain('Please choose one of the ideas listed')
		expect(html).toMatch(/value="ada@"/)
		expect(html).toMatch(/value="Lovelace"/)
		expect(html).toMatch(/aria-invalid="true"/)
		expect(await countRows()).toEqual({ people: 0, signups: 0, emails: 0 })
	})

	test('signing up twice with the same email is not an error and keeps one person', async () => {
		expect((await app.postForm('/fundraise', withFormToken(goodSignup))).status).toBe(302)
		expect((await app.postForm('/fundraise', withFormToken({ ...goodSignup, email: 'ADA@example.com' }))).status).toBe(
			302,
		)
		expect(await countRows()).toEqual({ people: 1, signups: 2, emails: 1 })
	})

	test('unknown fields are refused with 400', async () => {
		const response = await app.postForm('/fundraise', { ...goodSignup, isStaff: 'true' })
		expect(response.status).toBe(400)
		expect(await countRows()).toEqual({ people: 0, signups: 0, emails: 0 })
	})

	test('a filled honeypot looks like success to the bot and writes nothing', async () => {
		const response = await app.postForm('/fundraise', { ...goodSignup, website_address: 'http://spam.example' })
		expect(response.status).toBe(302)
		expect(await countRows()).toEqual({ people: 0, signups: 0, emails: 0 })
	})

	test('wrong content types, garbage and oversized bodies get a 4xx, never a 500', async () => {
		const json = await fetch(app.origin + '/fundraise', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.origin },
			body: JSON.stringify(goodSignup),
		})
		expect(json.status).toBe(415)
		const garbage = await fetch(app.origin + '/fundraise', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=nope', origin: app.origin },
			body: '\u0000\u0001 not multipart at all',
		})
		expect(garbage.status).toBe(400)
		const huge = await app.postForm('/fundraise', { ...goodSignup, lastName: 'x'.repeat(300_000) })
		expect(huge.status).toBe(413)
		const tooLong = await app.postForm('/fundraise', { ...goodSignup, lastName: 'x'.repeat(81) })
		expect(tooLong.status).toBe(400)
		expect(await tooLong.text()).toContain('Your last name must be at most 80 characters')
		expect(await countRows()).toEqual({ people: 0, signups: 0, emails: 0 })
	})

	test('a cross-site post is refused before it reaches the form', async () => {
		const response = await app.postForm('/fundraise', goodSignup, {
			origin: 'https://evil.example',
			'sec-fetch-site': 'cross-site',
		})
		expect(response.status).toBe(403)
		const noFetchSite = await fetch(app.origin + '/fundraise', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
			body: new URLSearchParams(goodSignup).toString(),
		})
		expect(noFetchSite.status).toBe(403)
		expect(await countRows()).toEqual({ people: 0, signups: 0, emails: 0 })
	})

	test('sign-ups are rate-limited per IP', async () => {
		const statuses: number[] = []
		for (let i = 0; i < 21; i++) {
			statuses.push(
				(await app.postForm('/fundraise', withFormToken({ ...goodSignup, email: `person${i}@example.com` }))).status,
			)
		}
		expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true)
		expect(statuses[20]).toBe(429)
		const limited = await app.postForm('/fundraise', { ...goodSignup, email: 'late@example.com' })
		expect(await limited.text()).toContain('Please try again in')
		expect((await countRows()).people).toBe(20)
	})
})

describe('contact forms over HTTP', () => {
	test('a "need help" message is stored for staff and a notification queued', async () => {
		const response = await app.postForm(
			'/contact',
			withFormToken({
				name: 'Sam Supporter',
				email: 'sam@example.com',
				phone: '+44 20 7946 0000',
				message: 'How do I pay in cash from my bake sale?',
			}),
		)
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/contact?sent=1')
		const [stored] = await db().select().from(contactMessages)
		expect(stored).toMatchObject({
			topic: 'help',
			name: 'Sam Supporter',
			email: 'sam@example.com',
			phone: '+44 20 7946 0000',
		})
		const [notification] = await db().select().from(emails)
		expect(notification).toMatchObject({ template: 'contact-notification', toEmail: 'supporters@example.org' })
	})

	test('a media enquiry keeps its organisation; bad input is refused field by field', async () => {
		const bad = await app.postForm('/media', { name: 'Jo', email: 'not-an-email', message: 'short', phone: 'call me' })
		expect(bad.status).toBe(400)
		const html = await bad.text()
		expect(html).toContain('Please enter a valid email address')
		expect(html).toContain('Please tell us a little more (at least 10 characters)')
		expect(html).toContain('Please use only digits, spaces and + ( ) - in the phone number')
		expect(await db().select().from(contactMessages)).toHaveLength(0)
		const good = await app.postForm(
			'/media',
			withFormToken({
				name: 'Jo Reporter',
				email: 'jo@news.example.com',
				organisation: 'Daily Example',
				message: 'Could we talk to a fundraiser for a feature?',
			}),
		)
		expect(good.status).toBe(302)
		const [stored] = await db().select().from(contactMessages)
		expect(stored).toMatchObject({ topic: 'media', organisation: 'Daily Example' })
	})
})

describe('development mail viewer', () => {
	test('lists and shows emails stored without a SendGrid key', async () => {
		const { deliverQueuedEmail } = await import('#app/email/outbox.server.ts')
		await app.postForm('/fundraise', withFormToken(goodSignup))
		const [queued] = await db().select().from(emails)
		await deliverQueuedEmail(queued!.id, { isLastAttempt: false })
		const list = await (await fetch(app.origin + '/dev/mail')).text()
		const id = /\/dev\/mail\/([0-9a-f-]{36})/.exec(list)![1]
		const message = await (await fetch(`${app.origin}/dev/mail/${id}`)).text()
		expect(message).toContain('ada@example.com')
		expect(message).toContain('href="http://localhost:3000/guide/25-tips"')
	})
})

describe('one-click unsubscribe (RFC 8058)', () => {
	test('a mail provider’s POST with List-Unsubscribe=One-Click stops pending coaching at once', async () => {
		const { unsubscribeToken } = await import('#app/email/preferences.server.ts')
		await app.postForm('/fundraise', withFormToken(goodSignup))
		// The address confirms the tips it asked for, so coaching is pending.
		const [welcome] = await db().select().from(emails).where(eq(emails.template, 'signup-welcome'))
		const confirmUrl = new URL((welcome!.data as { confirmTipsUrl: string }).confirmTipsUrl)
		expect((await app.postForm(confirmUrl.pathname + confirmUrl.search, {})).status).toBe(200)
		const token = unsubscribeToken('ada@example.com', 'coaching')
		// Sent by the provider's servers: no Origin, no cookies.
		const response = await fetch(`${app.origin}/email/unsubscribe?t=${token}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click',
		})
		expect(response.status).toBe(200)
		const pending = await db().select().from(emails).where(eq(emails.category, 'coaching'))
		expect(pending.map((e) => e.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
		const [person] = await db().select().from(people)
		expect(person!.coachingEmails).toBe(false)
	})

	test('a forged token is refused and changes nothing', async () => {
		await app.postForm('/fundraise', withFormToken(goodSignup))
		const response = await fetch(`${app.origin}/email/unsubscribe?t=e30.forged`, {
			method: 'POST',
			body: 'List-Unsubscribe=One-Click',
		})
		expect(response.status).toBe(400)
		const pending = await db().select().from(emails).where(eq(emails.category, 'coaching'))
		expect(pending.every((e) => e.status === 'scheduled')).toBe(true)
	})

	test('the printable guide is a PDF', async () => {
		const response = await fetch(`${app.origin}/guide/25-tips.pdf`)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('application/pdf')
		expect(
			Buffer.from(await response.arrayBuffer())
				.subarray(0, 5)
				.toString(),
		).toBe('%PDF-')
	})
})
