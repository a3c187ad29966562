import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, useBrowser } from './browser.ts'
import { signIn } from './sign-in.ts'

const browser = useBrowser()

describe.runIf(hasChromium())('a team captain', () => {
	test('a new captain opens their team dashboard and, without JavaScript, sets the goal and emails the team', async () => {
		const tag = Date.now().toString(36)
		const page = await browser.newPage()
		await page.goto('/e/polar-dip-2027/join')
		await page.getByRole('heading', { name: 'Sign in or sign up' }).waitFor()
		await signIn(page, `kit-${tag}@example.com`)
		await page.getByRole('heading', { name: 'Join Polar Dip 2027' }).waitFor()
		await page.waitForLoadState('networkidle')
		await page.getByLabel('Your first name').fill('Kit')
		await page.getByLabel('Page title').fill(`Kit braves the sea ${tag}`)
		await page.getByLabel('Start a team (I’ll be its captain)').check()
		await page.getByLabel('Team name').fill(`Seals ${tag}`)
		await page.getByLabel('Team goal').fill('600')
		await page.getByRole('button', { name: 'Create my page' }).click()
		await page.getByText('You’re in! Your page is live').waitFor()
		await page.getByRole('link', { name: 'Your team dashboard' }).click()
		await page.getByRole('heading', { level: 1, name: `Team dashboard: Seals ${tag}` }).waitFor()
		await page.waitForLoadState('networkidle')
		await expectAccessible(page)
		expect(await page.getByLabel('Invite link').inputValue()).toMatch(/\/e\/polar-dip-2027\/t\/seals-[a-z0-9-]+\/join$/)

		// The same captain in a browser without JavaScript: both forms still work.
		const noJs = await browser.newPage({ javaScriptEnabled: false, storageState: await page.context().storageState() })
		noJs.setDefaultTimeout(10_000)
		await noJs.goto(new URL(page.url()).pathname)
		await noJs.getByLabel('Team goal (£)').fill('900')
		await noJs.getByRole('button', { name: 'Save goal' }).click()
		await noJs.getByText('Your team’s goal is saved.').waitFor()
		expect(await noJs.getByLabel('Team goal (£)').inputValue()).toBe('900')
		await noJs.getByLabel('Subject').fill('Training swim')
		await noJs.getByLabel('Message').fill('Saturday at nine at the beach, bring a towel!')
		await noJs.getByRole('button', { name: 'Send to the team' }).click()
		await noJs.getByText('Your email is on its way to the team.').waitFor()
		expect(await noJs.getByText(/You can send 2 more today/).count()).toBe(1)
		// axe needs JavaScript, so the check runs on the same page with it.
		await page.reload({ waitUntil: 'networkidle' })
		await expectAccessible(page)
	}, 120_000)
})
