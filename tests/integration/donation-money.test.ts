import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getPublicCampaign, listDonorWall } from '#app/campaigns/campaigns.server.ts'
import { postCampaignUpdate } from '#app/campaigns/manage.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { deliverQueuedEmail } from '#app/email/outbox.server.ts'
import { startDonation, type DonationInput } from '#app/donations/donate.server.ts'
import { findDonationNetDrift, findMoneyDrift, recordMovement } from '#app/donations/ledger.server.ts'
import { recordOfflineDonation } from '#app/donations/offline-gifts.server.ts'
import { confirmOfflineGift } from '#app/staff/offline-gifts.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import {
	campaigns,
	devMailbox,
	donationThanks,
	donations,
	emails,
	moneyMovements,
	stripeEvents,
	type Campaign,
	type Donation,
	type Person,
} from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

/*
 * The money record under Stripe's real behaviour: disputes that move money
 * only when funds are withdrawn or reinstated, a session completed twice,
 * refunds that change what the page shows and who hears about it, and
 * malformed signed events. Every event goes through the real webhook
 * endpoint over HTTP, signed as Stripe signs it.
 */

const stripeSdk = new Stripe('sk_test_signing_only')
let app: Awaited<ReturnType<typeof startHttpApp>>
let owner: Person
let campaign: Campaign

beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})
beforeEach(async () => {
	owner = await createPerson(db(), { firstName: 'Sofia', lastName: 'Marsh', email: 'sofia@example.org' })
	campaign = await createCampaign(db(), {
		ownerId: owner.id,
		slug: 'sofia-runs',
		title: 'Sofia runs for freedom',
		goalMinor: 100_000,
	})
})

const rid = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`

async function pendingDonation(overrides: Partial<DonationInput> = {}): Promise<Donation> {
	const started = await startDonation({
		campaign,
		amountMinor: 2500,
		coverFee: false,
		donorName: 'Hannah Lee',
		donorEmail: 'hannah@example.com',
		message: null,
		anonymous: false,
		hideAmount: false,
		marketingOptIn: false,
		clientIp: `10.1.0.${Math.floor(Math.random() * 250)}`,
		...overrides,
	})
	if (!started.ok) throw new Error(`could not start donation: ${JSON.stringify(started)}`)
	return started.donation
}

const paymentIntentOf = (donation: Donation) => `pi_for_${donation.id.slice(0, 8)}`

function sessionObject(donation: Donation, overrides: Record<string, unknown> = {}) {
	return {
		id: donation.stripeCheckoutSessionId,
		object: 'checkout.session',
		amount_total: donation.amountMinor + donation.coverFeeMinor,
		currency: donation.currency.toLowerCase(),
		payment_intent: paymentIntentOf(donation),
		payment_status: 'paid',
		status: 'complete',
		metadata: { donation_id: donation.id, campaign_id: donation.campaignId },
		...overrides,
	}
}

function chargeObject(donation: Donation, amountRefunded: number) {
	const amount = donation.amountMinor + donation.coverFeeMinor
	return {
		id: `ch_for_${donation.id.slice(0, 8)}`,
		object: 'charge',
		amount,
		amount_refunded: amountRefunded,
		refunded: amountRefunded >= amount,
		currency: donation.currency.toLowerCase(),
		payment_intent: paymentIntentOf(donation),
	}
}

function disputeObject(donation: Donation, status: string) {
	return {
		id: `dp_for_${donation.id.slice(0, 8)}`,
		object: 'dispute',
		amount: donation.amountMinor + donation.coverFeeMinor,
		currency: donation.currency.toLowerCase(),
		charge: `ch_for_${donation.id.slice(0, 8)}`,
		payment_intent: paymentIntentOf(donation),
		reason: 'fraudulent',
		status,
	}
}

const event = (type: string, object: unknown, id = rid('evt')) => ({ id, object: 'event', type, data: { object } })

/** Posts a body to the real webhook endpoint, signed as Stripe signs it. */
async function deliverRaw(payload: string) {
	const signature = stripeSdk.webhooks.generateTestHeaderString({ payload, secret: getEnv().STRIPE_WEBHOOK_SECRET })
	const response = await fetch(`${app.origin}/webhooks/stripe`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signature },
		body: payload,
	})
	return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const deliver = (evt: object) => deliverRaw(JSON.stringify(evt))

async function paid(donation: Donation) {
	const result = await deliver(event('checkout.session.completed', sessionObject(donation)))
	expect(result.body).toMatchObject({ outcome: 'processed' })
}

async function totals() {
	const row = await getPublicCampaign('sofia-runs')
	return { raised: row!.raisedMinor, donors: row!.donorCount }
}

async function statusOf(donation: Donation) {
	const [row] = await db().select().from(donations).where(eq(donations.id, donation.id))
	return row!.status
}

async function expectNoDrift() {
	expect((await findMoneyDrift()).drift).toEqual([])
	// Each donation's stored net (what the wall and donor counts read) agrees with its movements too.
	expect((await findDonationNetDrift()).drift).toEqual([])
}

/** The donations CSV as staff download it, one object per row. */
async function donationsCsvRows(cookie: string) {
	const text = (await (await app.get('/staff/exports/donations.csv', cookie)).text()).replace(/^\uFEFF/, '')
	const [header, ...lines] = text.trimEnd().split('\r\n')
	const names = header!.split(',')
	// The rows of these tests hold no quoted commas.
	return lines.map(
		(line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])) as Record<string, string>,
	)
}

describe('disputes', () => {
	test('an inquiry moves no money, and closing it leaves the total where it was', async () => {
		const donation = await pendingDonation()
		await paid(donation)
		await deliver(event('charge.dispute.created', disputeObject(donation, 'warning_needs_response')))
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
		expect(await statusOf(donation)).toBe('disputed')
		await deliver(event('charge.dispute.updated', disputeObject(donation, 'warning_under_review')))
		await deliver(event('charge.dispute.closed', disputeObject(donation, 'warning_closed')))
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
		expect(await statusOf(donation)).toBe('succeeded')
		expect(await db().select().from(moneyMovements).where(eq(moneyMovements.donationId, donation.id))).toHaveLength(1)
		await expectNoDrift()
	})

	test('money leaves when the funds are withdrawn and comes back when they are reinstated, once each, in any order', async () => {
		const inOrder = await pendingDonation({ amountMinor: 3000 })
		const backwards = await pendingDonation({ amountMinor: 1200, donorEmail: 'backwards@example.com' })
		await paid(inOrder)
		await paid(backwards)
		expect(await totals()).toEqual({ raised: 4200, donors: 2 })

		// Opening a chargeback records it; the money stays until Stripe withdraws it.
		await deliver(event('charge.dispute.created', disputeObject(inOrder, 'needs_response')))
		expect(await totals()).toEqual({ raised: 4200, donors: 2 })
		const withdrawn = event('charge.dispute.funds_withdrawn', disputeObject(inOrder, 'needs_response'))
		await deliver(withdrawn)
		await deliver(withdrawn)
		// The same withdrawal announced again under another event id counts once.
		await deliver(event('charge.dispute.funds_withdrawn', disputeObject(inOrder, 'needs_response')))
		expect(await totals()).toEqual({ raised: 1200, donors: 1 })
		expect(await statusOf(inOrder)).toBe('disputed')
		await deliver(event('charge.dispute.funds_reinstated', disputeObject(inOrder, 'won')))
		await deliver(event('charge.dispute.closed', disputeObject(inOrder, 'won')))
		expect(await totals()).toEqual({ raised: 4200, donors: 2 })
		expect(await statusOf(inOrder)).toBe('dispute_won')

		// The same story delivered backwards ends at the same total and status.
		await deliver(event('charge.dispute.closed', disputeObject(backwards, 'won')))
		await deliver(event('charge.dispute.funds_reinstated', disputeObject(backwards, 'won')))
		expect(await totals()).toEqual({ raised: 5400, donors: 2 })
		await deliver(event('charge.dispute.funds_withdrawn', disputeObject(backwards, 'needs_response')))
		await deliver(event('charge.dispute.created', disputeObject(backwards, 'needs_response')))
		expect(await totals()).toEqual({ raised: 4200, donors: 2 })
		expect(await statusOf(backwards)).toBe('dispute_won')
		await expectNoDrift()
	})

	test('a lost dispute takes the gift off the wall and the donor count; staff see each dispute on the payments page and in the CSV', async () => {
		const lost = await pendingDonation({ amountMinor: 2000, donorName: 'Lara Lost', donorEmail: 'lara@example.com' })
		const open = await pendingDonation({ amountMinor: 1500, donorName: 'Olly Open', donorEmail: 'olly@example.com' })
		await paid(lost)
		await paid(open)
		await deliver(event('charge.dispute.funds_withdrawn', disputeObject(lost, 'needs_response')))
		await deliver(event('charge.dispute.closed', disputeObject(lost, 'lost')))
		await deliver(event('charge.dispute.created', disputeObject(open, 'warning_needs_response')))
		expect(await totals()).toEqual({ raised: 1500, donors: 1 })
		expect(await statusOf(lost)).toBe('dispute_lost')
		expect((await listDonorWall(campaign.id)).map((d) => d.displayName)).toEqual(['Olly Open'])
		const page = await (await app.get('/f/sofia-runs')).text()
		expect(page).not.toContain('Lara Lost')
		await expectNoDrift()

		await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const cookie = await app.signIn('staff@example.org')
		const payments = await (await app.get('/staff/payments', cookie)).text()
		expect(payments).toContain('Disputes')
		expect(payments).toContain(`dp_for_${lost.id.slice(0, 8)}`)
		expect(payments).toContain('Lost')
		expect(payments).toContain(`dp_for_${open.id.slice(0, 8)}`)
		expect(payments).toContain('Inquiry: needs a response')
		const rows = await donationsCsvRows(cookie)
		expect(rows.find((r) => r.donation_id === lost.id)).toMatchObject({
			status: 'dispute_lost',
			dispute_status: 'lost',
			disputed: '20',
			net_received: '0',
		})
		expect(rows.find((r) => r.donation_id === open.id)).toMatchObject({
			status: 'disputed',
			dispute_status: 'warning_needs_response',
			disputed: '0',
		})
	})
})

describe('a Checkout Session completed twice', () => {
	test('a second completion carrying another payment is held for review and the gift counts once', async () => {
		const donation = await pendingDonation()
		await paid(donation)
		const second = await deliver(
			event('checkout.session.completed', sessionObject(donation, { payment_intent: 'pi_another_payment' })),
		)
		expect(second).toMatchObject({ status: 200, body: { outcome: 'held_for_review' } })
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
		expect(await db().select().from(moneyMovements)).toHaveLength(1)
		const [held] = await db().select().from(stripeEvents).where(eq(stripeEvents.outcome, 'held_for_review'))
		expect(held!.note).toMatch(/already belongs to payment pi_for_/)
		expect(held!.donationId).toBe(donation.id)
		await expectNoDrift()
	})

	test('the database refuses a second gift movement for one donation, whatever its source', async () => {
		const donation = await pendingDonation()
		await paid(donation)
		await expect(
			db().insert(moneyMovements).values({
				kind: 'donation_succeeded',
				amountMinor: 2500,
				currency: 'GBP',
				donationId: donation.id,
				campaignId: campaign.id,
				sourceId: 'pi_a_different_payment',
			}),
		).rejects.toThrow()
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
	})
})

describe('refunds', () => {
	test('a fully refunded gift leaves the wall, the donor count and update emails; the dashboard and CSV say it was refunded', async () => {
		const names = ['Ada One', 'Ben Two', 'Cal Three', 'Dee Four', 'Eve Five']
		const gifts: Donation[] = []
		for (const [i, name] of names.entries()) {
			const gift = await pendingDonation({
				amountMinor: 2000,
				donorName: name,
				donorEmail: `donor${i}@example.com`,
				updatesOptIn: true,
			})
			await paid(gift)
			gifts.push(gift)
		}
		const refunded = gifts[4]!
		await deliver(event('charge.refunded', chargeObject(refunded, 2000)))
		expect(await totals()).toEqual({ raised: 8000, donors: 4 })
		expect(await statusOf(refunded)).toBe('refunded')
		await expectNoDrift()

		const page = (await (await app.get('/f/sofia-runs')).text()).replaceAll('<!-- -->', '')
		expect(page).toContain('4 donors')
		expect(page).not.toContain('Eve Five')
		expect((await listDonorWall(campaign.id)).map((d) => d.displayName).sort()).toEqual(names.slice(0, 4))

		await postCampaignUpdate(campaign, owner, 'Ten miles done!', newFormToken())
		const updates = await db().select().from(emails).where(eq(emails.template, 'campaign-update'))
		expect(updates.map((e) => e.toEmail).sort()).toEqual([
			'donor0@example.com',
			'donor1@example.com',
			'donor2@example.com',
			'donor3@example.com',
		])

		const ownerCookie = await app.signIn('sofia@example.org')
		const dashboard = (await (await app.get(`/dashboard/${campaign.id}`, ownerCookie)).text()).replaceAll(
			'<!-- -->',
			'',
		)
		expect(dashboard).toContain('Refunded')
		expect(dashboard).toContain('Say thank you to Dee Four')
		expect(dashboard).not.toContain('Say thank you to Eve Five')

		await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const staffCookie = await app.signIn('staff@example.org')
		const row = (await donationsCsvRows(staffCookie)).find((r) => r.donation_id === refunded.id)
		expect(row).toMatchObject({ status: 'refunded', refunded: '20', net_received: '0' })
	})

	test('a partial refund shows the net on the wall and marks the gift partially refunded', async () => {
		const donation = await pendingDonation({ amountMinor: 2000, donorName: 'Pat Partial' })
		await paid(donation)
		await deliver(event('charge.refunded', chargeObject(donation, 500)))
		expect(await statusOf(donation)).toBe('partially_refunded')
		expect(await totals()).toEqual({ raised: 1500, donors: 1 })
		expect((await listDonorWall(campaign.id)).map((d) => [d.displayName, d.amountMinor])).toEqual([
			['Pat Partial', 1500],
		])
		const page = await (await app.get('/f/sofia-runs')).text()
		expect(page).toContain('£15')
		expect(page).not.toContain('£20')
		await expectNoDrift()
	})

	test('each refund emails the donor a confirmation and the fundraiser a notice, once, however often Stripe repeats it', async () => {
		const donation = await pendingDonation({
			amountMinor: 4000,
			donorName: 'Rita Refund',
			donorEmail: 'rita@example.com',
		})
		await paid(donation)
		const partial = event('charge.refunded', chargeObject(donation, 1000))
		await deliver(partial)
		await deliver(partial)
		await deliver(event('charge.refunded', chargeObject(donation, 1000)))
		await deliver(event('charge.refunded', chargeObject(donation, 4000)))
		await deliver(event('charge.refunded', chargeObject(donation, 4000)))
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
		await expectNoDrift()

		const toDonor = await db().select().from(emails).where(eq(emails.template, 'refund-confirmation'))
		expect(toDonor.map((e) => [e.toEmail, (e.data as { refundedMinor: number }).refundedMinor]).sort()).toEqual([
			['rita@example.com', 1000],
			['rita@example.com', 3000],
		])
		const toOwner = await db().select().from(emails).where(eq(emails.template, 'refund-notice'))
		expect(toOwner.map((e) => e.toEmail)).toEqual(['sofia@example.org', 'sofia@example.org'])
		expect(toOwner.map((e) => (e.data as { raisedMinor: number }).raisedMinor).sort((a, b) => a - b)).toEqual([0, 3000])
		// Both render and go out through the outbox like every other email.
		for (const email of [toDonor[1]!, toOwner[0]!])
			expect((await deliverQueuedEmail(email.id, { isLastAttempt: false })).outcome).toBe('sent')
		const sent = await db().select().from(devMailbox)
		expect(sent.find((m) => m.toEmail === 'rita@example.com')!.text).toMatch(/refunded/i)
		expect(sent.find((m) => m.toEmail === 'sofia@example.org')!.text).toMatch(/refunded/i)
	})
})

describe('currency', () => {
	test('a movement in another currency than its campaign’s is refused, and the webhook holds the event for review', async () => {
		const donation = await pendingDonation()
		// The campaign's currency changed after the gift was started (say, by a data fix).
		await db().update(campaigns).set({ currency: 'EUR' }).where(eq(campaigns.id, campaign.id))
		const result = await deliver(event('checkout.session.completed', sessionObject(donation)))
		expect(result).toMatchObject({ status: 200, body: { outcome: 'held_for_review' } })
		const [held] = await db().select().from(stripeEvents)
		expect(held!.note).toMatch(/GBP.*EUR/)
		expect(await db().select().from(moneyMovements)).toHaveLength(0)
		await expect(
			db().transaction((tx) =>
				recordMovement(tx, {
					kind: 'donation_succeeded',
					amountMinor: 2500,
					currency: 'GBP',
					donationId: donation.id,
					campaignId: campaign.id,
					sourceId: 'pi_x',
				}),
			),
		).rejects.toThrow(/currency GBP .*campaign.*EUR/)
		await expectNoDrift()
	})
})

describe('malformed signed events', () => {
	test('a null, deeply nested, wrongly shaped or NUL-holding object is held for review and acknowledged, never a 500', async () => {
		const donation = await pendingDonation()
		// Nested deeper than JSON.stringify can go, so written out by hand.
		const nested = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)
		const bodies = [
			JSON.stringify(event('checkout.session.completed', null)),
			JSON.stringify(event('charge.refunded', null)),
			JSON.stringify(event('charge.dispute.funds_withdrawn', 'dp_1')),
			JSON.stringify(event('checkout.session.completed', { ...sessionObject(donation), metadata: 'NESTED' })).replace(
				'"NESTED"',
				nested,
			),
			JSON.stringify(event('checkout.session.completed', sessionObject(donation, { amount_total: '2500' }))),
			JSON.stringify(event('checkout.session.completed', sessionObject(donation, { payment_intent: 'pi_\u0000nul' }))),
			JSON.stringify(event('charge.refunded', { ...chargeObject(donation, 500), amount_refunded: -5 })),
			JSON.stringify(event('charge.dispute.created', { ...disputeObject(donation, 'needs_response'), id: null })),
			JSON.stringify({
				id: 'evt_\u0000',
				type: 'checkout.session.completed',
				data: { object: sessionObject(donation) },
			}),
			JSON.stringify({ id: rid('evt'), type: 'charge.refunded' }),
		]
		for (const body of bodies) {
			const result = await deliverRaw(body)
			expect(result, body.slice(0, 200)).toMatchObject({
				status: 200,
				body: { received: true, outcome: 'held_for_review' },
			})
		}
		const held = await db().select().from(stripeEvents).where(eq(stripeEvents.outcome, 'held_for_review'))
		expect(held).toHaveLength(bodies.length)
		expect(held.every((e) => e.note && e.note.length > 0)).toBe(true)
		expect(held.map((e) => e.note).join('\n')).toMatch(/malformed/)
		expect(await statusOf(donation)).toBe('pending')
		expect(await totals()).toEqual({ raised: 0, donors: 0 })

		// A NUL in a field we do not use does not stop a good payment.
		const ok = await deliver(
			event('checkout.session.completed', sessionObject(donation, { customer_details: { name: 'Han\u0000nah' } })),
		)
		expect(ok).toMatchObject({ status: 200, body: { outcome: 'processed' } })
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
		const [stored] = await db()
			.select()
			.from(stripeEvents)
			.where(and(eq(stripeEvents.outcome, 'processed'), eq(stripeEvents.donationId, donation.id)))
		expect(JSON.stringify(stored!.payload)).not.toContain('\\u0000')
	})
})

describe('stored totals', () => {
	test('stay equal to the money record through gifts, partial and full refunds, disputes withdrawn and reinstated, and an offline gift', async () => {
		const [refundedInFull, refundedInPart, disputedAndWon, disputedAndLost] = [
			await pendingDonation({ amountMinor: 2500 }),
			await pendingDonation({ amountMinor: 4000 }),
			await pendingDonation({ amountMinor: 3000 }),
			await pendingDonation({ amountMinor: 1000, coverFee: true }),
		]
		const steps: [string, object][] = [
			...[refundedInFull, refundedInPart, disputedAndWon, disputedAndLost].map((d): [string, object] => [
				'gift',
				event('checkout.session.completed', sessionObject(d)),
			]),
			['partial refund', event('charge.refunded', chargeObject(refundedInFull, 1000))],
			['full refund', event('charge.refunded', chargeObject(refundedInFull, 2500))],
			['partial refund', event('charge.refunded', chargeObject(refundedInPart, 1500))],
			['dispute opened', event('charge.dispute.created', disputeObject(disputedAndWon, 'needs_response'))],
			['funds withdrawn', event('charge.dispute.funds_withdrawn', disputeObject(disputedAndWon, 'needs_response'))],
			['funds reinstated', event('charge.dispute.funds_reinstated', disputeObject(disputedAndWon, 'won'))],
			['dispute won', event('charge.dispute.closed', disputeObject(disputedAndWon, 'won'))],
			['funds withdrawn', event('charge.dispute.funds_withdrawn', disputeObject(disputedAndLost, 'needs_response'))],
			['dispute lost', event('charge.dispute.closed', disputeObject(disputedAndLost, 'lost'))],
		]
		for (const [step, evt] of steps) {
			expect((await deliver(evt)).status, step).toBe(200)
			expect((await findMoneyDrift()).drift, `after ${step}`).toEqual([])
		}
		const staff = await createPerson(db(), { role: 'staff', email: 'finance@example.org' })
		const offline = await recordOfflineDonation(
			campaign,
			owner,
			{ amount: '50', donorName: 'Cake stall', note: 'Cash tin' },
			newFormToken(),
		)
		if (offline.status !== 'created') throw new Error('offline gift not recorded')
		expect(await confirmOfflineGift(offline.id, staff)).toEqual({ ok: true })
		await expectNoDrift()
		// Still giving: part of the partly refunded gift, the reinstated one and the offline gift.
		expect(await totals()).toEqual({ raised: 2500 + 3000 + 5000, donors: 3 })
	})

	test('the money check reports a campaign whose stored totals were changed behind the money record’s back', async () => {
		await paid(await pendingDonation({ amountMinor: 2500 }))
		const other = await createCampaign(db(), { ownerId: owner.id, slug: 'no-gifts-yet' })
		await db().update(campaigns).set({ raisedMinor: 9999, donorCount: 2 }).where(eq(campaigns.id, campaign.id))
		const { checked, drift } = await findMoneyDrift()
		expect(checked).toBe(2)
		expect(drift).toEqual([
			{
				campaignId: campaign.id,
				slug: 'sofia-runs',
				storedRaised: 9999,
				ledgerRaised: 2500,
				storedDonors: 2,
				ledgerDonors: 1,
				storedGiftAidNet: 0,
				ledgerGiftAidNet: 0,
			},
		])
		expect(drift.map((d) => d.campaignId)).not.toContain(other.id)
	})
	test('the money check reports a donation whose stored net was changed behind the money record’s back', async () => {
		const gift = await pendingDonation({ amountMinor: 2500 })
		await paid(gift)
		expect(await findDonationNetDrift()).toEqual({ checked: 1, drift: [] })
		await db().update(donations).set({ netMinor: 0 }).where(eq(donations.id, gift.id))
		expect(await findDonationNetDrift()).toEqual({
			checked: 1,
			drift: [{ donationId: gift.id, storedNetMinor: 0, ledgerNetMinor: 2500 }],
		})
	})
})

/** What a page shows a reader: its markup without the scripts (the serialised loader data among them) and tags. */
function renderedText(html: string) {
	return html
		.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]+>/g, '')
		.replaceAll('&#x27;', "'")
		.replace(/\s+/g, ' ')
}

describe('the donor’s thank-you page once money moved back', () => {
	const thankYouText = async (donation: Donation) =>
		renderedText(await (await app.get(`/f/sofia-runs/thank-you?session_id=${donation.stripeCheckoutSessionId}`)).text())

	test('a gift refunded in full says it was refunded, and how much, rather than that it did not go through', async () => {
		const donation = await pendingDonation({ amountMinor: 3000, coverFee: true })
		await paid(donation)
		await deliver(event('charge.refunded', chargeObject(donation, donation.amountMinor + donation.coverFeeMinor)))
		expect(await statusOf(donation)).toBe('refunded')
		const text = await thankYouText(donation)
		expect(text).toContain(
			'Your payment of £30.66 (your gift of £30.00 plus £0.66 towards the processing fee) to Sofia runs for freedom was refunded to you in full, so it no longer counts towards the fundraiser.',
		)
		expect(text).not.toContain("didn't go through")
		expect(text).not.toContain('is confirmed')
	})

	test('a partly refunded gift names the refund and the net that still counts', async () => {
		const donation = await pendingDonation({ amountMinor: 3000 })
		await paid(donation)
		await deliver(event('charge.refunded', chargeObject(donation, 1000)))
		expect(await statusOf(donation)).toBe('partially_refunded')
		const text = await thankYouText(donation)
		expect(text).toContain(
			'Part of your gift of £30.00 to Sofia runs for freedom was refunded to you: £10.00. The other £20.00 still counts towards the fundraiser.',
		)
		expect(text).not.toContain("didn't go through")
	})

	test('a disputed payment is worded neutrally while open, as returned once lost, and as standing once won', async () => {
		const contested = await pendingDonation({ amountMinor: 2500 })
		await paid(contested)
		await deliver(event('charge.dispute.created', disputeObject(contested, 'needs_response')))
		expect(await statusOf(contested)).toBe('disputed')
		const open = await thankYouText(contested)
		expect(open).toContain(
			'Your gift of £25.00 to Sofia runs for freedom is being reviewed with your bank, which has asked about it.',
		)
		expect(open).not.toMatch(/didn't go through|fraud|chargeback/i)

		await deliver(event('charge.dispute.funds_withdrawn', disputeObject(contested, 'needs_response')))
		await deliver(event('charge.dispute.closed', disputeObject(contested, 'lost')))
		expect(await statusOf(contested)).toBe('dispute_lost')
		expect(await thankYouText(contested)).toContain(
			'Your gift of £25.00 to Sofia runs for freedom was returned to you by your bank, so it no longer counts towards the fundraiser.',
		)

		const upheld = await pendingDonation({ amountMinor: 2500, donorEmail: 'upheld@example.com' })
		await paid(upheld)
		await deliver(event('charge.dispute.funds_withdrawn', disputeObject(upheld, 'needs_response')))
		await deliver(event('charge.dispute.funds_reinstated', disputeObject(upheld, 'won')))
		await deliver(event('charge.dispute.closed', disputeObject(upheld, 'won')))
		expect(await statusOf(upheld)).toBe('dispute_won')
		expect(await thankYouText(upheld)).toContain('Your gift of £25.00 to Sofia runs for freedom is confirmed.')
	})
})

describe('thanking a donor whose gift was taken back', () => {
	test('a thank-you form posted after the gift was refunded in full is refused beside the gift, and no email is queued', async () => {
		const donation = await pendingDonation({ amountMinor: 2000, donorName: 'Rae Refund' })
		await paid(donation)
		const cookie = await app.signIn('sofia@example.org')
		const dashboard = `/dashboard/${campaign.id}`
		// The form was rendered while the gift still stood; the refund arrived before it was sent.
		const html = await (await app.get(dashboard, cookie)).text()
		const form = html.slice(html.indexOf(`id="thank-${donation.id}"`))
		const formToken = /name="formToken" value="([^"]+)"/.exec(form)![1]!
		await deliver(event('charge.refunded', chargeObject(donation, 2000)))
		expect(await statusOf(donation)).toBe('refunded')

		const refused = await app.postForm(
			dashboard,
			{ intent: 'thank-donor', donationId: donation.id, message: 'Thank you so much, Rae!', formToken },
			{ cookie },
		)
		expect(refused.status).toBe(400)
		expect(renderedText(await refused.text())).toContain(
			'This gift was returned to the donor, so it can no longer be thanked.',
		)
		expect(await db().select().from(donationThanks)).toHaveLength(0)
		expect(await db().select().from(emails).where(eq(emails.template, 'donor-thanks'))).toHaveLength(0)
	})
})
