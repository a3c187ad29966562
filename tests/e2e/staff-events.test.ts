import { type Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'
import { signInOnce } from './sign-in.ts'

const browser = useBrowser()

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** Fills the event form as staff would; `name` keeps the two runs (JS on and off) apart. */
async function fillEventForm(page: Page, name: string) {
	await page.getByLabel('Name', { exact: true }).fill(name)
	await page.getByLabel('Kind of event').selectOption('walk')
	await page.getByLabel('Date', { exact: true }).fill(inDays(90))
	await page.getByLabel('Start time').fill('09:30')
	await page.getByLabel('Place', { exact: true }).fill('Hyde Park, by the bandstand')
	await page.getByLabel('Description').fill('Ten miles around London parks, together, for freedom.')
	await page.getByLabel('Event goal').fill('20000')
	await page.getByLabel('Suggested personal goal').fill('200')
	await page.getByLabel('Registration closes').fill(inDays(80))
}

describe.runIf(hasChromium())('staff run events', () => {
	test('staff create an event, fix a fee below the minimum, open registration and see the report (JavaScript on)', async () => {
		const page = await browser.newPage()
		await signInOnce(page, 'staff@demo.example.org', '/staff')
		await page.getByRole('heading', { name: 'Overview' }).waitFor()
		await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Events' }).click()
		await page.getByRole('heading', { name: 'Events' }).waitFor()
		await expectAccessible(page)
		await page.getByRole('link', { name: 'Create an event' }).click()
		await page.getByRole('heading', { name: 'Create an event' }).waitFor({ state: 'visible' })
		await page.waitForLoadState('networkidle')
		await fillEventForm(page, 'London Freedom Walk')
		await page.getByLabel('Registration fee').fill('0.20')
		await page.getByRole('button', { name: 'Create the event' }).click()
		await page.getByText('The registration fee must be at least £0.30').waitFor()
		await expectAccessible(page)
		await page.getByLabel('Registration fee').fill('12')
		await page.getByRole('button', { name: 'Create the event' }).click()
		await page.getByText('The event is saved as a draft.').waitFor()
		await expectAccessible(page)
		await page.getByRole('button', { name: 'Open registration' }).click()
		await page.getByText('Registration is open: the event page is public.').waitFor()
		await expect.poll(() => page.getByText('Open for registration ·').count()).toBe(1)
		await page.getByRole('link', { name: 'Message participants' }).click()
		await page.getByRole('heading', { name: /Message the participants/ }).waitFor()
		await expectAccessible(page)
		await page.getByRole('link', { name: '← Back to the report' }).click()
		await page.getByRole('link', { name: 'Edit details' }).click()
		await page.getByRole('heading', { name: 'Edit London Freedom Walk' }).waitFor()
		await expectAccessible(page)
		expect(pageErrors(page)).toEqual([])
	})

	test('the form works without JavaScript: errors beside the field with what was typed kept, then created', async () => {
		const page = await browser.newPage({ javaScriptEnabled: false })
		await signInOnce(page, 'staff@demo.example.org', '/staff')
		await page.getByRole('heading', { name: 'Overview' }).waitFor()
		await page.goto('/staff/events/new')
		await fillEventForm(page, 'Night Walk')
		await page.getByLabel('Registration closes').fill(inDays(95))
		await page.getByRole('button', { name: 'Create the event' }).click()
		await page.getByText('Registration must close on or before the day of the event').waitFor()
		expect(await page.getByLabel('Place', { exact: true }).inputValue()).toBe('Hyde Park, by the bandstand')
		await page.getByLabel('Registration closes').fill(inDays(80))
		await page.getByRole('button', { name: 'Create the event' }).click()
		await page.getByText('The event is saved as a draft.').waitFor()
		await page.goto('/staff/events')
		await page.getByRole('link', { name: 'Night Walk' }).waitFor()
		await page.getByRole('link', { name: 'Night Walk' }).click()
		await page.getByRole('link', { name: 'Edit details' }).click()
		expect(await page.getByLabel('Start time').inputValue()).toBe('09:30')
	})
})
