import { type Page } from 'playwright-core'

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

export async function signOut(page: Page) {
	await page.goto('/account', { waitUntil: 'networkidle' })
	await page.getByRole('button', { name: 'Sign out', exact: true }).click()
	await page.waitForURL((url) => !url.pathname.startsWith('/account'))
}
