import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'

const browser = useBrowser()

describe.runIf(hasChromium())('contact forms', () => {
	test('a supporter asks for help and is told someone will follow up', async () => {
		const page = await browser.newPage()
		await page.goto('/contact', { waitUntil: 'networkidle' })
		await expectAccessible(page)
		await page.getByLabel('Your name').fill('Priya Shah')
		await page.getByLabel('Email address').fill('priya@example.com')
		await page.getByLabel('How can we help?').fill('Hi')
		await page.getByRole('button', { name: 'Send message' }).click()
		await page.getByText('Please tell us a little more (at least 10 characters)').waitFor()
		await page.getByLabel('How can we help?').fill('Can I fundraise with my running club as a team?')
		await page.getByRole('button', { name: 'Send message' }).click()
		await page.getByText('Thank you — your message is on its way.').waitFor()
		expect(page.url()).toMatch(/\/contact\?sent=1$/)
		await expectAccessible(page)

		// Staff are notified: the notification shows in the development mailbox.
		let found = false
		for (let i = 0; i < 40 && !found; i++) {
			await page.goto('/dev/mail')
			found = (await page.getByRole('link', { name: 'Supporter question: Priya Shah' }).count()) > 0
			if (!found) await page.waitForTimeout(500)
		}
		expect(found).toBe(true)
		expect(pageErrors(page)).toEqual([])
	})

	test('the media contact form takes an enquiry', async () => {
		const page = await browser.newPage()
		await page.goto('/media', { waitUntil: 'networkidle' })
		await expectAccessible(page)
		await page.getByLabel('Your name').fill('Jo Reporter')
		await page.getByLabel('Email address').fill('jo@news.example.com')
		await page.getByLabel(/Organisation/).fill('Daily Example')
		await page.getByLabel('Your enquiry').fill('We are writing about fundraisers for justice and would love to talk.')
		await page.getByRole('button', { name: 'Send message' }).click()
		await page.getByText('Thank you — we have your enquiry.').waitFor()
		expect(pageErrors(page)).toEqual([])
	})
})
