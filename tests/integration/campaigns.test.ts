import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getCampaignForViewer, getPublicCampaign, listDonorWall } from '#app/campaigns/campaigns.server.ts'
import { confirmOfflineDonation, recordOfflineDonation } from '#app/donations/offline-gifts.server.ts'
import {
	endCampaignEarly,
	publishCampaign,
	requireOwnedCampaign,
	saveCampaignDetails,
	sendDonorThanks,
	startDraftCampaign,
	suggestFreeSlug,
} from '#app/campaigns/manage.server.ts'
import { slugify, slugProblem } from '#app/campaigns/slug.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { renderStory } from '#app/campaigns/story.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { campaigns, donations, emails, moneyMovements } from '#db/schema.ts'

describe('short links', () => {
	test('are suggested from titles in lowercase with single hyphens', () => {
		expect(slugify("Amara's 30th: Freedom instead of presents!")).toBe('amaras-30th-freedom-instead-of-presents')
		expect(slugify('  Café au lait — Zoë’s run  ')).toBe('cafe-au-lait-zoes-run')
		expect(slugify('x'.repeat(100)).length).toBe(60)
	})

	test('refuse reserved words, bad characters and wrong lengths with a specific reason', () => {
		expect(slugProblem('dashboard')).toBe('That short link is reserved; please choose another')
		expect(slugProblem('start')).toMatch(/reserved/)
		expect(slugProblem('ab')).toMatch(/at least 3/)
		expect(slugProblem('Has-Capitals')).toMatch(/lowercase/)
		expect(slugProblem('-leading')).toMatch(/lowercase/)
		expect(slugProblem('double--hyphen')).toMatch(/lowercase/)
		expect(slugProblem('my-birthday-2027')).toBeNull()
	})

	test('a taken short link gets the next free suggestion', async () => {
		const owner = await createPerson(db())
		await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip' })
		await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip-2' })
		expect(await suggestFreeSlug('Polar Dip')).toBe('polar-dip-3')
	})
})

describe('stories are rendered through the sanitiser', () => {
	test('the Markdown subset becomes HTML', () => {
		const html = renderStory('Hello **bold** and *italic* [IJM](https://www.ijm.org)\n\n- one\n- two')
		expect(html).toContain('<strong>bold</strong>')
		expect(html).toContain('<em>italic</em>')
		expect(html).toContain('<a href="https://www.ijm.org" rel="nofollow ugc noopener">IJM</a>')
		expect(html).toContain('<ul>')
		expect(html).toContain('<li>one</li>')
	})

	test('scripts, event handlers, HTML and javascript: links are inert', () => {
		const html = renderStory(
			'<script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3)) <a href="javascript:alert(4)">x</a> <b onclick="x()">b</b>',
		)
		expect(html).not.toMatch(/<script|<img|<b\s|<a href="javascript/i)
		// Event-handler text may remain, but only as escaped text, never inside a tag.
		expect(html).not.toMatch(/<[^>]*\bon\w+=/i)
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
		expect(html).not.toContain('<a href="javascript')
	})
})

describe('creating a campaign', () => {
	test('a draft starts from the kind template with the person’s name and the configured currency', async () => {
		const owner = await createPerson(db(), { firstName: 'Amara' })
		const draft = await startDraftCampaign(owner, 'birthday')
		expect(draft).toMatchObject({
			status: 'draft',
			kind: 'birthday',
			title: "Amara's birthday for freedom",
			slug: 'amaras-birthday-for-freedom',
			goalMinor: 50000,
			currency: 'GBP',
			coverImage: '/images/kinds/birthday.svg',
		})
		expect(draft.story).toContain('Amara')
		expect(draft.story).toContain('IJM')
	})

	test('details are saved with the goal in integer minor units and publishing makes the page public', async () => {
		const owner = await createPerson(db(), { firstName: 'Callum' })
		const draft = await startDraftCampaign(owner, 'challenge')
		expect(await getPublicCampaign(draft.slug)).toBeNull()
		const saved = await saveCampaignDetails(draft, {
			title: "Callum's polar dip",
			goal: '1,234.56',
			endsOn: '2099-01-01',
			story: 'Into the North Sea for justice, on New Year’s Day.',
			slug: 'callum-dips',
			coverAlt: '',
		})
		expect(saved.ok).toBe(true)
		const [row] = await db().select().from(campaigns).where(eq(campaigns.id, draft.id))
		expect(row).toMatchObject({ goalMinor: 123456, slug: 'callum-dips', endsOn: '2099-01-01', status: 'draft' })
		const published = await publishCampaign(row!)
		expect(published.status).toBe('active')
		expect(published.publishedAt).toBeInstanceOf(Date)
		expect((await getPublicCampaign('callum-dips'))?.title).toBe("Callum's polar dip")
	})

	test('setting the date writes it into the untouched starting story, never into an edited one', async () => {
		const owner = await createPerson(db(), { firstName: 'Amara' })
		const draft = await startDraftCampaign(owner, 'birthday')
		expect(draft.story.startsWith('This year, instead of presents')).toBe(true)
		const details = {
			title: draft.title,
			goal: '500',
			endsOn: '2099-06-14',
			story: draft.story,
			slug: draft.slug,
			coverAlt: '',
		}
		const dated = await saveCampaignDetails(draft, details)
		if (!dated.ok) throw new Error('not saved')
		expect(dated.campaign.story.startsWith('My birthday is on 14 June 2099, and this year')).toBe(true)
		const moved = await saveCampaignDetails(dated.campaign, {
			...details,
			endsOn: '2099-07-01',
			story: dated.campaign.story,
		})
		if (!moved.ok) throw new Error('not saved')
		expect(moved.campaign.story.startsWith('My birthday is on 1 July 2099')).toBe(true)
		const edited = await saveCampaignDetails(moved.campaign, {
			...details,
			endsOn: '2099-08-01',
			story: 'My own words about why this matters.',
		})
		if (!edited.ok) throw new Error('not saved')
		expect(edited.campaign.story).toBe('My own words about why this matters.')
	})

	test('the fundraiser can set the donors’ quick-choice amounts within the gift limits', async () => {
		const { presetAmountsMinor } = await import('#app/donations/donate-page.server.ts')
		const owner = await createPerson(db())
		const draft = await startDraftCampaign(owner, 'birthday')
		expect(presetAmountsMinor(draft)).toEqual([1000, 2000, 3000, 5000])
		const details = {
			title: draft.title,
			goal: '500',
			endsOn: null,
			story: draft.story,
			slug: draft.slug,
			coverAlt: '',
		}
		expect(await saveCampaignDetails(draft, { ...details, presetAmounts: '1, 5' })).toEqual({
			ok: false,
			fieldErrors: { presetAmounts: ['Each amount must be between 2 and 25000'] },
		})
		const saved = await saveCampaignDetails(draft, { ...details, presetAmounts: '40, 15, £5, 15' })
		if (!saved.ok) throw new Error('not saved')
		expect(saved.campaign.presetAmountsMinor).toEqual([500, 1500, 4000])
		expect(presetAmountsMinor(saved.campaign)).toEqual([500, 1500, 4000])
		const cleared = await saveCampaignDetails(saved.campaign, { ...details, presetAmounts: '' })
		if (!cleared.ok) throw new Error('not saved')
		expect(presetAmountsMinor(cleared.campaign)).toEqual([1000, 2000, 3000, 5000])
	})

	test('a slug someone else uses is refused with a suggestion', async () => {
		const owner = await createPerson(db())
		await createCampaign(db(), { ownerId: owner.id, slug: 'taken-link' })
		const draft = await startDraftCampaign(owner, 'own_idea')
		const saved = await saveCampaignDetails(draft, {
			title: 'Bake sale',
			goal: '300',
			endsOn: null,
			story: 'Cakes for justice and freedom.',
			slug: 'taken-link',
			coverAlt: '',
		})
		expect(saved).toEqual({
			ok: false,
			fieldErrors: { slug: ['Someone already uses that short link. How about “taken-link-2”?'] },
		})
	})

	test('another person’s campaign cannot be edited (403) and an unknown one is 404', async () => {
		const owner = await createPerson(db())
		const stranger = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		await expect(requireOwnedCampaign(campaign.id, owner)).resolves.toMatchObject({ id: campaign.id })
		await expect(requireOwnedCampaign(campaign.id, stranger)).rejects.toMatchObject({ init: { status: 403 } })
		await expect(requireOwnedCampaign('00000000-0000-0000-0000-000000000000', owner)).rejects.toMatchObject({
			init: { status: 404 },
		})
		await expect(requireOwnedCampaign('not-a-uuid', owner)).rejects.toMatchObject({ init: { status: 404 } })
	})

	test('drafts and hidden campaigns are visible to their owner only', async () => {
		const owner = await createPerson(db())
		const stranger = await createPerson(db())
		const draft = await createCampaign(db(), { ownerId: owner.id, status: 'draft', slug: 'secret-draft' })
		await createCampaign(db(), {
			ownerId: owner.id,
			status: 'hidden',
			slug: 'hidden-one',
			hiddenReason: 'Please add a story',
		})
		expect(await getCampaignForViewer('secret-draft', null)).toBeNull()
		expect(await getCampaignForViewer('secret-draft', stranger.id)).toBeNull()
		expect((await getCampaignForViewer('secret-draft', owner.id))?.id).toBe(draft.id)
		expect(await getCampaignForViewer('hidden-one', stranger.id)).toBeNull()
		expect((await getCampaignForViewer('hidden-one', owner.id))?.hiddenReason).toBe('Please add a story')
	})

	test('ending early keeps the page public as ended', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'ending-soon' })
		const ended = await endCampaignEarly(campaign)
		expect(ended.status).toBe('ended')
		expect(ended.endedAt).toBeInstanceOf(Date)
		expect((await getPublicCampaign('ending-soon'))?.status).toBe('ended')
	})
})

describe('offline gifts', () => {
	test('are pending until staff confirm them, then count once in the total and on the donor wall', async () => {
		const owner = await createPerson(db())
		const staff = await createPerson(db(), { role: 'staff' })
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'bake-sale' })
		const recorded = await recordOfflineDonation(
			campaign,
			owner,
			{ amount: '42.50', donorName: 'Bake sale table', note: 'Cash tin' },
			newFormToken(),
		)
		expect(recorded.status).toBe('created')
		const donationId = recorded.status === 'created' ? recorded.id : ''
		expect((await getPublicCampaign('bake-sale'))?.raisedMinor).toBe(0)
		expect(await listDonorWall(campaign.id)).toHaveLength(0)

		const confirm = () => db().transaction((tx) => confirmOfflineDonation(tx, donationId, staff))
		expect((await confirm()).confirmed).toBe(true)
		expect((await confirm()).confirmed).toBe(false)
		const after = await getPublicCampaign('bake-sale')
		expect(after).toMatchObject({ raisedMinor: 4250, donorCount: 1 })
		expect(await db().select().from(moneyMovements).where(eq(moneyMovements.donationId, donationId))).toEqual([
			expect.objectContaining({
				kind: 'offline_confirmed',
				amountMinor: 4250,
				currency: 'GBP',
				sourceId: `offline:${donationId}`,
			}),
		])
		const [donation] = await db().select().from(donations).where(eq(donations.id, donationId))
		expect(donation).toMatchObject({ status: 'succeeded', channel: 'offline', confirmedById: staff.id })
	})

	test('a gift staff could not confirm stays on the fundraiser’s dashboard with the reason, and never counts', async () => {
		const { rejectOfflineGift } = await import('#app/staff/offline-gifts.server.ts')
		const { listCampaignDonationsForOwner } = await import('#app/campaigns/manage.server.ts')
		const owner = await createPerson(db())
		const staff = await createPerson(db(), { role: 'staff' })
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'cheque-trouble' })
		const recorded = await recordOfflineDonation(
			campaign,
			owner,
			{ amount: '30', donorName: 'Uncle Bob', note: 'Cheque 1001' },
			newFormToken(),
		)
		if (recorded.status !== 'created') throw new Error('not recorded')
		expect((await rejectOfflineGift(recorded.id, staff, 'The cheque bounced')).ok).toBe(true)
		const [row] = await listCampaignDonationsForOwner(campaign.id)
		expect(row).toMatchObject({ status: 'rejected', failureReason: 'The cheque bounced' })
		expect((await getPublicCampaign('cheque-trouble'))?.raisedMinor).toBe(0)
	})

	test('an amount that is not money is refused', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		expect(
			await recordOfflineDonation(campaign, owner, { amount: '12.345', donorName: 'X', note: null }, newFormToken()),
		).toMatchObject({ status: 'invalid' })
	})
})

describe('thanking donors', () => {
	test('emails the donor through the platform without showing the address to the fundraiser', async () => {
		const owner = await createPerson(db(), { firstName: 'Sofia', lastName: 'Martins' })
		const campaign = await createCampaign(db(), { ownerId: owner.id, title: 'Sofia runs', slug: 'sofia-runs' })
		const [donation] = await db()
			.insert(donations)
			.values({
				campaignId: campaign.id,
				donorName: 'Hannah',
				donorEmail: 'hannah@example.com',
				amountMinor: 5000,
				currency: 'GBP',
				status: 'succeeded',
				succeededAt: new Date(),
			})
			.returning()
		const sent = await sendDonorThanks(campaign, owner, donation!.id, 'Thank you so much, Hannah!', newFormToken())
		expect(sent.status).toBe('created')
		const [email] = await db().select().from(emails)
		expect(email).toMatchObject({ template: 'donor-thanks', toEmail: 'hannah@example.com' })
		expect(email!.data).toMatchObject({ fundraiserName: 'Sofia Martins', message: 'Thank you so much, Hannah!' })
	})

	test('cannot thank a donation of another campaign', async () => {
		const owner = await createPerson(db())
		const mine = await createCampaign(db(), { ownerId: owner.id })
		const other = await createCampaign(db(), { ownerId: (await createPerson(db())).id })
		const [donation] = await db()
			.insert(donations)
			.values({
				campaignId: other.id,
				donorName: 'X',
				donorEmail: 'x@example.com',
				amountMinor: 100,
				currency: 'GBP',
				status: 'succeeded',
			})
			.returning()
		expect(await sendDonorThanks(mine, owner, donation!.id, 'hi there', newFormToken())).toMatchObject({
			status: 'refused',
		})
		expect(await db().select().from(emails)).toHaveLength(0)
	})
})
