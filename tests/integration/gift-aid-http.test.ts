import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { giftAidClaimItems, giftAidClaims } from '#db/schema.ts'
import { daysAgo, giftAidGift } from '#tests/support/gift-aid.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

async function setup() {
	await createPerson(db(), { email: 'sam.staff@charity.example', role: 'staff' })
	const owner = await createPerson(db(), { email: 'nia@example.com', firstName: 'Nia', lastName: 'Okafor' })
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip', title: 'Nia’s polar dip' })
	await giftAidGift(campaign.id, {
		amountMinor: 2000,
		madeAt: daysAgo(45),
		declaration: { firstName: 'Priya', lastName: 'Shah' },
	})
	return {
		staffCookie: await app.signIn('sam.staff@charity.example'),
		ownerCookie: await app.signIn('nia@example.com'),
	}
}

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '')

describe('/staff/gift-aid over HTTP', () => {
	test('only staff open it, its batches and their files', async () => {
		const { staffCookie, ownerCookie } = await setup()
		expect((await app.get('/staff/gift-aid')).status).toBe(302)
		expect((await app.get('/staff/gift-aid', ownerCookie)).status).toBe(403)
		const refused = await app.postForm('/staff/gift-aid', withFormToken({ intent: 'create' }), { cookie: ownerCookie })
		expect(refused.status).toBe(403)
		expect(await db().select().from(giftAidClaims)).toHaveLength(0)

		const page = await text(await app.get('/staff/gift-aid', staffCookie))
		expect(page).toContain('Ready to claim')
		expect(page).toContain('Priya Shah')
		expect(page).toContain('href="/staff/gift-aid"')

		const created = await app.postForm('/staff/gift-aid', withFormToken({ intent: 'create' }), { cookie: staffCookie })
		expect(created.status).toBe(302)
		const batchPath = created.headers.get('location')!.split('?')[0]!
		expect(batchPath).toMatch(/^\/staff\/gift-aid\/[0-9a-f-]{36}$/)
		expect((await app.get(batchPath, ownerCookie)).status).toBe(403)
		expect((await app.get(`${batchPath}/schedule.ods`, ownerCookie)).status).toBe(403)
		const file = await app.get(`${batchPath}/schedule.csv`, staffCookie)
		expect(file.status).toBe(200)
		expect(await file.text()).toContain('Priya,Shah')
	})

	test('a resent create form makes one batch; a form without its token is refused with a message, not a 500', async () => {
		const { staffCookie } = await setup()
		const fields = withFormToken({ intent: 'create' })
		const first = await app.postForm('/staff/gift-aid', fields, { cookie: staffCookie })
		const again = await app.postForm('/staff/gift-aid', fields, { cookie: staffCookie })
		expect(first.headers.get('location')!.split('?')[0]).toBe(again.headers.get('location')!.split('?')[0])
		expect(await db().select().from(giftAidClaims)).toHaveLength(1)
		expect(await db().select().from(giftAidClaimItems)).toHaveLength(1)

		const stale = await app.postForm('/staff/gift-aid', { intent: 'create' }, { cookie: staffCookie })
		expect(stale.status).toBe(400)
		expect(await text(stale)).toContain('This form is out of date. Please try again.')
		const nothing = await app.postForm('/staff/gift-aid', withFormToken({ intent: 'create' }), { cookie: staffCookie })
		expect(nothing.headers.get('location')).toBe('/staff/gift-aid?done=nothing')
	})

	test('bad batch ids, files and amounts get 404s and errors beside the field, never a 500', async () => {
		const { staffCookie } = await setup()
		for (const path of [
			'/staff/gift-aid/not-a-uuid',
			'/staff/gift-aid/00000000-0000-4000-8000-000000000000',
			'/staff/gift-aid/not-a-uuid/schedule.ods',
			'/staff/gift-aid/00000000-0000-4000-8000-000000000000/schedule.csv',
		]) {
			expect((await app.get(path, staffCookie)).status, path).toBe(404)
		}
		const created = await app.postForm('/staff/gift-aid', withFormToken({ intent: 'create' }), { cookie: staffCookie })
		const batchPath = created.headers.get('location')!.split('?')[0]!
		for (const query of ['?part=2', '?part=0', '?part=-1', '?part=abc', '?part=1e9']) {
			expect((await app.get(`${batchPath}/schedule.ods${query}`, staffCookie)).status, query).toBe(404)
		}
		// A list cursor that is not one of ours is ignored: the first page.
		expect((await app.get('/staff/gift-aid?ready=zzz&batches=x&adjustments=1', staffCookie)).status).toBe(200)
		expect((await app.get(`${batchPath}?items=nope`, staffCookie)).status).toBe(200)

		const unknown = await app.postForm(batchPath, { intent: 'explode' }, { cookie: staffCookie })
		expect(unknown.status).toBe(400)
		await app.postForm(batchPath, { intent: 'submit', submissionReference: '' }, { cookie: staffCookie })
		for (const amount of ['', 'lots', '-5', '12.345', '1,2']) {
			const paid = await app.postForm(batchPath, { intent: 'paid', amount }, { cookie: staffCookie })
			expect(paid.status, amount).toBe(400)
			expect(await text(paid), amount).toContain('Enter the amount HMRC paid')
		}
		const tooLong = await app.postForm(
			batchPath,
			{ intent: 'submit', submissionReference: 'x'.repeat(101) },
			{ cookie: staffCookie },
		)
		expect(tooLong.status).toBe(400)
		const paid = await app.postForm(batchPath, { intent: 'paid', amount: '5.00' }, { cookie: staffCookie })
		expect(paid.headers.get('location')).toBe(`${batchPath}?done=paid`)
	})
})
