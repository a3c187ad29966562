import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'
import { signIn } from './sign-in.ts'

const browser = useBrowser()

/** A real photo-like JPEG, made here so the test needs no fixture files. */
async function birthdayPhoto() {
	return sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#e9a86b' } })
		.composite([
			{
				input: Buffer.from('<svg width="1600" height="1000"><circle cx="800" cy="500" r="300" fill="#0b4f6c"/></svg>'),
			},
		])
		.jpeg({ quality: 80 })
		.toBuffer()
}

describe.runIf(hasChromium())('a new supporter starts a birthday fundraiser', () => {
	test('signs up with an emailed code, publishes a page with a photo, shares, edits, records an offline gift and signs out', async () => {
		const page = await browser.newPage()
		const email = `birthday-${Date.now()}@example.com`
		await page.goto('/', { waitUntil: 'networkidle' })
		await page.getByRole('banner').getByRole('link', { name: 'Start a fundraiser' }).click()
		await page.getByRole('heading', { name: 'How would you like to fundraise?' }).waitFor()
		await expectAccessible(page)
		await page.getByRole('button', { name: /Birthday/ }).click()

		// Not signed in yet: the sign-in page keeps the chosen idea for later.
		await page.getByRole('heading', { name: 'Sign in or sign up' }).waitFor()
		await expectAccessible(page)
		await signIn(page, email)
		// The idea chosen before signing in is kept: straight on to step 2.
		await page.getByRole('heading', { name: 'Tell your story' }).waitFor()
		await expectAccessible(page)
		const slug = `bday-${Date.now().toString(36)}`
		await page.getByLabel('Title').fill('Esther turns 30: freedom instead of presents')
		await page.getByLabel('Goal').fill('12')
		await page.getByLabel('Goal').fill('750')
		await page.getByLabel(/Your birthday/).fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10))
		await page
			.getByLabel('Cover photo')
			.setInputFiles({ name: 'party.jpg', mimeType: 'image/jpeg', buffer: await birthdayPhoto() })
		await page.getByLabel(/Describe the photo/).fill('Esther blowing out candles')
		await page.getByLabel('Short link').fill(slug)
		await page.getByRole('button', { name: 'Save and review' }).click()

		await page.getByRole('heading', { name: 'Review and publish' }).waitFor()
		await expectAccessible(page)
		expect(await page.getByText('£750').count()).toBeGreaterThan(0)
		// A new account has no name yet; the page must say who organises it.
		await page.getByRole('button', { name: 'Publish my page' }).click()
		await page.getByText('Please enter your first name').waitFor()
		await page.getByLabel('Your first name').fill('Esther')
		await page.getByRole('button', { name: 'Publish my page' }).click()

		await page.getByRole('heading', { name: 'Your page is live! 🎉' }).waitFor()
		expect(page.url()).toContain(`/f/${slug}?published=1`)
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Esther turns 30: freedom instead of presents',
		)
		const cover = page.getByRole('img', { name: 'Esther blowing out candles' })
		expect(await cover.getAttribute('src')).toMatch(/^\/uploads\/.+\.webp$/)
		expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200)
		await expectAccessible(page)

		const share = await page.request.get(`/f/${slug}/share.png`)
		expect(share.status()).toBe(200)
		expect(share.headers()['content-type']).toBe('image/png')
		const qr = await page.request.get(`/f/${slug}/qr.svg`)
		expect(qr.status()).toBe(200)
		expect(await qr.text()).toContain('<svg')
		expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toMatch(
			new RegExp(`/f/${slug}/share\\.png$`),
		)

		// Edit it from the dashboard.
		await page.getByRole('link', { name: 'Go to my dashboard' }).click()
		await page.getByRole('link', { name: 'Edit details' }).click()
		await page.getByRole('heading', { name: 'Edit your fundraiser' }).waitFor()
		await page.getByLabel('Title').fill('Esther turns 30 for freedom')
		await page.getByRole('button', { name: 'Save changes' }).click()
		await page.getByText('Your changes are saved.').waitFor()
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Esther turns 30 for freedom')
		await expectAccessible(page)

		// An offline gift shows as pending and does not count yet.
		await page
			.locator('form#record-offline')
			.getByLabel(/Amount/)
			.fill('25')
		await page.getByLabel("Donor's name").fill('Grandma')
		await page.getByRole('button', { name: 'Record gift' }).click()
		await page.getByText('Offline gift recorded.').waitFor()
		expect(await page.getByText('Pending confirmation').count()).toBe(1)
		// The form empties after it succeeds, so a second click cannot record the same gift again.
		await expect
			.poll(() =>
				page
					.locator('form#record-offline')
					.getByLabel(/Amount/)
					.inputValue(),
			)
			.toBe('')
		expect(await page.getByLabel("Donor's name").inputValue()).toBe('')

		// So does the update form.
		await page.getByLabel('Your update').fill('First training swim done!')
		await page.getByRole('button', { name: 'Post update' }).click()
		await page.getByText('Your update is posted on your page.').waitFor()
		await expect.poll(() => page.getByLabel('Your update').inputValue()).toBe('')
		await page.getByRole('button', { name: 'Post update' }).click()
		await page.getByText('Please write your update').waitFor()
		expect(await page.getByText('First training swim done!').count()).toBe(1)
		await expectAccessible(page)
		await page.goto(`/f/${slug}`)
		expect(await page.getByTestId('campaign-raised').textContent()).toBe('£0')

		// Sign out: the dashboard asks to sign in again.
		await page.goto('/account', { waitUntil: 'networkidle' })
		await page.getByRole('button', { name: 'Sign out', exact: true }).click()
		await page.waitForURL((url) => !url.pathname.startsWith('/account'))
		await page.goto('/dashboard')
		expect(new URL(page.url()).pathname).toBe('/login')
		expect(pageErrors(page)).toEqual([])
	})

	test('works without JavaScript: errors beside the fields, then a published page', async () => {
		const page = await browser.newPage({ javaScriptEnabled: false })
		const email = `nojs-campaign-${Date.now()}@example.com`
		await page.goto('/login?redirectTo=%2Fstart')
		await signIn(page, email)
		await page.getByRole('heading', { name: 'How would you like to fundraise?' }).waitFor()
		await page.getByRole('button', { name: /Run, walk or ride/ }).click()
		await page.getByRole('heading', { name: 'Tell your story' }).waitFor()
		await page.locator('form#campaign-details').evaluate((form) => form.setAttribute('novalidate', ''))
		await page.getByLabel('Goal').fill('five hundred')
		await page.getByLabel('Short link').fill('Bad Link!')
		await page.getByRole('button', { name: 'Save and review' }).click()
		await page.waitForLoadState('domcontentloaded')
		expect(await page.locator('#campaign-details-goal-error').textContent()).toBe(
			'Enter the amount as a number, like 500 or 12.50',
		)
		expect(await page.locator('#campaign-details-slug-error').textContent()).toMatch(/lowercase letters/)
		await page.getByLabel('Goal').fill('500')
		await page.getByLabel('Short link').fill(`run-nojs-${Date.now().toString(36)}`)
		await page.getByRole('button', { name: 'Save and review' }).click()
		await page.getByRole('heading', { name: 'Review and publish' }).waitFor()
		await page.getByRole('button', { name: 'Publish my page' }).click()
		await page.waitForLoadState('domcontentloaded')
		expect(await page.locator('#publish-firstName-error').textContent()).toBe(
			'Please enter your first name, so people know who is fundraising',
		)
		await page.getByLabel('Your first name').fill('Ravi')
		await page.getByRole('button', { name: 'Publish my page' }).click()
		await page.getByRole('heading', { name: 'Your page is live! 🎉' }).waitFor()
		expect(await page.getByText('Organised by Ravi').count()).toBe(1)
	})
})
