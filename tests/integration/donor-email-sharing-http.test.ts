import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCampaign, createPerson } from '#db/factories.server.ts'
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

describe('a donor sharing their email with the fundraiser', () => {
	test('the donate form asks, and the donation records the answer either way', async () => {
		const owner = await createPerson(db(), { firstName: 'Sofia' })
		const campaign = await createCampaign(db(), {
			ownerId: owner.id,
			slug: `share-${crypto.randomUUID().slice(0, 6)}`,
		})
		const form = await (await app.get(`/f/${campaign.slug}/donate`)).text()
		expect(form).toContain('name="shareEmailWithFundraiser"')
		expect(form.replace(/<!-- -->/g, '')).toContain('Let Sofia have my email, to thank me in person')

		const gift = { amount: '2500', donorName: 'Gwen Guest' }
		const shared = await app.postForm(`/f/${campaign.slug}/donate`, {
			...gift,
			donorEmail: 'sharing@example.com',
			shareEmailWithFundraiser: 'on',
		})
		expect(shared.status).toBe(303)
		const kept = await app.postForm(`/f/${campaign.slug}/donate`, { ...gift, donorEmail: 'private@example.com' })
		expect(kept.status).toBe(303)

		const rows = await db()
			.select({ email: donations.donorEmail, share: donations.shareEmailWithFundraiser })
			.from(donations)
			.where(eq(donations.campaignId, campaign.id))
		expect(rows).toEqual(
			expect.arrayContaining([
				{ email: 'sharing@example.com', share: true },
				{ email: 'private@example.com', share: false },
			]),
		)
	})
})
