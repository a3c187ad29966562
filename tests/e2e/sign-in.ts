import { type Cookie, type Page } from 'playwright-core'
import { SESSION_COOKIE_NAME } from '#app/people/session.server.ts'

/** The sign-in code emails to `email` in the development mail viewer, newest first. */
async function codeEmails(page: Page, email: string) {
	await page.goto('/dev/mail', { waitUntil: 'domcontentloaded' })
	return page
		.getByRole('row')
		.filter({ hasText: email })
		.filter({ hasText: /sign-in code/i })
}

/**
 * Reads the sign-in code sent to `email` after `earlier` code emails had
 * arrived, from the development mail viewer (in a page of its own, so the
 * page signing in stays where it is). Waiting for the count to grow matters
 * when the address signed in before: the older code is no longer valid.
 */
export async function readSignInCode(page: Page, email: string, earlier = 0): Promise<string> {
	const mailbox = await page.context().newPage()
	try {
		for (let i = 0; i < 40; i++) {
			const rows = await codeEmails(mailbox, email)
			if ((await rows.count()) > earlier) {
				await rows.first().getByRole('link').click()
				await mailbox.getByTestId('mail-to').waitFor()
				const text = (await mailbox.locator('pre').textContent()) ?? ''
				const code = /\b(\d{6})\b/.exec(text)?.[1]
				if (code) return code
			}
			await mailbox.waitForTimeout(500)
		}
		throw new Error(`No sign-in code arrived for ${email}`)
	} finally {
		await mailbox.close()
	}
}

/** Signs in from the sign-in page the browser is on, as a person would: email, then the emailed code. */
export async function signIn(page: Page, email: string) {
	const mailbox = await page.context().newPage()
	const earlier = await (await codeEmails(mailbox, email)).count()
	await mailbox.close()
	await page.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: /email me|continue|send/i }).click()
	await page.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor()
	const code = await readSignInCode(page, email, earlier)
	await page.getByLabel('6-digit code').fill(code)
	await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Sessions made by signInOnce in this test file, by email address. */
const keptSessions = new Map<string, Cookie[]>()

/**
 * Signs in as `email` the first time this test file asks, then gives later
 * pages (with JavaScript or without) that same session cookie. Every e2e file
 * signs in from 127.0.0.1 against one server, and the sign-in limits (5 codes
 * for one address in 15 minutes) count them all as one person: a file that
 * needs the same person twice signs in once. Ends where signing in lands (`landing`).
 */
export async function signInOnce(page: Page, email: string, landing: string) {
	const kept = keptSessions.get(email)
	if (kept) {
		await page.context().addCookies(kept)
		await page.goto(landing)
		return
	}
	await page.goto('/login')
	await signIn(page, email)
	await page.waitForURL((url) => url.pathname === landing)
	keptSessions.set(
		email,
		(await page.context().cookies()).filter((cookie) => cookie.name === SESSION_COOKIE_NAME),
	)
}

export async function signOut(page: Page) {
	await page.goto('/account', { waitUntil: 'networkidle' })
	await page.getByRole('button', { name: 'Sign out', exact: true }).click()
	await page.waitForURL((url) => !url.pathname.startsWith('/account'))
}
