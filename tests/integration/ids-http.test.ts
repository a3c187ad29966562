import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

const DASHES = '-'.repeat(36)

describe('ids in addresses', () => {
	test('a fundraiser id of 36 dashes on the dashboard answers 404, not 500', async () => {
		const owner = await createPerson(db(), { email: `dashes-${crypto.randomUUID().slice(0, 6)}@example.com` })
		const cookie = await app.signIn(owner.email)
		const response = await app.get(`/dashboard/${DASHES}`, cookie)
		expect(response.status).toBe(404)
		const edit = await app.get(`/dashboard/${DASHES}/edit`, cookie)
		expect(edit.status).toBe(404)
	})

	test('a cancelled donation id of 36 dashes shows the donate form rather than a 500', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), {
			ownerId: owner.id,
			slug: `dashes-${crypto.randomUUID().slice(0, 6)}`,
		})
		const response = await app.get(`/f/${campaign.slug}/donate?cancelled=${DASHES}`)
		expect(response.status).toBe(200)
	})
})
