import { randomInt } from 'node:crypto'
import { type Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { SCHEDULE_HEADERS } from '#app/gift-aid/schedule.ts'
import { readOds } from '#tests/support/ods-reader.ts'
import { expectAccessible, hasChromium, pageErrors, useBrowser } from './browser.ts'
import { signIn, signInOnce, signOut } from './sign-in.ts'

const browser = useBrowser()

/** A surname no other test uses (letters only, as a Gift Aid name allows). */
const uniqueSurname = (base: string) =>
	base + Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(26))).join('')

/** The fundraiser copies one sponsor with Gift Aid from a paper form on their dashboard. */
async function recordSponsor(page: Page, fundraiser: string, manageLink: RegExp, surname: string, axe: boolean) {
	await page.goto('/login?redirectTo=%2Fdashboard')
	await signIn(page, fundraiser)
	await page.getByRole('heading', { name: 'My fundraisers' }).waitFor()
	await page.getByRole('link', { name: manageLink }).click()
	await page.getByRole('heading', { name: 'Record a sponsorship form' }).waitFor()
	const first = page.getByRole('group', { name: 'Sponsor 1' })
	await first.getByLabel('First name or initial').fill('Grace')
	await first.getByLabel('Last name').fill(surname)
	await first.getByLabel('House name or number').fill('7')
	await first.getByLabel('Postcode').fill('eh1 1yz')
	await first.getByLabel(/Amount/).fill('25')
	await first.getByLabel('Date paid').fill(new Date().toISOString().slice(0, 10))
	await first.getByLabel('Gift Aid ticked on the form').check()
	await page.getByRole('button', { name: 'Record sponsorship' }).click()
	await page.getByText('Sponsorship form recorded.').waitFor()
	if (axe) await expectAccessible(page)
	await signOut(page)
}

/** Staff confirm the gift, claim it, download the schedule, then mark the batch submitted and paid. */
async function claimIt(page: Page, surname: string, axe: boolean) {
	const checkAccessible = async () => {
		// axe runs as a script in the page, so only where scripts run.
		if (axe) await expectAccessible(page)
	}
	await signInOnce(page, 'staff@demo.example.org', '/staff')
	await page.getByRole('heading', { name: 'Overview' }).waitFor()
	await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Offline gifts' }).click()
	await page.getByText(`Grace ${surname}, 7, EH1 1YZ`, { exact: false }).waitFor()
	await page.getByRole('button', { name: `Confirm £25.00 with Gift Aid from Grace ${surname}` }).click()
	await page.getByText('Gift confirmed.').waitFor()

	await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Gift Aid' }).click()
	await page.getByRole('heading', { name: 'Gift Aid', exact: true }).waitFor()
	await page.getByRole('region', { name: 'Gifts ready to claim' }).getByText(`Grace ${surname}`).waitFor()
	await checkAccessible()
	await page.getByRole('button', { name: 'Create claim batch' }).click()
	await page.getByText('Batch created.').waitFor()
	await checkAccessible()

	// The schedule as Charities Online takes it: the gift is in it once, with HMRC's columns.
	const href = await page.getByRole('link', { name: 'Spreadsheet (.ods)' }).first().getAttribute('href')
	const file = await page.request.get(href!)
	expect(file.status()).toBe(200)
	const [sheet] = readOds(new Uint8Array(await file.body())).sheets
	const shown = sheet!.rows.map((row) => row.map((cell) => cell.shown))
	// HMRC's columns (their wording is checked in tests/integration/gift-aid-export.test.ts).
	expect(shown[0]).toEqual([...SCHEDULE_HEADERS])
	const ours = shown.filter((row) => row[2] === surname)
	expect(ours).toHaveLength(1)
	expect(ours[0]!.slice(0, 5)).toEqual(['', 'Grace', surname, '7', 'EH1 1YZ'])
	expect(ours[0]![8]).toBe('25.00')

	await page.getByRole('button', { name: 'Mark as submitted' }).click()
	await page.getByText('Marked as submitted to HMRC.').waitFor()
	await page.getByLabel(/Amount HMRC paid/).fill('6.25')
	await page.getByRole('button', { name: 'Mark as paid' }).click()
	await page.getByText('Marked as paid.').waitFor()
	expect(await page.getByTestId('claim-status').textContent()).toBe('Paid by HMRC')
	await checkAccessible()

	// Nothing is left to claim: a second batch has nothing new.
	await page.getByRole('link', { name: '← Gift Aid' }).click()
	await page.getByRole('heading', { name: 'Gift Aid', exact: true }).waitFor()
	await page.getByRole('button', { name: 'Create claim batch' }).click()
	await page.getByText('Nothing new to claim').waitFor()
}

describe.runIf(hasChromium())('Gift Aid claims', () => {
	test('a sponsor’s Gift Aid from a paper form is confirmed, claimed once, submitted and paid (JavaScript on)', async () => {
		const page = await browser.newPage()
		const surname = uniqueSurname('Hopper')
		await recordSponsor(page, 'amara-turns-30@demo.example.org', /Manage.*Amara/, surname, true)
		await claimIt(page, surname, true)
		expect(pageErrors(page)).toEqual([])
	}, 150_000)

	test('the same without JavaScript', async () => {
		const page = await browser.newPage({ javaScriptEnabled: false })
		const surname = uniqueSurname('Lovelace')
		await recordSponsor(page, 'amara-turns-30@demo.example.org', /Manage.*Amara/, surname, false)
		await claimIt(page, surname, false)
	}, 150_000)
})
