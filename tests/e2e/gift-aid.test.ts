import { type Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'

const browser = useBrowser()
/** Two demo pages no other test gives Gift Aid to, so the Gift Aid each shows is this file's alone. */
const WITH_JS = 'sofia-runs-london'
const WITHOUT_JS = 'coast-to-coast-ride'
const SCREENSHOTS = process.env.GIFT_AID_SCREENSHOTS

async function screenshot(page: Page, name: string) {
	if (!SCREENSHOTS) return
	for (const [label, width] of [
		['phone', 390],
		['desktop', 1280],
	] as const) {
		await page.setViewportSize({ width, height: 900 })
		await page.screenshot({ path: `${SCREENSHOTS}/${name}-${label}.png`, fullPage: true })
	}
}

async function giftAidShown(page: Page, slug: string) {
	await page.goto(`/f/${slug}`, { waitUntil: 'domcontentloaded' })
	const shown = page.getByTestId('campaign-gift-aid')
	return (await shown.count()) ? ((await shown.textContent()) ?? '') : ''
}

async function fillGift(page: Page, email: string) {
	await page.getByText('Other', { exact: true }).click()
	await page.getByLabel(/Other amount/).fill('20')
	await page.getByLabel('Your name').fill('Gina Giftaid')
	await page.getByLabel('Email address').fill(email)
}

async function pay(page: Page) {
	await page.getByRole('button', { name: 'Continue to secure payment' }).click()
	await page.getByText('TEST MODE — no real payment').waitFor()
	await page.getByLabel('Payment succeeds', { exact: true }).check()
	await page.getByRole('button', { name: /^Pay/ }).click()
	await page.getByText(/is confirmed/).waitFor()
}

/** The donor's receipt as the development mailbox shows it (it is sent by the worker, so it may take a moment). */
async function receiptText(page: Page, email: string) {
	for (let i = 0; i < 40; i++) {
		await page.goto('/dev/mail')
		const row = page
			.getByRole('row')
			.filter({ hasText: email })
			.filter({ hasText: /Your receipt R-/ })
		if ((await row.count()) > 0) {
			await row.getByRole('link').click()
			return (await page.locator('pre').textContent()) ?? ''
		}
		await page.waitForTimeout(500)
	}
	throw new Error(`no receipt reached ${email}`)
}

describe.runIf(hasChromium())('Gift Aid', () => {
	test('a donor adds Gift Aid to £20: the form says it becomes £25, the page shows + £5 Gift Aid, the receipt confirms it', async () => {
		const page = await browser.newPage()
		expect(await giftAidShown(page, WITH_JS)).toBe('')
		await page.goto(`/f/${WITH_JS}/donate`, { waitUntil: 'networkidle' })
		// Unticked at first, its details hidden until it is ticked.
		const box = page.getByLabel('Add Gift Aid')
		expect(await box.isChecked()).toBe(false)
		expect(await page.getByLabel('First name').isVisible()).toBe(false)
		const email = `gift-aid-${Date.now()}@example.com`
		await fillGift(page, email)
		await expect(
			page.getByText(/With Gift Aid, £20\.00 becomes £25\.00 at no extra cost to you/).isVisible(),
		).resolves.toBe(true)
		await box.check()
		// Sent without the details: the server answers beside the fields, and the page is still accessible.
		await page.getByRole('button', { name: 'Continue to secure payment' }).click()
		await page.locator('[id="donate-giftAidDetails.lastName-error"]').getByText('Please enter your last name').waitFor()
		await page.waitForLoadState('networkidle')
		await expectAccessible(page)
		expect(await page.getByLabel('Add Gift Aid').isChecked()).toBe(true)
		await page.getByLabel('First name').fill('Gina')
		await page.getByLabel('Last name').fill('Giftaid')
		await page.getByLabel('House name or number').fill('7')
		await page.getByLabel('Postcode', { exact: true }).fill('sw1a 1aa')
		await expectAccessible(page)
		await pay(page)

		expect(await giftAidShown(page, WITH_JS)).toBe('+ £5 Gift Aid')
		await expectAccessible(page)
		const receipt = await receiptText(page, email)
		expect(receipt).toContain('Gift Aid it adds: £5.00')
		expect(receipt).toContain('will claim £5.00 from HMRC on this gift')
		expect(receipt).toMatch(/Update your address or cancel your declaration: http\S+\/gift-aid\//)
		// The one answer that may be logged is the 400 of the form sent without its details.
		expect(pageErrors(page).filter((e) => !e.includes('status of 400'))).toEqual([])
	})

	test('without JavaScript: a ticked box asks for the details beside each field, keeps what was typed, then goes through', async () => {
		const page = await browser.newPage({ javaScriptEnabled: false })
		const before = await giftAidShown(page, WITHOUT_JS)
		expect(before).toBe('')
		await page.goto(`/f/${WITHOUT_JS}/donate`)
		await page.locator('form#donate').evaluate((form) => form.setAttribute('novalidate', ''))
		const email = `gift-aid-nojs-${Date.now()}@example.com`
		await fillGift(page, email)
		await page.getByLabel('Add Gift Aid').check()
		await page.getByLabel('House name or number').fill('Rose Cottage')
		await page.getByLabel('Postcode', { exact: true }).fill('NOT A POSTCODE')
		await page.getByRole('button', { name: 'Continue to secure payment' }).click()
		await page.waitForLoadState('domcontentloaded')
		expect(await page.locator('[id="donate-giftAidDetails.firstName-error"]').textContent()).toBe(
			'Please enter your first name',
		)
		expect(await page.locator('[id="donate-giftAidDetails.postcode-error"]').textContent()).toBe(
			'Please enter a UK postcode, like SW1A 1AA',
		)
		expect(await page.getByLabel('House name or number').inputValue()).toBe('Rose Cottage')
		expect(await page.getByLabel('Add Gift Aid').isChecked()).toBe(true)
		// The amount the donor chose is named without any script (axe needs scripts: the test above checks this state).
		await expect(page.getByText(/With Gift Aid, £20\.00 becomes £25\.00/).isVisible()).resolves.toBe(true)
		await screenshot(page, 'donate-gift-aid-errors-nojs')

		await page.getByLabel('First name').fill('Nadia')
		await page.getByLabel('Last name').fill('Noscript')
		await page.getByLabel('Postcode', { exact: true }).fill('EC1A 1BB')
		await pay(page)
		expect(await giftAidShown(page, WITHOUT_JS)).toBe('+ £5 Gift Aid')
		await screenshot(page, 'campaign-gift-aid')
	})
})
