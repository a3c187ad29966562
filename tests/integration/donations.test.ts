import { randomBytes } from 'node:crypto'
import { solveChallenge, type Challenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import { asc, eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getPublicCampaign, listDonorWall } from '#app/campaigns/campaigns.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { startDonation, type DonationInput } from '#app/donations/donate.server.ts'
import { coverFeeMinor } from '#app/donations/fees.ts'
import { findMoneyDrift } from '#app/donations/ledger.server.ts'
import { reconcileStripe } from '#app/donations/reconcile.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import {
	donationLimitAlerts,
	donations,
	emails,
	moneyMovements,
	spentDonationChallenges,
	stripeEvents,
	type Campaign,
	type Donation,
} from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { seededShuffle, shuffleSeed } from '#tests/support/seeded-shuffle.ts'
import { startHttpApp } from '#tests/support/http-app.ts'
import { testDatabase } from '#tests/support/setup-file.ts'
import { startStripeStandIn } from '#tests/support/stripe-standin.ts'

const stripeSdk = new Stripe('sk_test_signing_only')
let app: Awaited<ReturnType<typeof startHttpApp>>
let campaign: Campaign

beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})
beforeEach(async () => {
	const owner = await createPerson(db(), { firstName: 'Sofia', email: 'sofia@example.org' })
	campaign = await createCampaign(db(), {
		ownerId: owner.id,
		slug: 'sofia-runs',
		title: 'Sofia runs for freedom',
		goalMinor: 100_000,
	})
})

const rid = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`

function donationInput(overrides: Partial<DonationInput> = {}): DonationInput {
	return {
		campaign,
		amountMinor: 2500,
		coverFee: false,
		donorName: 'Hannah Lee',
		donorEmail: 'hannah@example.com',
		message: 'Go Sofia!',
		anonymous: false,
		hideAmount: false,
		marketingOptIn: false,
		clientIp: `10.0.0.${Math.floor(Math.random() * 250)}`,
		...overrides,
	}
}

/** A pending donation through the built-in test checkout (no Stripe key). */
async function pendingDonation(overrides: Partial<DonationInput> = {}): Promise<Donation> {
	const started = await startDonation(donationInput(overrides))
	if (!started.ok) throw new Error(`could not start donation: ${JSON.stringify(started)}`)
	return started.donation
}

function sessionObject(donation: Donation, overrides: Record<string, unknown> = {}) {
	return {
		id: donation.stripeCheckoutSessionId,
		object: 'checkout.session',
		amount_total: donation.amountMinor + donation.coverFeeMinor,
		currency: donation.currency.toLowerCase(),
		payment_intent: `pi_for_${donation.id.slice(0, 8)}`,
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
		payment_intent: `pi_for_${donation.id.slice(0, 8)}`,
	}
}

function disputeObject(donation: Donation, status: string) {
	return {
		id: `dp_for_${donation.id.slice(0, 8)}`,
		object: 'dispute',
		amount: donation.amountMinor + donation.coverFeeMinor,
		currency: donation.currency.toLowerCase(),
		charge: `ch_for_${donation.id.slice(0, 8)}`,
		payment_intent: `pi_for_${donation.id.slice(0, 8)}`,
		status,
	}
}

const event = (type: string, object: object, id = rid('evt')) => ({ id, object: 'event', type, data: { object } })

/** Posts an event to the real webhook endpoint, signed as Stripe signs it. */
async function deliver(evt: object, options: { secret?: string; timestamp?: number } = {}) {
	const payload = JSON.stringify(evt)
	const signature = stripeSdk.webhooks.generateTestHeaderString({
		payload,
		secret: options.secret ?? getEnv().STRIPE_WEBHOOK_SECRET,
		timestamp: options.timestamp,
	})
	const response = await fetch(`${app.origin}/webhooks/stripe`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signature },
		body: payload,
	})
	return { status: response.status, body: (await response.json()) as unknown }
}

async function totals() {
	const row = await getPublicCampaign('sofia-runs')
	return { raised: row!.raisedMinor, donors: row!.donorCount }
}

/** A filled-in donation form as a browser posts it. */
const donorForm = (fields: Record<string, string> = {}) => ({
	amount: '2500',
	donorName: 'Gwen Guest',
	donorEmail: 'gwen@example.com',
	...fields,
})

/** The page's text as a person reads it: no tags, no React text separators. */
const textOf = (html: string) =>
	html
		.replace(/<!-- -->/g, '')
		.replace(/<\/?(strong|em|span|a)\b[^>]*>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&#x27;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')

const unescapeAttribute = (value: string) =>
	value
		.replace(/&quot;/g, '"')
		.replace(/&#x27;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')

/** The proof-of-work challenge the page hands the ALTCHA widget, or null. */
function challengeIn(html: string): Challenge | null {
	const match = /<altcha-widget[^>]*\schallenge="([^"]+)"/.exec(html)
	return match ? (JSON.parse(unescapeAttribute(match[1]!)) as Challenge) : null
}

/** Solves a page's challenge as the widget does and returns the form field it would fill in. */
async function solvedAltcha(html: string) {
	const challenge = challengeIn(html)
	if (!challenge) throw new Error('the page asked for no proof-of-work check')
	const solution = await solveChallenge({ challenge, deriveKey })
	return Buffer.from(
		JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
	).toString('base64')
}

/** The no-JavaScript wait pass the page carries, or null. */
const waitPassIn = (html: string) => /<input(?=[^>]*name="waitPass")[^>]*value="([^"]+)"/.exec(html)?.[1] ?? null

async function statusOf(donation: Donation) {
	const [row] = await db().select().from(donations).where(eq(donations.id, donation.id))
	return row!.status
}

describe('starting a donation with Stripe configured', () => {
	test('creates a Checkout Session with the amount, currency, metadata and an idempotency key from the donation', async () => {
		const stripe = await startStripeStandIn()
		try {
			resetTestEnv({ STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_API_BASE: stripe.apiBase })
			const started = await startDonation(donationInput({ amountMinor: 5000, coverFee: true }))
			expect(started.ok).toBe(true)
			if (!started.ok) return
			const fee = coverFeeMinor(5000, { bps: 150, fixedMinor: 20 })
			const [request] = stripe.requests
			expect(request!.method).toBe('POST')
			expect(request!.path).toBe('/v1/checkout/sessions')
			expect(request!.headers['idempotency-key']).toBe(`donation-checkout-${started.donation.id}`)
			expect(request!.form).toMatchObject({
				mode: 'payment',
				'line_items[0][quantity]': '1',
				'line_items[0][price_data][currency]': 'gbp',
				'line_items[0][price_data][unit_amount]': String(5000 + fee),
				'line_items[0][price_data][product_data][name]': 'Donation to Sofia runs for freedom',
				customer_email: 'hannah@example.com',
				'metadata[donation_id]': started.donation.id,
				'metadata[campaign_id]': campaign.id,
				'payment_intent_data[metadata][donation_id]': started.donation.id,
				success_url: 'http://localhost:3000/f/sofia-runs/thank-you?session_id={CHECKOUT_SESSION_ID}',
				cancel_url: `http://localhost:3000/f/sofia-runs/donate?cancelled=${started.donation.id}`,
			})
			expect(started.redirectTo).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/)
			const [row] = await db().select().from(donations).where(eq(donations.id, started.donation.id))
			expect(row).toMatchObject({ status: 'pending', amountMinor: 5000, coverFeeMinor: fee, currency: 'GBP' })
			expect(row!.stripeCheckoutSessionId).toBe(stripe.sessions.keys().next().value)
			expect(await totals()).toEqual({ raised: 0, donors: 0 })
		} finally {
			await stripe.close()
		}
	})

	test('the cover-the-fee extra lets the charity net the intended gift', () => {
		for (const amount of [200, 1000, 2500, 5000, 12345, 2_500_000]) {
			const fee = coverFeeMinor(amount, { bps: 150, fixedMinor: 20 })
			const total = amount + fee
			const stripeFee = Math.round((total * 150) / 10_000) + 20
			expect(total - stripeFee).toBeGreaterThanOrEqual(amount)
			expect(total - stripeFee - amount).toBeLessThanOrEqual(1)
		}
	})

	test('amounts outside the limits are refused before anything is written', async () => {
		expect(await startDonation(donationInput({ amountMinor: 199 }))).toMatchObject({ ok: false, status: 400 })
		expect(await startDonation(donationInput({ amountMinor: 2_500_001 }))).toMatchObject({ ok: false })
		expect(await db().select().from(donations)).toHaveLength(0)
	})
})

describe('the donation form', () => {
	test('cancelling at the checkout returns to the form as the donor left it', async () => {
		const donation = await pendingDonation({
			amountMinor: 1234,
			message: 'For Sofia',
			anonymous: true,
			donorName: 'Cara Cancel',
		})
		const html = await (await fetch(`${app.origin}/f/sofia-runs/donate?cancelled=${donation.id}`)).text()
		expect(html).toContain('You left the checkout before paying.')
		expect(html).toMatch(/value="12\.34"/)
		expect(html).toMatch(/value="Cara Cancel"/)
		expect(html).toContain('For Sofia')
		expect(html).toMatch(/<input(?=[^>]*name="anonymous")(?=[^>]*checked="")[^>]*>/)
		expect(html).toMatch(/<input(?=[^>]*value="other")(?=[^>]*checked="")[^>]*>/)
	})

	test('bad input is answered beside each field with 400 and writes nothing', async () => {
		const response = await app.postForm('/f/sofia-runs/donate', {
			amount: 'other',
			otherAmount: '0.50',
			donorName: '',
			donorEmail: 'nope',
			message: 'x'.repeat(281),
		})
		expect(response.status).toBe(400)
		const html = await response.text()
		expect(html).toContain('The smallest gift we can take online is £2')
		expect(html).toContain('Please enter your name')
		expect(html).toContain('Please enter a valid email address')
		expect(html).toContain('Messages must be at most 280 characters')
		expect(await db().select().from(donations)).toHaveLength(0)
	})

	test('without JavaScript a typed other amount wins over the preset that stayed selected', async () => {
		const response = await app.postForm(
			'/f/sofia-runs/donate',
			donorForm({ amount: '2500', otherAmount: '15', coverFee: 'on' }),
		)
		expect(response.status).toBe(303)
		const [row] = await db().select().from(donations)
		expect(row).toMatchObject({ amountMinor: 1500, coverFeeMinor: coverFeeMinor(1500, { bps: 150, fixedMinor: 20 }) })
	})

	test('a typed amount with no preset chosen at all is taken', async () => {
		const response = await app.postForm('/f/sofia-runs/donate', {
			otherAmount: '12.50',
			donorName: 'Nia',
			donorEmail: 'nia@example.com',
		})
		expect(response.status).toBe(303)
		expect((await db().select().from(donations))[0]).toMatchObject({ amountMinor: 1250 })
	})

	test('a decimal comma is refused beside the field, and a thousands comma is understood', async () => {
		for (const otherAmount of ['25,00', '5,00', '1,00,000']) {
			const response = await app.postForm('/f/sofia-runs/donate', donorForm({ amount: 'other', otherAmount }))
			expect(response.status, otherAmount).toBe(400)
			const html = await response.text()
			expect(html).toMatch(
				/id="donate-otherAmount-error"[^>]*><p[^>]*>Use a comma only between thousands, like 1,000; for pence, use a point, like 25.50<\/p>/,
			)
			expect(html).toContain(`value="${otherAmount}"`)
		}
		expect(await db().select().from(donations)).toHaveLength(0)
		expect(
			(await app.postForm('/f/sofia-runs/donate', donorForm({ amount: 'other', otherAmount: '1,000.50' }))).status,
		).toBe(303)
		expect((await db().select().from(donations))[0]).toMatchObject({ amountMinor: 100_050 })
	})

	test('a good donation starts a pending donation and sends the donor to the checkout (303)', async () => {
		const response = await app.postForm('/f/sofia-runs/donate', {
			amount: '2500',
			donorName: 'Dana Donor',
			donorEmail: 'dana@example.com',
			coverFee: 'on',
		})
		expect(response.status).toBe(303)
		expect(response.headers.get('location')).toMatch(/^\/test-checkout\/cs_test_local_[0-9a-f]+$/)
		const [row] = await db().select().from(donations)
		expect(row).toMatchObject({
			status: 'pending',
			amountMinor: 2500,
			coverFeeMinor: coverFeeMinor(2500, { bps: 150, fixedMinor: 20 }),
		})
	})
})

describe('donation limits', () => {
	test('30 donors on one venue connection give to one fundraiser within minutes and every one reaches the checkout', async () => {
		for (let i = 0; i < 30; i++) {
			const response = await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: `guest${i}@example.com` }))
			expect(response.status, `guest ${i + 1}`).toBe(303)
			expect(response.headers.get('location')).toMatch(/^\/test-checkout\/cs_test_local_/)
		}
		expect(await db().select().from(donations)).toHaveLength(30)
		expect(await db().select().from(donationLimitAlerts)).toHaveLength(0)
	})

	test('after failed and abandoned payments from one connection the next donor is asked for a proof-of-work check, not refused, and a solution works once', async () => {
		resetTestEnv({ DONATION_IP_FAILURES_BEFORE_CHALLENGE: '3', DONATION_CHALLENGE_DIFFICULTY: '20' })
		// Successful gifts never count against a connection.
		for (let i = 0; i < 4; i++) {
			expect(
				(await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: `happy${i}@example.com` }))).status,
			).toBe(303)
		}
		for (const row of await db().select().from(donations))
			await deliver(event('checkout.session.completed', sessionObject(row)))
		for (let i = 0; i < 3; i++) {
			expect(
				(await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: `unlucky${i}@example.com` }))).status,
			).toBe(303)
		}
		const [failed, expired, leftOpen] = await db()
			.select()
			.from(donations)
			.where(eq(donations.status, 'pending'))
			.orderBy(asc(donations.createdAt))
		await deliver(event('checkout.session.completed', sessionObject(failed!, { payment_status: 'unpaid' })))
		await deliver(event('checkout.session.async_payment_failed', sessionObject(failed!, { payment_status: 'unpaid' })))
		await deliver(
			event('checkout.session.expired', sessionObject(expired!, { status: 'expired', payment_status: 'unpaid' })),
		)
		// A checkout left open for over half an hour counts as abandoned, whether or not Stripe has said so yet.
		await db()
			.update(donations)
			.set({ createdAt: new Date(Date.now() - 40 * 60_000) })
			.where(eq(donations.id, leftOpen!.id))

		const asked = await app.postForm(
			'/f/sofia-runs/donate',
			donorForm({ donorEmail: 'next@example.com', message: 'Keep going' }),
		)
		expect(asked.status).toBe(429)
		const html = await asked.text()
		expect(textOf(html)).toContain('please let your browser do a quick check')
		// The form keeps what the donor typed.
		expect(html).toMatch(/<textarea[^>]*name="message"[^>]*>Keep going<\/textarea>/)
		expect(await db().select().from(donations)).toHaveLength(7)

		const altcha = await solvedAltcha(html)
		const passed = await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'next@example.com', altcha }))
		expect(passed.status).toBe(303)
		expect(await db().select().from(spentDonationChallenges)).toHaveLength(1)
		// The same solution a second time is not a pass.
		const replayed = await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'replay@example.com', altcha }))
		expect(replayed.status).toBe(429)
		expect(challengeIn(await replayed.text())).not.toBeNull()
		// Nor is a solution to a challenge we did not sign.
		const forged = Buffer.from(
			JSON.stringify({
				challenge: { parameters: challengeIn(html)!.parameters, signature: '00' },
				solution: { counter: 1, derivedKey: '00' },
			}),
		).toString('base64')
		expect((await app.postForm('/f/sofia-runs/donate', donorForm({ altcha: forged }))).status).toBe(429)
		expect((await app.postForm('/f/sofia-runs/donate', donorForm({ altcha: 'not base64 json' }))).status).toBe(429)
		expect(await db().select().from(donations)).toHaveLength(8)
	})

	test('failed payments for one email address from many connections ask for the check too', async () => {
		resetTestEnv({ DONATION_EMAIL_FAILURES_BEFORE_CHALLENGE: '2' })
		for (let i = 0; i < 2; i++) {
			const tried = await pendingDonation({ clientIp: `198.51.100.${i}`, donorEmail: 'tester@example.com' })
			await deliver(event('checkout.session.completed', sessionObject(tried, { payment_status: 'unpaid' })))
			await deliver(event('checkout.session.async_payment_failed', sessionObject(tried, { payment_status: 'unpaid' })))
		}
		expect((await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'TESTER@example.com' }))).status).toBe(
			429,
		)
		expect(
			(await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'someone-else@example.com' }))).status,
		).toBe(303)
	})

	test('a burst of starts on one fundraiser, or across all of them, asks for the check, and staff see the alerts on the payments page', async () => {
		resetTestEnv({ DONATION_CAMPAIGN_STARTS_PER_MINUTE: '3', DONATION_GLOBAL_STARTS_PER_MINUTE: '5' })
		const owner = await createPerson(db(), { firstName: 'Tom', email: 'tom@example.org' })
		await createCampaign(db(), { ownerId: owner.id, slug: 'tom-swims', title: 'Tom swims the loch', goalMinor: 50_000 })
		for (let i = 0; i < 3; i++)
			expect((await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: `s${i}@example.com` }))).status).toBe(
				303,
			)
		const sofiaBusy = await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 's3@example.com' }))
		expect(sofiaBusy.status).toBe(429)
		expect(challengeIn(await sofiaBusy.text())).not.toBeNull()
		for (let i = 0; i < 2; i++)
			expect((await app.postForm('/f/tom-swims/donate', donorForm({ donorEmail: `t${i}@example.com` }))).status).toBe(
				303,
			)
		expect((await app.postForm('/f/tom-swims/donate', donorForm({ donorEmail: 't2@example.com' }))).status).toBe(429)
		expect((await app.postForm('/f/tom-swims/donate', donorForm({ donorEmail: 't3@example.com' }))).status).toBe(429)

		const alerts = await db().select().from(donationLimitAlerts)
		expect(alerts.map((a) => [a.signal, a.challengesIssued]).sort()).toEqual([
			['campaign_velocity', 1],
			['global_velocity', 2],
		])
		await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const cookie = await app.signIn('staff@example.org')
		const page = textOf(await (await app.get('/staff/payments', cookie)).text())
		expect(page).toContain('Donation limits')
		expect(page).toMatch(/Many donations started on one fundraiser Sofia runs for freedom/)
		expect(page).toContain('Many donations started across all fundraisers')
	})

	test('without JavaScript a donor past a limit is asked to wait briefly and press again, and the wait pass works once', async () => {
		resetTestEnv({ DONATION_CAMPAIGN_STARTS_PER_MINUTE: '1', DONATION_NOJS_WAIT_SECONDS: '600' })
		expect((await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'first@example.com' }))).status).toBe(
			303,
		)
		const asked = await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'nojs@example.com' }))
		expect(asked.status).toBe(429)
		const html = await asked.text()
		expect(html).toMatch(/<noscript>[^]*JavaScript[^]*<\/noscript>/)
		expect(textOf(html)).toContain('wait 10 minutes, then press “Continue to secure payment” again')
		const waitPass = waitPassIn(html)
		expect(waitPass).toBeTruthy()

		const tooSoon = await app.postForm(
			'/f/sofia-runs/donate',
			donorForm({ donorEmail: 'nojs@example.com', waitPass: waitPass! }),
		)
		expect(tooSoon.status).toBe(429)
		const soonHtml = await tooSoon.text()
		expect(textOf(soonHtml)).toContain('Please wait a little longer')
		// The same pass comes back, so the wait is not started again.
		expect(waitPassIn(soonHtml)).toBe(waitPass)

		resetTestEnv({ DONATION_CAMPAIGN_STARTS_PER_MINUTE: '1', DONATION_NOJS_WAIT_SECONDS: '0' })
		expect(
			(await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'nojs@example.com', waitPass: waitPass! })))
				.status,
		).toBe(303)
		expect(
			(await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'nojs2@example.com', waitPass: waitPass! })))
				.status,
		).toBe(429)
		const tampered = waitPass!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
		expect(
			(await app.postForm('/f/sofia-runs/donate', donorForm({ donorEmail: 'nojs3@example.com', waitPass: tampered })))
				.status,
		).toBe(429)
	})
})

describe('the thank-you page', () => {
	test('names the gift and the fee the donor added, and offers sharing and starting a fundraiser of their own', async () => {
		const donation = await pendingDonation({ amountMinor: 3000, coverFee: true })
		await deliver(event('checkout.session.completed', sessionObject(donation)))
		const html = await (await app.get(`/f/sofia-runs/thank-you?session_id=${donation.stripeCheckoutSessionId}`)).text()
		expect(textOf(html)).toContain(
			'Your gift of £30.00, plus £0.66 you added to cover the processing fee — £30.66 in all — to Sofia runs for freedom is confirmed.',
		)
		expect(html).toContain('id="share-heading"')
		expect(html).toMatch(/<a[^>]*href="\/start"[^>]*>[^<]*Start your own fundraiser/)
		expect(html).not.toContain('http-equiv="refresh"')
	})

	test('a gift without the fee is named alone', async () => {
		const donation = await pendingDonation({ amountMinor: 3000 })
		await deliver(event('checkout.session.completed', sessionObject(donation)))
		const html = await (await app.get(`/f/sofia-runs/thank-you?session_id=${donation.stripeCheckoutSessionId}`)).text()
		expect(textOf(html)).toContain('Your gift of £30.00 to Sofia runs for freedom is confirmed.')
	})

	test('without JavaScript a slow bank payment’s page refreshes itself while it processes, and stops once it is settled', async () => {
		const donation = await pendingDonation({ amountMinor: 3000, coverFee: true })
		const page = () =>
			app.get(`/f/sofia-runs/thank-you?session_id=${donation.stripeCheckoutSessionId}`).then((r) => r.text())
		expect(await page()).toMatch(/<noscript><meta http-equiv="refresh" content="\d+"\/><\/noscript>/)
		await deliver(event('checkout.session.completed', sessionObject(donation, { payment_status: 'unpaid' })))
		const processing = await page()
		expect(processing).toMatch(/<meta http-equiv="refresh"/)
		expect(textOf(processing)).toContain(
			'Your payment of £30.66 (your gift of £30.00 plus £0.66 towards the processing fee) is processing',
		)
		await deliver(event('checkout.session.async_payment_failed', sessionObject(donation, { payment_status: 'unpaid' })))
		const failed = await page()
		expect(failed).not.toContain('http-equiv="refresh"')
		expect(textOf(failed)).toContain("Your payment didn't go through")
	})
})

describe('Stripe webhooks', () => {
	test('a paid completion counts the gift once and queues the receipt and the fundraiser notice', async () => {
		const donation = await pendingDonation()
		const completed = event('checkout.session.completed', sessionObject(donation))
		expect((await deliver(completed)).status).toBe(200)
		expect(await statusOf(donation)).toBe('succeeded')
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
		const queued = await db().select().from(emails)
		expect(queued.map((e) => [e.template, e.toEmail]).sort()).toEqual([
			['donation-receipt', 'hannah@example.com'],
			['donation-received', 'sofia@example.org'],
			['first-donation', 'sofia@example.org'],
		])
		const receipt = queued.find((e) => e.template === 'donation-receipt')!
		expect(receipt.data).toMatchObject({ amountMinor: 2500, currency: 'GBP', campaignTitle: 'Sofia runs for freedom' })
		expect((receipt.data as { receiptNumber: string }).receiptNumber).toMatch(/^R-\d{8}-[0-9A-F]{8}$/)

		// The same event again, and a different event for the same payment: nothing changes.
		expect((await deliver(completed)).body).toMatchObject({ received: true, duplicate: true })
		expect((await deliver(event('checkout.session.completed', sessionObject(donation)))).status).toBe(200)
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
		expect(await db().select().from(moneyMovements)).toHaveLength(1)
		expect(await db().select().from(emails)).toHaveLength(3)
	})

	test('a transient failure answers 5xx and keeps nothing, so Stripe’s retry is counted once', async () => {
		const donation = await pendingDonation()
		const completed = event('checkout.session.completed', sessionObject(donation))
		// A real failure inside the transaction: the ledger table is briefly unavailable.
		await testDatabase().sql.executeSql('alter table money_movements rename to money_movements_unavailable')
		let failed: Awaited<ReturnType<typeof deliver>>
		try {
			failed = await deliver(completed)
		} finally {
			await testDatabase().sql.executeSql('alter table money_movements_unavailable rename to money_movements')
		}
		expect(failed.status).toBe(500)
		expect(await db().select().from(stripeEvents)).toHaveLength(0)
		expect(await statusOf(donation)).toBe('pending')
		expect((await deliver(completed)).status).toBe(200)
		expect((await deliver(completed)).body).toMatchObject({ duplicate: true })
		expect(await totals()).toEqual({ raised: 2500, donors: 1 })
	})

	test('a bad or stale signature gets 400 and changes nothing', async () => {
		const donation = await pendingDonation()
		const completed = event('checkout.session.completed', sessionObject(donation))
		const wrong = await deliver(completed, { secret: 'whsec_wrong' })
		expect(wrong, JSON.stringify(wrong)).toMatchObject({ status: 400 })
		expect((await deliver(completed, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(400)
		const unsigned = await fetch(`${app.origin}/webhooks/stripe`, { method: 'POST', body: JSON.stringify(completed) })
		expect(unsigned.status).toBe(400)
		expect(await statusOf(donation)).toBe('pending')
		expect(await db().select().from(stripeEvents)).toHaveLength(0)
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
	})

	test('an amount or currency that does not match is held for review, not counted', async () => {
		const donation = await pendingDonation()
		await deliver(event('checkout.session.completed', sessionObject(donation, { amount_total: 999_999 })))
		await deliver(event('checkout.session.completed', sessionObject(donation, { currency: 'usd' })))
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
		const held = await db().select().from(stripeEvents)
		expect(held.map((e) => e.outcome)).toEqual(['held_for_review', 'held_for_review'])
		expect(held.map((e) => e.note).join(' ')).toMatch(/amount 999999 does not match the expected 2500.*currency usd/)
	})

	test('a completion for an unknown donation is held for review', async () => {
		const result = await deliver(
			event('checkout.session.completed', {
				id: 'cs_unknown',
				amount_total: 100,
				currency: 'gbp',
				payment_status: 'paid',
				metadata: {},
			}),
		)
		expect(result.body).toMatchObject({ outcome: 'held_for_review' })
	})

	test('asynchronous payments wait, then succeed or fail; the success may arrive first', async () => {
		const slow = await pendingDonation()
		await deliver(event('checkout.session.completed', sessionObject(slow, { payment_status: 'unpaid' })))
		expect(await statusOf(slow)).toBe('processing')
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
		await deliver(event('checkout.session.async_payment_succeeded', sessionObject(slow)))
		expect(await statusOf(slow)).toBe('succeeded')

		const early = await pendingDonation({ amountMinor: 1000 })
		await deliver(event('checkout.session.async_payment_succeeded', sessionObject(early)))
		await deliver(event('checkout.session.completed', sessionObject(early, { payment_status: 'unpaid' })))
		expect(await statusOf(early)).toBe('succeeded')

		const failing = await pendingDonation({ amountMinor: 700 })
		await deliver(event('checkout.session.completed', sessionObject(failing, { payment_status: 'unpaid' })))
		await deliver(event('checkout.session.async_payment_failed', sessionObject(failing, { payment_status: 'unpaid' })))
		expect(await statusOf(failing)).toBe('failed')

		const abandoned = await pendingDonation({ amountMinor: 900 })
		await deliver(
			event('checkout.session.expired', sessionObject(abandoned, { status: 'expired', payment_status: 'unpaid' })),
		)
		expect(await statusOf(abandoned)).toBe('expired')

		expect(await totals()).toEqual({ raised: 3500, donors: 2 })
		expect((await listDonorWall(campaign.id)).map((d) => d.amountMinor).sort()).toEqual([1000, 2500])
	})

	test('partial and full refunds come off the total, whatever their order or repeats', async () => {
		const donation = await pendingDonation({ amountMinor: 4000 })
		await deliver(event('checkout.session.completed', sessionObject(donation)))
		const partial = event('charge.refunded', chargeObject(donation, 1000))
		await deliver(partial)
		await deliver(partial)
		expect(await totals()).toEqual({ raised: 3000, donors: 1 })
		await deliver(event('charge.refunded', chargeObject(donation, 4000)))
		// An older refund event arriving late changes nothing.
		await deliver(event('charge.refunded', chargeObject(donation, 1000)))
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
		const refunds = await db().select().from(moneyMovements).where(eq(moneyMovements.kind, 'refund'))
		expect(refunds.map((m) => m.amountMinor).sort((a, b) => a - b)).toEqual([-3000, -1000])
	})

	test('a refund before its completion is applied once the payment is recorded', async () => {
		const donation = await pendingDonation({ amountMinor: 2000 })
		const early = await deliver(event('charge.refunded', chargeObject(donation, 500)))
		expect(early.body).toMatchObject({ outcome: 'deferred' })
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
		await deliver(event('checkout.session.completed', sessionObject(donation)))
		expect(await totals()).toEqual({ raised: 1500, donors: 1 })
		const [deferred] = await db().select().from(stripeEvents).where(eq(stripeEvents.type, 'charge.refunded'))
		expect(deferred!.outcome).toBe('processed')
	})

	test('a refund of a donation whose donor covered the fee takes off exactly the gift', async () => {
		const donation = await pendingDonation({ amountMinor: 5000, coverFee: true })
		await deliver(event('checkout.session.completed', sessionObject(donation)))
		expect(await totals()).toEqual({ raised: 5000, donors: 1 })
		await deliver(event('charge.refunded', chargeObject(donation, donation.amountMinor + donation.coverFeeMinor)))
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
	})

	test('disputes take the money out when Stripe withdraws it; a won dispute puts it back, a lost one leaves it out', async () => {
		const won = await pendingDonation({ amountMinor: 3000 })
		const lost = await pendingDonation({ amountMinor: 1200 })
		for (const d of [won, lost]) await deliver(event('checkout.session.completed', sessionObject(d)))
		expect(await totals()).toEqual({ raised: 4200, donors: 2 })
		for (const d of [won, lost]) {
			await deliver(event('charge.dispute.created', disputeObject(d, 'needs_response')))
			await deliver(event('charge.dispute.funds_withdrawn', disputeObject(d, 'needs_response')))
		}
		expect(await totals()).toEqual({ raised: 0, donors: 0 })
		await deliver(event('charge.dispute.funds_reinstated', disputeObject(won, 'won')))
		await deliver(event('charge.dispute.closed', disputeObject(won, 'won')))
		await deliver(event('charge.dispute.closed', disputeObject(lost, 'lost')))
		expect(await totals()).toEqual({ raised: 3000, donors: 1 })
		expect([await statusOf(won), await statusOf(lost)]).toEqual(['dispute_won', 'dispute_lost'])
		expect(await findMoneyDrift()).toMatchObject({ drift: [] })
	})

	test('other event types are acknowledged and ignored', async () => {
		const result = await deliver(event('customer.created', { id: 'cus_1', object: 'customer' }))
		expect(result).toMatchObject({ status: 200, body: { outcome: 'ignored' } })
	})

	test('50 concurrent deliveries with duplicates in shuffled order end at exact totals with no drift', async () => {
		const gifts = [1000, 2500, 5000, 700, 1234, 9999]
		const pending = await Promise.all(
			gifts.map((amountMinor, i) => pendingDonation({ amountMinor, clientIp: `192.0.2.${i}` })),
		)
		const events: object[] = []
		for (const [i, d] of pending.entries()) {
			if (i === 5) {
				// Asynchronous payment that fails: never counted.
				events.push(event('checkout.session.completed', sessionObject(d, { payment_status: 'unpaid' })))
				events.push(event('checkout.session.async_payment_failed', sessionObject(d, { payment_status: 'unpaid' })))
				continue
			}
			events.push(event('checkout.session.completed', sessionObject(d, i === 4 ? { payment_status: 'unpaid' } : {})))
			if (i === 4) events.push(event('checkout.session.async_payment_succeeded', sessionObject(d)))
		}
		events.push(event('charge.refunded', chargeObject(pending[1]!, 500)))
		events.push(event('charge.refunded', chargeObject(pending[1]!, 2500)))
		events.push(event('charge.dispute.created', disputeObject(pending[2]!, 'needs_response')))
		events.push(event('charge.dispute.funds_withdrawn', disputeObject(pending[2]!, 'needs_response')))
		events.push(event('charge.dispute.funds_reinstated', disputeObject(pending[2]!, 'won')))
		events.push(event('charge.dispute.closed', disputeObject(pending[2]!, 'won')))
		events.push(event('charge.dispute.created', disputeObject(pending[3]!, 'needs_response')))
		events.push(event('charge.dispute.funds_withdrawn', disputeObject(pending[3]!, 'needs_response')))
		events.push(event('charge.dispute.closed', disputeObject(pending[3]!, 'lost')))
		// An inquiry that closes by itself moves nothing.
		events.push(event('charge.dispute.created', disputeObject(pending[0]!, 'warning_needs_response')))
		events.push(event('charge.dispute.closed', disputeObject(pending[0]!, 'warning_closed')))
		// Every event several times, then shuffled, up to 50 deliveries at once.
		const repeated: object[] = []
		while (repeated.length < 50) repeated.push(...events)
		repeated.length = 50
		// A failing order is replayed with TEST_SHUFFLE_SEED=<the seed in the message>.
		const seed = shuffleSeed()
		const replay = `shuffle seed ${seed} (replay with TEST_SHUFFLE_SEED=${seed})`
		const deliveries = seededShuffle(repeated, seed)
		const results = await Promise.all(deliveries.map((e) => deliver(e)))
		expect(
			results.every((r) => r.status === 200),
			replay,
		).toBe(true)
		// Donations 0 (1000, an inquiry closed), 2 (5000, dispute won), 4 (1234, async) count; 1 is fully refunded, 3 lost to a dispute, 5 failed.
		expect(await totals(), replay).toEqual({ raised: 1000 + 5000 + 1234, donors: 3 })
		expect(await findMoneyDrift(), replay).toMatchObject({ drift: [] })
		expect(await Promise.all(pending.map(statusOf)), replay).toEqual([
			'succeeded',
			'refunded',
			'dispute_won',
			'dispute_lost',
			'succeeded',
			'failed',
		])
	})
})

describe('reconciliation', () => {
	test('records a payment and a refund whose webhooks we never received, and is safe to run again', async () => {
		const stripe = await startStripeStandIn()
		try {
			resetTestEnv({ STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_API_BASE: stripe.apiBase })
			const started = await startDonation(donationInput({ amountMinor: 3000 }))
			if (!started.ok) throw new Error('could not start')
			const sessionId = started.donation.stripeCheckoutSessionId!
			stripe.completeSession(sessionId)
			const charge = stripe.refund(sessionId, 1000)
			// Only the refund's webhook reached us, before anything else: it waits.
			expect((await deliver(event('charge.refunded', charge))).body).toMatchObject({ outcome: 'deferred' })
			expect(await totals()).toEqual({ raised: 0, donors: 0 })

			const first = await reconcileStripe()
			expect(first.recorded).toBeGreaterThan(0)
			expect(await totals()).toEqual({ raised: 2000, donors: 1 })
			const again = await reconcileStripe()
			expect(again.recorded).toBe(0)
			expect(await totals()).toEqual({ raised: 2000, donors: 1 })
			expect(await findMoneyDrift()).toMatchObject({ drift: [] })
		} finally {
			await stripe.close()
		}
	})
})

describe('anonymity', () => {
	test('an anonymous donor’s name appears on no public page or notice, only to staff records', async () => {
		const donation = await pendingDonation({ donorName: 'Secret Sam', anonymous: true, message: 'Keep going' })
		await deliver(event('checkout.session.completed', sessionObject(donation)))
		const [wall] = await listDonorWall(campaign.id)
		expect(wall!.displayName).toBe('Anonymous')
		const page = await (await fetch(`${app.origin}/f/sofia-runs`)).text()
		expect(page).toContain('Anonymous')
		expect(page).not.toContain('Secret Sam')
		const [notice] = await db().select().from(emails).where(eq(emails.template, 'donation-received'))
		expect(JSON.stringify(notice!.data)).not.toContain('Secret Sam')
		const [row] = await db().select().from(donations).where(eq(donations.id, donation.id))
		expect(row!.donorName).toBe('Secret Sam')
	})
})
