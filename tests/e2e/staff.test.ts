import { type Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'
import { signIn, signOut } from './sign-in.ts'

const browser = useBrowser()

async function raisedPence(page: Page, slug: string): Promise<number> {
	await page.goto(`/f/${slug}`, { waitUntil: 'domcontentloaded' })
	const text = (await page.getByTestId('campaign-raised').textContent()) ?? ''
	const [pounds, pence = '0'] = text.replace(/[£,]/g, '').split('.')
	return Number(pounds) * 100 + Number(pence.padEnd(2, '0'))
}

describe.runIf(hasChromium())('charity staff', () => {
	test('confirm a fundraiser’s cash gift, and hide then restore a fundraiser', async () => {
		const page = await browser.newPage()
		const slug = 'amara-turns-30'
		const before = await raisedPence(page, slug)

		// The fundraiser records cash from a cake stall.
		await page.goto('/login?redirectTo=%2Fdashboard')
		await signIn(page, 'amara-turns-30@demo.example.org')
		await page.getByRole('heading', { name: 'My fundraisers' }).waitFor()
		await page.getByRole('link', { name: /Manage.*Amara/ }).click()
		await page
			.locator('form#record-offline')
			.getByLabel(/Amount/)
			.fill('42')
		await page.getByLabel("Donor's name").fill('Cake stall')
		await page.getByRole('button', { name: 'Record gift' }).click()
		await page.getByText('Offline gift recorded.').waitFor()
		await signOut(page)
		expect(await raisedPence(page, slug)).toBe(before)

		// A supporter cannot open the staff area.
		const forbidden = await page.request.get('/staff/gifts', { maxRedirects: 0 })
		expect([302, 403]).toContain(forbidden.status())

		// Staff sign in (landing in the staff area without asking for it) and confirm it: the total moves.
		await page.goto('/login')
		await signIn(page, 'staff@demo.example.org')
		await page.getByRole('heading', { name: 'Overview' }).waitFor()
		await expectAccessible(page)
		await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Offline gifts' }).click()
		await page.getByRole('heading', { name: 'Offline gifts' }).waitFor()
		await expectAccessible(page)
		await page.getByRole('button', { name: /Confirm £42\.00 from Cake stall/ }).click()
		await page.getByText('Gift confirmed. It now counts in the fundraiser’s total.').waitFor()
		expect(await raisedPence(page, slug)).toBe(before + 4200)

		// Hide a fundraiser with a reason: it disappears for the public, then comes back.
		await page.goto('/staff/campaigns?q=bake')
		await page.getByRole('heading', { name: 'Campaigns' }).waitFor()
		await expectAccessible(page)
		await page.locator('summary').filter({ hasText: 'Hide' }).first().click()
		await page.getByLabel('Reason (shown to the fundraiser)').fill('Please add who is running the bake sale.')
		await page.getByRole('button', { name: 'Hide from the public' }).click()
		await page.getByText('The fundraiser is hidden from the public.').waitFor()
		const visitor = await browser.newPage()
		expect((await visitor.goto('/f/bake-sale-for-freedom'))!.status()).toBe(404)
		await page
			.getByRole('button', { name: /Unhide/ })
			.first()
			.click()
		await page.getByText('The fundraiser is public again.').waitFor()
		expect((await visitor.goto('/f/bake-sale-for-freedom'))!.status()).toBe(200)
		expect(pageErrors(page)).toEqual([])
	})

	test('an admin gives a fundraiser staff access from People, and takes it away again', async () => {
		const page = await browser.newPage()
		const fundraiser = 'bake-sale-for-freedom@demo.example.org'
		await page.goto('/login')
		await signIn(page, 'staff@demo.example.org')
		await page.getByRole('heading', { name: 'Overview' }).waitFor()
		await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'People' }).click()
		await page.getByRole('heading', { name: 'People', exact: true }).waitFor()
		await page.getByText('You. Another admin can change your access.').waitFor()
		await page.getByLabel('Email address').fill('bake-sale')
		await page.getByRole('button', { name: 'Search' }).click()
		await page.getByRole('button', { name: `Give staff access for ${fundraiser}` }).click()
		await page.getByText('Done: they have staff access (and no admin role).').waitFor()
		await expectAccessible(page)
		// Now in the staff list and in the search results: either button does it.
		await page
			.getByRole('button', { name: `Remove staff access for ${fundraiser}` })
			.first()
			.click()
		await page.getByText('Done: their staff access is removed.').waitFor()
		expect(await page.getByRole('button', { name: `Give staff access for ${fundraiser}` }).count()).toBe(1)
		expect(pageErrors(page)).toEqual([])
	})
})
