import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'

const browser = useBrowser()

describe.runIf(hasChromium())('landing page', () => {
	test('invites people to fundraise and shows campaigns and the total from the database', async () => {
		const page = await browser.newPage()
		await page.goto('/', { waitUntil: 'networkidle' })
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
			'From birthday parties to polar dips, your fundraising campaign can stop the violence.',
		)
		const total = await page.getByTestId('platform-total').textContent()
		expect(total).toMatch(/^£[1-9][\d,]*(\.\d\d)?$/)
		expect(await page.getByRole('heading', { name: 'Featured fundraisers' }).isVisible()).toBe(true)
		expect(await page.locator('#campaigns article').count()).toBeGreaterThanOrEqual(4)
		expect(await page.getByRole('link', { name: 'Start a fundraiser' }).count()).toBeGreaterThanOrEqual(1)
		await expectAccessible(page)

		await page.getByRole('main').getByRole('link', { name: 'Learn more', exact: true }).first().click()
		await page.getByRole('heading', { level: 1, name: 'Learn more about fundraising' }).waitFor()
		expect(page.url()).toMatch(/\/fundraise$/)
		expect(pageErrors(page)).toEqual([])
	})

	test('a campaign card opens the campaign page with its progress and donors', async () => {
		const page = await browser.newPage()
		await page.goto('/', { waitUntil: 'networkidle' })
		await page.locator('#campaigns article a').first().click()
		await page.getByRole('heading', { name: 'Donations' }).waitFor()
		expect(page.url()).toMatch(/\/f\/[a-z0-9-]+$/)
		expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toMatch(/^\d+$/)
		await expectAccessible(page)
		expect(pageErrors(page)).toEqual([])
	})
})
