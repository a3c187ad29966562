import { type Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'
import { TEAM_BOARD_SECONDS } from '#app/events/boards.server.ts'
import { signIn } from './sign-in.ts'

const browser = useBrowser()
const EVENT = '/e/polar-dip-2027'
const phone = { viewport: { width: 390, height: 844 } }

/** A figure like "£1,234" read from the element with the test id, in pounds. */
async function pounds(page: Page, testId: string): Promise<number> {
	return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[£,]/g, ''))
}

describe.runIf(hasChromium())('an event', () => {
	test('a supporter joins the demo event and starts a team; a friend without JavaScript finds them by search and gives; totals and boards show it', async () => {
		const tag = Date.now().toString(36)
		const title = `Wren braves the sea ${tag}`
		const teamName = `Puffins ${tag}`

		// The supporter, on a phone with JavaScript.
		const page = await browser.newPage(phone)
		await page.goto(EVENT, { waitUntil: 'networkidle' })
		await page.getByRole('heading', { level: 1, name: 'Polar Dip 2027' }).waitFor()
		await expectAccessible(page)
		const eventBefore = await pounds(page, 'event-raised')
		await page.getByRole('link', { name: 'Join this event' }).click()
		await page.getByRole('heading', { name: 'Sign in or sign up' }).waitFor()
		await signIn(page, `wren-${tag}@example.com`)
		await page.getByRole('heading', { name: 'Join Polar Dip 2027' }).waitFor()
		await page.waitForLoadState('networkidle')
		await expectAccessible(page)
		expect(await page.getByLabel('Your fundraising goal').inputValue()).toBe('250')
		// A new account has no name yet: the page must say who organises it.
		await page.getByLabel('Your first name').fill('Wren')
		await page.getByLabel('Page title').fill(title)
		await page.getByLabel('Start a team (I’ll be its captain)').check()
		await page.getByLabel('Team name').fill(teamName)
		await page.getByLabel('Team goal').fill('600')
		await page.getByRole('button', { name: 'Create my page' }).click()
		await page.getByText('You’re in! Your page is live').waitFor()
		await expectAccessible(page)
		expect(await page.getByText('You captain your team, so you stay with it.').count()).toBe(1)

		// The friend, without JavaScript, finds Wren by searching the event page.
		const friend = await browser.newPage({ ...phone, javaScriptEnabled: false })
		await friend.goto(EVENT)
		await friend.getByLabel('Name of a participant or team').fill(`wren braves the sea ${tag}`)
		await friend.getByRole('button', { name: 'Search' }).click()
		await friend.getByTestId('search-results').waitFor()
		await friend.getByTestId('search-results').getByRole('link').first().click()
		await friend.getByRole('heading', { level: 1, name: title }).waitFor()
		expect(await friend.getByTestId('page-event').textContent()).toContain(`Team ${teamName}`)
		await friend
			.getByRole('link', { name: /^Donate/ })
			.first()
			.click()
		await friend.getByText('Other', { exact: true }).click()
		await friend.getByLabel(/Other amount/).fill('30')
		await friend.getByLabel('Your name').fill('Fran Friend')
		await friend.getByLabel('Email address').fill(`fran-${tag}@example.com`)
		await friend.getByRole('button', { name: 'Continue to secure payment' }).click()
		await friend.getByText('TEST MODE — no real payment').waitFor()
		await friend.getByRole('button', { name: /^Pay/ }).click()
		await friend.getByText(/is confirmed/).waitFor()

		// Member, team and event totals and both boards show the gift.
		await friend.goto(EVENT)
		expect(await pounds(friend, 'event-raised')).toBe(eventBefore + 30)
		expect(await friend.getByTestId('fundraiser-board').textContent()).toMatch(/Wren\s*Puffins/)
		// The team board is worked out at most once per TEAM_BOARD_SECONDS per process: the new team joins it by then.
		await expect
			.poll(
				async () => {
					await friend.goto(EVENT)
					return friend.getByTestId('team-board').textContent()
				},
				{ timeout: (TEAM_BOARD_SECONDS + 5) * 1000, interval: 1000 },
			)
			.toContain(teamName)
		await friend.getByTestId('team-board').getByRole('link', { name: teamName }).click()
		await friend.getByRole('heading', { level: 1, name: teamName }).waitFor()
		expect(await pounds(friend, 'team-raised')).toBe(30)
		expect(await friend.getByTestId('team-members').textContent()).toContain('£30')

		// axe runs in a browser with JavaScript: the search results and the team page, on a phone.
		await page.goto(`${EVENT}?q=${encodeURIComponent(teamName)}`, { waitUntil: 'networkidle' })
		await page.getByTestId('search-results').getByRole('link', { name: teamName }).waitFor()
		await expectAccessible(page)
		await page.getByTestId('search-results').getByRole('link', { name: teamName }).click()
		await page.getByRole('heading', { level: 1, name: teamName }).waitFor()
		await expectAccessible(page)
		expect(pageErrors(page)).toEqual([])
		expect(pageErrors(friend)).toEqual([])
	})

	test('without JavaScript the event, team and join pages pass axe, on a phone and a desktop', async () => {
		for (const viewport of [phone.viewport, { width: 1280, height: 900 }]) {
			const page = await browser.newPage({ viewport, javaScriptEnabled: false })
			await page.goto(EVENT)
			await page.getByRole('heading', { level: 1, name: 'Polar Dip 2027' }).waitFor()
			// The share panel drawn without JavaScript: links, QR code and the embed code.
			expect(await page.getByLabel('Progress card for another website').inputValue()).toContain(`${EVENT}/widget`)
			await browser.expectAccessibleWithoutJavaScript(page)
			await page.getByTestId('team-board').getByRole('link').first().click()
			await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor()
			await browser.expectAccessibleWithoutJavaScript(page)
			await page.goto(`${EVENT}/join`)
			await page.getByRole('heading', { name: 'Sign in or sign up' }).waitFor()
			await signIn(page, `nojs-${viewport.width}-${Date.now().toString(36)}@example.com`)
			await page.getByRole('heading', { name: 'Join Polar Dip 2027' }).waitFor()
			await browser.expectAccessibleWithoutJavaScript(page)
			// With an error beside a field, as the server draws it.
			await page.getByLabel('Your first name').fill('Nora')
			await page.getByLabel('Start a team (I’ll be its captain)').check()
			await page.getByRole('button', { name: 'Create my page' }).click()
			await page.getByText('Please name your team (at least 2 characters)').waitFor()
			await browser.expectAccessibleWithoutJavaScript(page)
			await page.context().close()
		}
	})
})
