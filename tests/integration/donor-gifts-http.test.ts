import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordMovement } from '#app/donations/ledger.server.ts'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { donations } from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

async function setup() {
	const owner = await createPerson(db(), { firstName: 'Sofia' })
	const campaign = await createCampaign(db(), {
		ownerId: owner.id,
		slug: `gifts-${crypto.randomUUID().slice(0, 6)}`,
		title: 'Sofia swims the Solent',
	})
	const donor = await createPerson(db(), { email: 'dina.donor@example.com', firstName: 'Dina' })
	return { campaign, donor }
}

/** Gives through the donate form and the built-in test checkout, as a browser does; returns the donation. */
async function give(slug: string, fields: Record<string, string>, cookie?: string) {
	const started = await app.postForm(`/f/${slug}/donate`, fields, cookie ? { cookie } : {})
	expect(started.status).toBe(303)
	const checkout = started.headers.get('location')!
	expect(checkout).toMatch(/^\/test-checkout\/cs_test_local_/)
	const paid = await app.postForm(checkout, { outcome: 'succeeds' })
	expect(paid.status).toBe(303)
	const [donation] = await db()
		.select()
		.from(donations)
		.where(eq(donations.stripeCheckoutSessionId, checkout.split('/').pop()!))
	return donation!
}

const html = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '')

describe('your gifts', () => {
	test('a gift started while signed in is linked to the donor and listed on their account, refunds shown', async () => {
		const { campaign, donor } = await setup()
		const cookie = await app.signIn(donor.email)
		const gift = await give(
			campaign.slug,
			{ amount: '2500', donorName: 'Dina D', donorEmail: 'dina.d@elsewhere.example' },
			cookie,
		)
		expect(gift).toMatchObject({ donorId: donor.id, status: 'succeeded' })

		let account = await html(await app.get('/account', cookie))
		expect(account).toContain('Your gifts')
		expect(account).toContain('Sofia swims the Solent')
		expect(account).toContain('£25.00')
		expect(account).toContain('Paid')

		await db().transaction((tx) =>
			recordMovement(tx, {
				kind: 'refund',
				amountMinor: -1000,
				currency: 'GBP',
				donationId: gift.id,
				campaignId: campaign.id,
				sourceId: 're_test_part',
			}),
		)
		account = await html(await app.get('/account', cookie))
		expect(account).toContain('£10.00 refunded')
		expect(account).toContain('Partly refunded')
	})

	test('a signed-out gift with an existing person’s email is not linked to them', async () => {
		const { campaign, donor } = await setup()
		const gift = await give(campaign.slug, { amount: '2500', donorName: 'Someone', donorEmail: donor.email })
		expect(gift.donorId).toBeNull()
		const account = await html(await app.get('/account', await app.signIn(donor.email)))
		expect(account).toContain('Your gifts')
		expect(account).not.toContain('Sofia swims the Solent')
		expect(account).toContain('Gifts you make while signed in are listed here')
	})

	test('a long list of gifts is paged, newest first', async () => {
		const { campaign, donor } = await setup()
		const day = 86_400_000
		for (let i = 1; i <= 12; i++) {
			await createSucceededDonation(db(), {
				campaignId: campaign.id,
				amountMinor: i * 100,
				donorId: donor.id,
				succeededAt: new Date(Date.UTC(2026, 0, 1) + i * day),
			})
		}
		const cookie = await app.signIn(donor.email)
		const first = await html(await app.get('/account', cookie))
		expect(first).toContain('£12.00')
		expect(first).toContain('£3.00')
		expect(first).not.toContain('£2.00')
		expect(first).toContain('Page 1 of 2')
		const second = await html(await app.get('/account?page=2', cookie))
		expect(second).toContain('£2.00')
		expect(second).toContain('£1.00')
		expect(second).not.toContain('£3.00')
		expect((await app.get('/account?page=99999999999999999999', cookie)).status).toBe(200)
	})
})
