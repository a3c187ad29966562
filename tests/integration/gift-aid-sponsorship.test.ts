import { parseWithZod } from '@conform-to/zod/v4'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { listClaimableGifts } from '#app/gift-aid/claims.server.ts'
import { sponsorshipFormSchema } from '#app/gift-aid/sponsorship-schema.ts'
import { recordSponsorshipForm } from '#app/gift-aid/sponsorship.server.ts'
import { confirmOfflineGift, listPendingOfflineGifts } from '#app/staff/offline-gifts.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { donations, events, giftAidDeclarations } from '#db/schema.ts'
import { createOpenEvent } from '#tests/support/events.ts'
import { daysAgo } from '#tests/support/gift-aid.ts'

/** The dashboard's sponsorship form as a browser posts it. */
function form(rows: Record<string, string>[]) {
	const data = new FormData()
	data.set('intent', 'record-sponsorship')
	data.set('formToken', newFormToken())
	rows.forEach((row, i) => {
		for (const [key, value] of Object.entries(row)) data.set(`sponsors[${i}].${key}`, value)
	})
	return parseWithZod(data, { schema: sponsorshipFormSchema })
}

const sponsor = (overrides: Record<string, string> = {}) => ({
	firstName: 'Priya',
	lastName: 'Shah',
	houseNameOrNumber: '22',
	postcode: 'sw1a1aa',
	amount: '15',
	paidOn: '2026-01-10',
	giftAid: 'on',
	...overrides,
})

function fieldErrors(submission: ReturnType<typeof form>) {
	return submission.status === 'success' ? {} : (submission.error ?? {})
}

async function setup(options: { charityPaysCosts?: boolean } = {}) {
	const staff = await createPerson(db(), { email: 'sam.staff@charity.example', role: 'staff' })
	const owner = await createPerson(db(), { email: 'nia@example.com', firstName: 'Nia', lastName: 'Okafor' })
	let eventId: string | null = null
	if (options.charityPaysCosts !== undefined) {
		const event = await createOpenEvent(staff)
		await db()
			.update(events)
			.set({ charityPaysParticipantCosts: options.charityPaysCosts })
			.where(eq(events.id, event.id))
		eventId = event.id
	}
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'dip', title: 'Nia’s dip', eventId })
	return { staff, owner, campaign }
}

describe('the offline sponsorship form', () => {
	test('each problem is named beside its sponsor’s field, and a blank form is refused', () => {
		expect(fieldErrors(form([sponsor({ postcode: '' })]))).toMatchObject({
			'sponsors[0].postcode': [expect.stringMatching(/postcode/)],
		})
		expect(fieldErrors(form([sponsor(), sponsor({ postcode: 'NOT A CODE', amount: '12,5' })]))).toMatchObject({
			'sponsors[1].postcode': ['Please enter a UK postcode, like SW1A 1AA'],
			'sponsors[1].amount': [expect.stringMatching(/comma/)],
		})
		expect(fieldErrors(form([sponsor({ paidOn: '2999-01-01' })]))).toMatchObject({
			'sponsors[0].paidOn': ['The date paid cannot be in the future'],
		})
		expect(fieldErrors(form([sponsor({ firstName: '', amount: '' })]))).toEqual({
			'sponsors[0].firstName': [expect.stringMatching(/first name/)],
			'sponsors[0].amount': [expect.stringMatching(/how much/)],
		})
		expect(fieldErrors(form([{}, {}]))).toMatchObject({
			'sponsors[0].firstName': ['Please copy at least one sponsor from the form'],
		})
		// Without Gift Aid ticked, no address is needed.
		expect(form([sponsor({ giftAid: '', houseNameOrNumber: '', postcode: '' })]).status).toBe('success')
	})

	test('each sponsor’s gift waits for staff with its own declaration; Gift Aid applies only once staff confirm it', async () => {
		const { staff, owner, campaign } = await setup()
		const parsed = form([sponsor(), sponsor({ firstName: 'Tom', lastName: 'Reed', giftAid: '', postcode: '' }), {}])
		if (parsed.status !== 'success') throw new Error('form refused')
		const recorded = await recordSponsorshipForm(campaign, owner, parsed.value.sponsors, newFormToken())
		expect(recorded.status).toBe('created')

		const pending = await listPendingOfflineGifts()
		expect(pending.map((g) => [g.donorName, g.amountMinor, g.giftAidStatus, g.giftAid?.address ?? null])).toEqual([
			['Priya Shah', 1500, 'eligible', '22, SW1A 1AA'],
			['Tom Reed', 1500, 'not_declared', null],
		])
		const [declaration] = await db().select().from(giftAidDeclarations)
		expect(declaration).toMatchObject({
			source: 'offline_sponsorship',
			scope: 'this_gift',
			firstName: 'Priya',
			postcode: 'SW1A 1AA',
			recordedById: owner.id,
		})
		// Not yet confirmed: nothing to claim, even past the refund window.
		expect((await listClaimableGifts({ now: daysAgo(-60) })).rows).toHaveLength(0)

		const priya = pending.find((g) => g.donorName === 'Priya Shah')!
		expect(await confirmOfflineGift(priya.id, staff)).toEqual({ ok: true })
		const ready = await listClaimableGifts({ now: daysAgo(-60) })
		expect(ready.rows.map((g) => [g.id, g.netMinor])).toEqual([[priya.id, 1500]])
	})

	test('staff can confirm the cash without Gift Aid when the copied declaration will not do', async () => {
		const { staff, owner, campaign } = await setup()
		const parsed = form([sponsor()])
		if (parsed.status !== 'success') throw new Error('form refused')
		await recordSponsorshipForm(campaign, owner, parsed.value.sponsors, newFormToken())
		const [gift] = await listPendingOfflineGifts()
		expect(await confirmOfflineGift(gift!.id, staff, 'reject')).toEqual({ ok: true })
		const [row] = await db().select().from(donations).where(eq(donations.id, gift!.id))
		expect(row).toMatchObject({ status: 'succeeded', netMinor: 1500, giftAidStatus: 'declaration_rejected' })
		expect((await listClaimableGifts({ now: daysAgo(-60) })).rows).toHaveLength(0)
	})

	test('where the charity pays participants’ costs, the participant’s and family’s sponsorship is never claimed', async () => {
		const { staff, owner, campaign } = await setup({ charityPaysCosts: true })
		const parsed = form([sponsor({ participantOrFamily: 'on' }), sponsor({ firstName: 'Ann', lastName: 'Lee' })])
		if (parsed.status !== 'success') throw new Error('form refused')
		await recordSponsorshipForm(campaign, owner, parsed.value.sponsors, newFormToken())
		const pending = await listPendingOfflineGifts()
		expect(pending.map((g) => [g.donorName, g.giftAidStatus])).toEqual([
			['Priya Shah', 'participant_or_family'],
			['Ann Lee', 'eligible'],
		])
		for (const gift of pending) await confirmOfflineGift(gift.id, staff)
		expect((await listClaimableGifts({ now: daysAgo(-60) })).rows.map((g) => g.donorFirstName)).toEqual(['Ann'])
	})

	test('the same form sent twice records its sponsors once', async () => {
		const { owner, campaign } = await setup()
		const parsed = form([sponsor()])
		if (parsed.status !== 'success') throw new Error('form refused')
		const token = newFormToken()
		const [a, b] = await Promise.all([
			recordSponsorshipForm(campaign, owner, parsed.value.sponsors, token),
			recordSponsorshipForm(campaign, owner, parsed.value.sponsors, token),
		])
		expect([a.status, b.status].sort()).toEqual(['created', 'repeated'])
		expect(await db().select().from(donations)).toHaveLength(1)
	})
})
