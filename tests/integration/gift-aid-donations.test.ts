import { randomBytes } from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getEnv } from '#app/config/env.server.ts'
import { findMoneyDrift } from '#app/donations/ledger.server.ts'
import { normaliseUkPostcode } from '#app/gift-aid/declaration-fields.ts'
import { readEventTotals } from '#app/events/totals.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import {
	auditLog,
	campaigns,
	donations,
	emails,
	eventRegistrations,
	events,
	giftAidDeclarations,
	type Campaign,
	type Donation,
	type Event,
	type Person,
} from '#db/schema.ts'
import { type EmailTemplateData } from '#emails/index.ts'
import { type EmailContext } from '#emails/layout.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { createOpenEvent } from '#tests/support/events.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

/*
 * Gift Aid from the donor's side, through the real donation form, the built-in
 * test checkout and signed Stripe webhooks: the declaration's checks, who may
 * have Gift Aid, the totals pages show as money moves, and the receipt's link
 * to update or cancel the declaration.
 */

const stripeSdk = new Stripe('sk_test_signing_only')
let app: Awaited<ReturnType<typeof startHttpApp>>
let owner: Person

beforeAll(async () => {
	app = await startHttpApp()
})
beforeEach(async () => {
	owner = await createPerson(db(), {
		firstName: 'Sofia',
		lastName: 'Marsh',
		email: `sofia-${randomBytes(3).toString('hex')}@example.org`,
	})
})
afterAll(async () => {
	await app?.close()
})
afterEach(() => {
	resetTestEnv()
})

const rid = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`
const html = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '')
/** A page's words without its tags. */
const textOf = (page: string) => page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

async function newCampaign(overrides: Partial<Campaign> = {}) {
	return createCampaign(db(), {
		ownerId: owner.id,
		slug: `ga-${randomBytes(4).toString('hex')}`,
		title: 'Sofia swims for freedom',
		goalMinor: 100_000,
		...overrides,
	})
}

/** The donation form's fields: £20 by default, with Gift Aid when `giftAid` details are given. */
function donationForm(
	fields: Record<string, string> = {},
	giftAid: Record<string, string> | null = {
		firstName: 'Hannah',
		lastName: 'Lee',
		houseNameOrNumber: '12',
		postcode: 'sw1a1aa',
	},
) {
	return {
		amount: 'other',
		otherAmount: '20',
		donorName: 'Hannah Lee',
		donorEmail: 'hannah@example.com',
		...(giftAid
			? {
					giftAid: 'on',
					giftAidScope: 'this_gift',
					...Object.fromEntries(Object.entries(giftAid).map(([k, v]) => [`giftAidDetails.${k}`, v])),
				}
			: {}),
		...fields,
	}
}

/** Posts the donation form, as a browser does, and returns the answer. */
function postDonation(slug: string, fields: Record<string, string>, cookie?: string) {
	return app.postForm(`/f/${slug}/donate`, fields, cookie ? { cookie } : {})
}

/** Gives through the form and the test checkout; returns the paid donation. */
async function give(slug: string, fields: Record<string, string>, cookie?: string): Promise<Donation> {
	const started = await postDonation(slug, fields, cookie)
	expect(started.status, await started.clone().text()).toBe(303)
	const checkout = started.headers.get('location')!
	expect(checkout).toMatch(/^\/test-checkout\/cs_test_local_/)
	const paid = await app.postForm(checkout, { outcome: 'succeeds' })
	expect(paid.status).toBe(303)
	const [donation] = await db()
		.select()
		.from(donations)
		.where(eq(donations.stripeCheckoutSessionId, checkout.split('/').pop()!))
	expect(donation!.status).toBe('succeeded')
	return donation!
}

const rowsOf = async (table: typeof donations | typeof giftAidDeclarations) =>
	(await db().select({ n: count() }).from(table))[0]!.n

async function deliver(type: string, object: object) {
	const payload = JSON.stringify({ id: rid('evt'), object: 'event', type, data: { object } })
	const signature = stripeSdk.webhooks.generateTestHeaderString({ payload, secret: getEnv().STRIPE_WEBHOOK_SECRET })
	const response = await fetch(`${app.origin}/webhooks/stripe`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signature },
		body: payload,
	})
	expect(response.status).toBe(200)
}

const charge = (d: Donation, refunded: number) => ({
	id: `ch_for_${d.id.slice(0, 8)}`,
	object: 'charge',
	amount: d.amountMinor + d.coverFeeMinor,
	amount_refunded: refunded,
	refunded: refunded >= d.amountMinor + d.coverFeeMinor,
	currency: 'gbp',
	payment_intent: d.stripePaymentIntentId,
})

const dispute = (d: Donation, status: string, which = 1) => ({
	id: `dp_${which}_for_${d.id.slice(0, 8)}`,
	object: 'dispute',
	amount: d.amountMinor + d.coverFeeMinor,
	currency: 'gbp',
	charge: `ch_for_${d.id.slice(0, 8)}`,
	payment_intent: d.stripePaymentIntentId,
	reason: 'fraudulent',
	status,
})

async function giftAidNet(campaignId: string) {
	const [row] = await db().select().from(campaigns).where(eq(campaigns.id, campaignId))
	return Number(row!.giftAidNetMinor)
}

async function expectNoDrift() {
	const check = await findMoneyDrift()
	expect(check.drift).toEqual([])
	expect(check.rollupDrift).toEqual([])
}

/** The text an error beside a field shows, read from the page. */
function fieldError(page: string, name: string) {
	const match = new RegExp(
		`id="donate-${name.replace('.', '\\.')}-error"[^>]*><p class="field-error">([^<]*)</p>`,
	).exec(page)
	return match?.[1] ?? null
}

describe('the declaration on the donation form', () => {
	test('postcodes are checked as UK postcodes and normalised to HMRC’s format', () => {
		expect(normaliseUkPostcode('sw1a1aa')).toBe('SW1A 1AA')
		expect(normaliseUkPostcode('  ec1a   1bb ')).toBe('EC1A 1BB')
		expect(normaliseUkPostcode('M1 1AE')).toBe('M1 1AE')
		expect(normaliseUkPostcode('b33 8th')).toBe('B33 8TH')
		expect(normaliseUkPostcode('CR2 6XH')).toBe('CR2 6XH')
		expect(normaliseUkPostcode('DN55 1PT')).toBe('DN55 1PT')
		expect(normaliseUkPostcode('gir 0aa')).toBe('GIR 0AA')
		for (const bad of ['12345', 'SW1A', 'SW1A 1CA', 'ABC DEF', '90210', 'SW1A 1AA X', '1AA SW1'])
			expect(normaliseUkPostcode(bad), bad).toBeNull()
	})

	test('Gift Aid ticked with missing names and a bad postcode: errors beside each field, values kept, nothing written', async () => {
		const campaign = await newCampaign()
		const before = { donations: await rowsOf(donations), declarations: await rowsOf(giftAidDeclarations) }
		const response = await postDonation(
			campaign.slug,
			donationForm({}, { firstName: '', lastName: '', houseNameOrNumber: '12 Acacia Avenue', postcode: 'NOT A CODE' }),
		)
		expect(response.status).toBe(400)
		const page = await html(response)
		expect(fieldError(page, 'giftAidDetails.firstName')).toBe('Please enter your first name')
		expect(fieldError(page, 'giftAidDetails.lastName')).toBe('Please enter your last name')
		expect(fieldError(page, 'giftAidDetails.postcode')).toBe('Please enter a UK postcode, like SW1A 1AA')
		expect(fieldError(page, 'giftAidDetails.houseNameOrNumber')).toBeNull()
		expect(page).toContain('value="12 Acacia Avenue"')
		expect(page).toContain('value="NOT A CODE"')
		expect(page).toContain('value="hannah@example.com"')
		expect(await rowsOf(donations)).toBe(before.donations)
		expect(await rowsOf(giftAidDeclarations)).toBe(before.declarations)

		const noPostcode = await html(
			await postDonation(
				campaign.slug,
				donationForm({}, { firstName: 'Hannah', lastName: 'Lee', houseNameOrNumber: '', postcode: '' }),
			),
		)
		expect(fieldError(noPostcode, 'giftAidDetails.postcode')).toBe(
			'Please enter your postcode (or tick “I live outside the UK”)',
		)
		expect(fieldError(noPostcode, 'giftAidDetails.houseNameOrNumber')).toBe('Please enter your house name or number')
		const longTitle = await html(
			await postDonation(
				campaign.slug,
				donationForm(
					{},
					{ title: 'Professor', firstName: 'H4nnah', lastName: 'Lee', houseNameOrNumber: '1', postcode: 'M1 1AE' },
				),
			),
		)
		expect(fieldError(longTitle, 'giftAidDetails.title')).toMatch(/at most 4 characters/)
		expect(fieldError(longTitle, 'giftAidDetails.firstName')).toMatch(/letters, spaces, hyphens/)
		expect(await rowsOf(donations)).toBe(before.donations)
	})

	test('a donor overseas gives no postcode; a postcode with "overseas" ticked is refused', async () => {
		const campaign = await newCampaign()
		const both = await postDonation(
			campaign.slug,
			donationForm(
				{},
				{ firstName: 'Ann', lastName: 'Abroad', houseNameOrNumber: '4', postcode: '75001', overseas: 'on' },
			),
		)
		expect(both.status).toBe(400)
		expect(fieldError(await html(both), 'giftAidDetails.postcode')).toMatch(/Leave the postcode empty/)
		const gift = await give(
			campaign.slug,
			donationForm({}, { firstName: 'Ann', lastName: 'Abroad', houseNameOrNumber: 'Villa Rosa', overseas: 'on' }),
		)
		const [declaration] = await db()
			.select()
			.from(giftAidDeclarations)
			.where(eq(giftAidDeclarations.id, gift.giftAidDeclarationId!))
		expect(declaration).toMatchObject({ postcode: null, overseas: true, houseNameOrNumber: 'Villa Rosa' })
		expect(gift.giftAidStatus).toBe('eligible')
	})

	test('a good declaration is recorded with the gift: wording version, scope, details in HMRC’s format', async () => {
		const campaign = await newCampaign()
		const gift = await give(
			campaign.slug,
			donationForm(
				{ giftAidScope: 'all_gifts' },
				{ title: 'Dr', firstName: ' Hannah ', lastName: 'Lee', houseNameOrNumber: '12', postcode: ' ec1a 1bb' },
			),
		)
		const [declaration] = await db()
			.select()
			.from(giftAidDeclarations)
			.where(eq(giftAidDeclarations.id, gift.giftAidDeclarationId!))
		expect(declaration).toMatchObject({
			wordingVersion: 'hmrc-model-2015-v1',
			scope: 'all_gifts',
			source: 'online',
			title: 'Dr',
			firstName: 'Hannah',
			lastName: 'Lee',
			houseNameOrNumber: '12',
			postcode: 'EC1A 1BB',
			overseas: false,
			donorEmail: 'hannah@example.com',
			cancelledAt: null,
		})
	})

	test('unticked, the Gift Aid fields are not asked for, whatever they hold', async () => {
		const campaign = await newCampaign()
		const gift = await give(
			campaign.slug,
			donationForm({ 'giftAidDetails.postcode': 'rubbish', 'giftAidDetails.firstName': '' }, null),
		)
		expect(gift).toMatchObject({ giftAidStatus: 'not_declared', giftAidDeclarationId: null })
	})

	test('the form offers Gift Aid with what it adds; not on a gift in another currency, nor outside GB', async () => {
		const campaign = await newCampaign()
		const form = await html(await app.get(`/f/${campaign.slug}/donate?`))
		expect(form).toContain('Add Gift Aid')
		expect(textOf(form)).toMatch(/With Gift Aid, £\d+\.\d\d becomes £\d+\.\d\d at no extra cost to you/)
		expect(form).not.toMatch(/name="giftAid"[^>]*checked/)
		const typed = await postDonation(campaign.slug, { ...donationForm({}, null), donorName: '' })
		expect(textOf(await html(typed))).toContain('With Gift Aid, £20.00 becomes £25.00 at no extra cost to you')

		const euros = await newCampaign({ currency: 'EUR' })
		expect(await html(await app.get(`/f/${euros.slug}/donate`))).not.toContain('Add Gift Aid')
		const crafted = await give(euros.slug, donationForm())
		expect(crafted).toMatchObject({ giftAidStatus: 'not_declared', giftAidDeclarationId: null })

		resetTestEnv({ CHARITY_COUNTRY: 'US' })
		expect(await html(await app.get(`/f/${campaign.slug}/donate`))).not.toContain('Add Gift Aid')
		const american = await give(campaign.slug, donationForm())
		expect(american.giftAidStatus).toBe('not_declared')
		resetTestEnv({ CHARITY_GIFT_AID: 'false' })
		expect(await html(await app.get(`/f/${campaign.slug}/donate`))).not.toContain('Add Gift Aid')
	})
})

describe('who may have Gift Aid', () => {
	test('the fee a donor covers is never in the Gift Aid: £20 with the fee covered adds £5', async () => {
		const campaign = await newCampaign()
		const gift = await give(campaign.slug, donationForm({ coverFee: 'on' }))
		expect(gift.coverFeeMinor).toBeGreaterThan(0)
		expect(await giftAidNet(campaign.id)).toBe(2000)
		const page = await html(await app.get(`/f/${campaign.slug}`))
		expect(page).toContain('+ £5 Gift Aid')
		await expectNoDrift()
	})

	test('on an event whose charity pays participants’ costs, the donor is asked, and participants and family get none', async () => {
		const staff = await createPerson(db(), {
			role: 'staff',
			email: `staff-${randomBytes(3).toString('hex')}@example.org`,
		})
		const event = await createOpenEvent(staff, { charityPaysParticipantCosts: true })
		const participant = await createPerson(db(), {
			firstName: 'Pia',
			lastName: 'Dipper',
			email: `pia-${randomBytes(3).toString('hex')}@example.org`,
		})
		const cookie = await app.signIn(participant.email)
		const joined = await app.postForm(
			`/e/${event.slug}/join`,
			withFormToken({
				title: 'Pia dips',
				story: 'Into the cold sea for justice, because it matters.',
				goal: '250',
				team: 'alone',
			}),
			{ cookie },
		)
		expect(joined.status).toBe(302)
		const [registration] = await db()
			.select()
			.from(eventRegistrations)
			.where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.personId, participant.id)))
		const [page] = await db().select().from(campaigns).where(eq(campaigns.id, registration!.campaignId))

		const form = await html(await app.get(`/f/${page!.slug}/donate`))
		expect(form).toContain(`Are you taking part in ${event.name}, or a member of the family of someone who is?`)
		const unanswered = await postDonation(page!.slug, donationForm())
		expect(unanswered.status).toBe(400)
		expect(fieldError(await html(unanswered), 'giftAidParticipant')).toMatch(/taking part in this event/)

		const family = await give(page!.slug, donationForm({ giftAidParticipant: 'yes' }))
		expect(family.giftAidStatus).toBe('participant_or_family')
		expect(family.giftAidDeclarationId).not.toBeNull()
		// Signed in as the participant, "no" does not make their own gift eligible.
		const own = await give(page!.slug, donationForm({ giftAidParticipant: 'no' }), cookie)
		expect(own.giftAidStatus).toBe('participant_or_family')
		const friend = await give(page!.slug, donationForm({ giftAidParticipant: 'no' }))
		expect(friend.giftAidStatus).toBe('eligible')

		expect(await giftAidNet(page!.id)).toBe(2000)
		expect((await readEventTotals(event.id)).giftAidNetMinor).toBe(2000)
		expect(await html(await app.get(`/e/${event.slug}`))).toContain('+ £5 Gift Aid')
		await expectNoDrift()

		// An event where the charity pays nothing asks nothing.
		const plain = await createOpenEvent(staff)
		const [plainPage] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.eventId, plain.id), eq(campaigns.purpose, 'event')))
		expect(await html(await app.get(`/f/${plainPage!.slug}/donate`))).not.toContain('Are you taking part')
		expect((await give(plainPage!.slug, donationForm())).giftAidStatus).toBe('eligible')
	})

	test('staff set “the charity pays participants’ costs” on the event form, and the donation form then asks', async () => {
		const staff = await createPerson(db(), {
			role: 'staff',
			email: `staff-${randomBytes(3).toString('hex')}@example.org`,
		})
		const cookie = await app.signIn(staff.email)
		const event = await createOpenEvent(staff)
		const edit = await html(await app.get(`/staff/events/${event.id}/edit`, cookie))
		expect(edit).toContain('The charity pays participants’ costs')
		const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
		const saved = await app.postForm(
			`/staff/events/${event.id}/edit`,
			{
				name: event.name,
				kind: 'polar_dip',
				date: iso(Date.now() + 30 * 86_400_000),
				startTime: '11:00',
				place: 'Portobello Beach',
				mapUrl: '',
				description: 'Run into the sea on a winter morning, for freedom.',
				coverAlt: '',
				goal: '10,000',
				suggestedGoal: '150',
				minimumPledge: '',
				registrationFee: '',
				opensOn: iso(Date.now() - 86_400_000),
				closesOn: iso(Date.now() + 20 * 86_400_000),
				capacity: '',
				giftsOpenDays: '30',
				charityPaysCosts: 'on',
			},
			{ cookie },
		)
		expect(saved.status, await saved.clone().text()).toBe(302)
		const [row] = await db().select().from(events).where(eq(events.id, event.id))
		expect(row!.charityPaysParticipantCosts).toBe(true)
		const [eventPage] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.eventId, event.id), eq(campaigns.purpose, 'event')))
		expect(await html(await app.get(`/f/${eventPage!.slug}/donate`))).toContain('Are you taking part in')
	})

	test('an event’s registration fee never carries Gift Aid: it is never a donation', async () => {
		const staff = await createPerson(db(), {
			role: 'staff',
			email: `staff-${randomBytes(3).toString('hex')}@example.org`,
		})
		const event: Event = await createOpenEvent(staff, { registrationFeeMinor: 1500 })
		const person = await createPerson(db(), {
			firstName: 'Fay',
			lastName: 'Fee',
			email: `fay-${randomBytes(3).toString('hex')}@example.org`,
		})
		const cookie = await app.signIn(person.email)
		await app.postForm(
			`/e/${event.slug}/join`,
			withFormToken({
				title: 'Fay dips',
				story: 'Into the cold sea for justice, because it matters.',
				goal: '250',
				team: 'alone',
			}),
			{ cookie },
		)
		const [registration] = await db()
			.select()
			.from(eventRegistrations)
			.where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.personId, person.id)))
		await deliver('checkout.session.completed', {
			id: rid('cs'),
			object: 'checkout.session',
			amount_total: 1500,
			currency: 'gbp',
			payment_intent: rid('pi'),
			payment_status: 'paid',
			metadata: {
				purpose: 'registration_fee',
				registration_id: registration!.id,
				event_id: event.id,
				campaign_id: registration!.campaignId,
			},
		})
		const [paid] = await db().select().from(eventRegistrations).where(eq(eventRegistrations.id, registration!.id))
		expect(paid!.status).toBe('paid')
		expect(await readEventTotals(event.id)).toEqual({ raisedMinor: 0, donorCount: 0, giftAidNetMinor: 0 })
		expect(await db().select().from(donations).where(eq(donations.campaignId, registration!.campaignId))).toEqual([])
		await expectNoDrift()
	})
})

describe('Gift Aid beside the totals', () => {
	test('refunds and disputes through signed webhooks move the Gift Aid shown on page, team and event', async () => {
		const staff = await createPerson(db(), {
			role: 'staff',
			email: `staff-${randomBytes(3).toString('hex')}@example.org`,
		})
		const event = await createOpenEvent(staff)
		const captain = await createPerson(db(), {
			firstName: 'Cora',
			lastName: 'Captain',
			email: `cora-${randomBytes(3).toString('hex')}@example.org`,
		})
		const joined = await app.postForm(
			`/e/${event.slug}/join`,
			withFormToken({
				title: 'Cora dips',
				story: 'Into the cold sea for justice, because it matters.',
				goal: '250',
				team: 'start',
				teamName: 'Cold Feet',
				teamGoal: '1000',
			}),
			{ cookie: await app.signIn(captain.email) },
		)
		expect(joined.status).toBe(302)
		const [page] = await db()
			.select({ campaign: campaigns })
			.from(eventRegistrations)
			.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
			.where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.personId, captain.id)))
		const { slug, id } = page!.campaign
		const teamPath = `/e/${event.slug}/t/cold-feet`

		const declared = await give(slug, donationForm())
		const alsoDeclared = await give(slug, donationForm({ otherAmount: '40' }))
		await give(slug, donationForm({ otherAmount: '10' }, null))
		expect(await giftAidNet(id)).toBe(6000)
		let shown = await html(await app.get(`/f/${slug}`))
		expect(shown).toContain('£70')
		expect(shown).toContain('+ £15 Gift Aid')
		expect(await html(await app.get(teamPath))).toContain('+ £15 Gift Aid')
		expect(await html(await app.get(`/e/${event.slug}`))).toContain('+ £15 Gift Aid')

		// £8 of the £20 refunded: its Gift Aid goes with it (£52 eligible left: £13).
		await deliver('charge.refunded', charge(declared, 800))
		expect(await giftAidNet(id)).toBe(5200)
		shown = await html(await app.get(`/f/${slug}`))
		expect(shown).toContain('+ £13 Gift Aid')
		expect(await html(await app.get(teamPath))).toContain('+ £13 Gift Aid')

		// A dispute takes the £40 out, then Stripe gives it back.
		await deliver('charge.dispute.funds_withdrawn', dispute(alsoDeclared, 'needs_response'))
		expect(await giftAidNet(id)).toBe(1200)
		expect(await html(await app.get(`/e/${event.slug}`))).toContain('+ £3 Gift Aid')
		await deliver('charge.dispute.funds_reinstated', dispute(alsoDeclared, 'won'))
		expect(await giftAidNet(id)).toBe(5200)
		expect((await readEventTotals(event.id)).giftAidNetMinor).toBe(5200)
		await expectNoDrift()

		// Refunded in full, then the other lost: no Gift Aid, and nothing shown.
		await deliver('charge.refunded', charge(declared, 2000))
		await deliver('charge.dispute.funds_withdrawn', dispute(alsoDeclared, 'needs_response', 2))
		await deliver('charge.dispute.closed', dispute(alsoDeclared, 'lost', 2))
		expect(await giftAidNet(id)).toBe(0)
		shown = await html(await app.get(`/f/${slug}`))
		expect(shown).not.toContain('Gift Aid</span>')
		expect(await html(await app.get(teamPath))).not.toContain('Gift Aid</span>')
		await expectNoDrift()
	})

	test('the fundraiser’s dashboard shows each gift’s Gift Aid', async () => {
		const fundraiser = await createPerson(db(), {
			firstName: 'Dot',
			lastName: 'Dash',
			email: `dot-${randomBytes(3).toString('hex')}@example.org`,
		})
		const campaign = await createCampaign(db(), {
			ownerId: fundraiser.id,
			slug: `ga-dash-${randomBytes(3).toString('hex')}`,
		})
		await give(campaign.slug, donationForm({ otherAmount: '30' }))
		await give(campaign.slug, donationForm({ otherAmount: '12', donorName: 'No Aid' }, null))
		const dashboard = await html(await app.get(`/dashboard/${campaign.id}`, await app.signIn(fundraiser.email)))
		expect(dashboard).toContain('+ £7.50 Gift Aid')
		expect(dashboard.match(/data-testid="donation-gift-aid"/g)).toHaveLength(1)
	})

	test('the money check catches a Gift Aid figure changed behind the money record’s back', async () => {
		const campaign = await newCampaign()
		await give(campaign.slug, donationForm())
		await expectNoDrift()
		await db().update(campaigns).set({ giftAidNetMinor: 999 }).where(eq(campaigns.id, campaign.id))
		const { drift } = await findMoneyDrift()
		expect(drift).toEqual([
			expect.objectContaining({ campaignId: campaign.id, storedGiftAidNet: 999, ledgerGiftAidNet: 2000 }),
		])
		await db().update(campaigns).set({ giftAidNetMinor: 2000 }).where(eq(campaigns.id, campaign.id))
	})
})

describe('the receipt and the declaration’s own page', () => {
	async function receiptOf(donation: Donation) {
		const [row] = await db()
			.select()
			.from(emails)
			.where(eq(emails.causeKey, `receipt:${donation.id}`))
		return row!.data as EmailTemplateData['donation-receipt']
	}

	test('the receipt confirms the declaration and its Gift Aid; its link updates the address and cancels future use', async () => {
		const campaign = await newCampaign()
		const gift = await give(campaign.slug, donationForm())
		const data = await receiptOf(gift)
		expect(data.giftAid).toMatchObject({ eligible: true, giftAidMinor: 500, scope: 'this_gift' })
		const { emailTemplates } = await import('#emails/index.ts')
		const { getCharity } = await import('#app/config/charity.server.ts')
		const rendered = emailTemplates['donation-receipt'](data, {
			charity: getCharity(),
			appUrl: getEnv().APP_URL,
		} satisfies EmailContext)
		expect(rendered.text).toContain('Gift Aid it adds: £5.00')
		expect(rendered.text).toContain('will claim £5.00 from HMRC on this gift')
		expect(rendered.text).not.toContain('No goods or services')
		expect(rendered.text).toContain(
			`Update your address or cancel your declaration: http://localhost:3000${data.giftAid!.managePath}`,
		)

		const link = data.giftAid!.managePath
		expect((await app.get(link)).status).toBe(200)
		expect((await app.get(link.replace(/t=.*/, 't=forged'))).status).toBe(404)
		expect((await app.get(`/gift-aid/not-a-uuid?t=x`)).status).toBe(404)

		const bad = await app.postForm(link, {
			firstName: 'Hannah',
			lastName: 'Lee',
			houseNameOrNumber: '3 New Road',
			postcode: 'nowhere',
		})
		expect(bad.status).toBe(400)
		expect(await html(bad)).toContain('Please enter a UK postcode, like SW1A 1AA')
		const moved = await app.postForm(link, {
			firstName: 'Hannah',
			lastName: 'Lee',
			houseNameOrNumber: '3 New Road',
			postcode: 'm1 1ae',
		})
		expect(moved.status).toBe(303)
		let [declaration] = await db()
			.select()
			.from(giftAidDeclarations)
			.where(eq(giftAidDeclarations.id, gift.giftAidDeclarationId!))
		expect(declaration).toMatchObject({ houseNameOrNumber: '3 New Road', postcode: 'M1 1AE', cancelledAt: null })
		const audits = await db().select().from(auditLog).where(eq(auditLog.subjectId, gift.giftAidDeclarationId!))
		expect(audits.map((a) => a.action)).toEqual(['gift_aid.declaration_updated'])

		const cancelled = await app.postForm(link, { intent: 'cancel' })
		expect(cancelled.status).toBe(303)
		;[declaration] = await db()
			.select()
			.from(giftAidDeclarations)
			.where(eq(giftAidDeclarations.id, gift.giftAidDeclarationId!))
		expect(declaration!.cancelledAt).not.toBeNull()
		expect(await html(await app.get(link))).toContain('Cancelled on')
		// Gifts already made keep their Gift Aid: cancelling stops future use only.
		const [after] = await db().select().from(donations).where(eq(donations.id, gift.id))
		expect(after!.giftAidStatus).toBe('eligible')
		expect(await giftAidNet(campaign.id)).toBe(2000)
		expect(await html(await app.get(`/f/${campaign.slug}`))).toContain('+ £5 Gift Aid')
	})

	test('outside GB the receipt is neutral, with the charity’s own tax wording', async () => {
		const campaign = await newCampaign()
		const gift = await give(campaign.slug, donationForm({}, null))
		resetTestEnv({
			CHARITY_COUNTRY: 'US',
			CHARITY_RECEIPT_TAX_WORDING: 'No goods or services were provided in exchange for this contribution.',
		})
		const { emailTemplates } = await import('#emails/index.ts')
		const { getCharity } = await import('#app/config/charity.server.ts')
		const rendered = emailTemplates['donation-receipt'](await receiptOf(gift), {
			charity: getCharity(),
			appUrl: getEnv().APP_URL,
		} satisfies EmailContext)
		expect(rendered.text).toContain('Thank you, Hannah Lee')
		expect(rendered.text).toContain('Donation: £20.00')
		expect(rendered.text).toContain('No goods or services were provided in exchange for this contribution.')
		expect(rendered.text).not.toContain('Gift Aid')
	})
})
