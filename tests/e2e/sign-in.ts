import { type Page } from 'playwright-core'

/** Reads the newest sign-in code sent to `email` from the development mail viewer. */
export async function readSignInCode(page: Page, email: string): Promise<string> {
	for (let i = 0; i < 40; i++) {
		await page.goto('/dev/mail', { waitUntil: 'domcontentloaded' })
		const row = page
			.getByRole('row')
			.filter({ hasText: email })
			.filter({ hasText: /sign-in code/i })
		if ((await row.count()) > 0) {
			await row.first().getByRole('link').click()
			await page.getByTestId('mail-to').waitFor()
			const text = (await page.locator('pre').textContent()) ?? ''
			const code = /\b(\d{6})\b/.exec(text)?.[1]
			if (code) return code
		}
		await page.waitForTimeout(500)
	}
	throw new Error(`No sign-in code arrived for ${email}`)
}

/** Signs in from the sign-in page the browser is on, as a person would: email, then the emailed code. */
export async function signIn(page: Page, email: string) {
	await page.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: /email me|continue|send/i }).click()
	await page.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor()
	const verifyUrl = page.url()
	const code = await readSignInCode(page, email)
	await page.goto(verifyUrl)
	await page.getByLabel('6-digit code').fill(code)
	await page.getByRole('button', { name: 'Sign in' }).click()
}

export async function signOut(page: Page) {
	await page.goto('/account', { waitUntil: 'networkidle' })
	await page.getByRole('button', { name: 'Sign out', exact: true }).click()
	await page.waitForURL((url) => !url.pathname.startsWith('/account'))
}
