import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'

const browser = useBrowser()

describe.runIf(hasChromium())('learn-more sign-up', () => {
	test('a bad email is caught beside the field, a good one gets the thank-you and the welcome email', async () => {
		const page = await browser.newPage()
		await page.goto('/fundraise', { waitUntil: 'networkidle' })
		await expectAccessible(page)
		const email = `e2e-${Date.now()}@example.com`
		await page.getByLabel('First name').fill('Esther')
		await page.getByLabel('Last name').fill('Ndlovu')
		await page.getByLabel('Email address').fill('esther@')
		await page.getByLabel('What would you like to do?').selectOption('challenge')
		await page.getByRole('button', { name: 'Send me the guide' }).click()
		const emailError = page.locator('#learn-more-email-error')
		await emailError.getByText('Please enter a valid email address, like name@example.com').waitFor()
		expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true')
		await expectAccessible(page)

		await page.getByLabel('Email address').fill(email)
		await page.getByLabel(/I'd like fundraising tips/).check()
		await page.getByRole('button', { name: 'Send me the guide' }).click()
		await page.getByText('Thank you for signing up to learn more about starting a fundraiser.').waitFor()
		expect(page.url()).toMatch(/\/fundraise\/thanks$/)
		await expectAccessible(page)

		// The worker delivers the welcome email to the development mailbox.
		let found = false
		for (let i = 0; i < 40 && !found; i++) {
			await page.goto('/dev/mail', { waitUntil: 'networkidle' })
			found = (await page.getByRole('row').filter({ hasText: email }).count()) > 0
			if (!found) await page.waitForTimeout(500)
		}
		expect(found, 'welcome email in the mail viewer').toBe(true)
		await expectAccessible(page)
		await page.getByRole('row').filter({ hasText: email }).getByRole('link').click()
		await page.getByTestId('mail-to').getByText(email).waitFor()
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome — your free fundraising guide')

		// Follow the link in the email, as the supporter would.
		await page.getByRole('link', { name: 'Read the 25 tips' }).click()
		await page.waitForURL('**/guide/25-tips')
		await page.getByRole('heading', { level: 1, name: '25 Tips for the Novice Fundraiser' }).waitFor()
		expect(await page.locator('h3').count()).toBe(25)
		await expectAccessible(page)
		const pdf = await page.request.get('/guide/25-tips.pdf')
		expect(pdf.headers()['content-type']).toBe('application/pdf')

		// Back in the email, "yes, send me tips" confirms the consent ticked on the form, with a button.
		await page.goBack()
		const mailUrl = page.url()
		await page.getByRole('link', { name: 'Yes, send me tips' }).click()
		await page.waitForURL('**/fundraise/confirm-tips?t=*')
		await expectAccessible(page)
		await page.getByRole('button', { name: 'Yes, send me fundraising tips' }).click()
		await page.getByRole('status').getByText('We’ll send you fundraising tips').waitFor()
		await expectAccessible(page)

		// The unsubscribe link in the same email stops the coaching emails.
		await page.goto(mailUrl)
		await page.getByRole('link', { name: 'Unsubscribe' }).click()
		await page.getByRole('heading', { name: 'Unsubscribe' }).waitFor()
		await expectAccessible(page)
		await page.getByRole('button', { name: 'Unsubscribe' }).click()
		await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor()
		expect(await page.getByRole('status').textContent()).toContain(email)
		expect(pageErrors(page)).toEqual([])
	})

	test('works with JavaScript disabled: server-side errors beside fields, then the thank-you', async () => {
		const page = await browser.newPage({ javaScriptEnabled: false })
		await page.goto('/fundraise')
		await page.getByLabel('First name').fill('')
		await page.getByLabel('Last name').fill('Okoye')
		await page.getByLabel('Email address').fill('not-an-email')
		// Skip the browser's own checks, as old browsers and bots would.
		await page.locator('form#learn-more').evaluate((form) => form.setAttribute('novalidate', ''))
		await page.getByRole('button', { name: 'Send me the guide' }).click()
		await page.waitForLoadState('domcontentloaded')
		expect(await page.locator('#learn-more-firstName-error').textContent()).toBe('Please enter your first name')
		expect(await page.locator('#learn-more-email-error').textContent()).toBe(
			'Please enter a valid email address, like name@example.com',
		)
		expect(await page.getByLabel('Last name').inputValue()).toBe('Okoye')
		await page.getByLabel('First name').fill('Chidi')
		await page.getByLabel('Email address').fill(`nojs-${Date.now()}@example.com`)
		await page.getByRole('button', { name: 'Send me the guide' }).click()
		await page.getByText('We will be in touch soon!').waitFor()
		expect(page.url()).toMatch(/\/fundraise\/thanks$/)
	})
})
