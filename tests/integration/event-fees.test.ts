import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getEnv } from '#app/config/env.server.ts'
import { findMoneyDrift } from '#app/donations/ledger.server.ts'
import { reconcileStripe } from '#app/donations/reconcile.server.ts'
import { readEventTotals } from '#app/events/totals.server.ts'
import { db } from '#db/index.server.ts'
import { createPerson } from '#db/factories.server.ts'
import {
	auditLog,
	campaigns,
	disputes,
	emails,
	eventRegistrations,
	moneyMovements,
	stripeEvents,
	type Event,
	type EventRegistration,
	type Person,
} from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { createOpenEvent } from '#tests/support/events.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'
import { seededShuffle, shuffleSeed } from '#tests/support/seeded-shuffle.ts'
import { startStripeStandIn } from '#tests/support/stripe-standin.ts'

const stripeSdk = new Stripe('sk_test_signing_only')
const FEE = 1500
let app: Awaited<ReturnType<typeof startHttpApp>>
let staff: Person
let staffCookie: string
let stripe: Awaited<ReturnType<typeof startStripeStandIn>> | null = null

beforeAll(async () => {
	app = await startHttpApp()
})
beforeEach(async () => {
	staff = await createPerson(db(), {
		firstName: 'Sara',
		lastName: 'Staff',
		role: 'staff',
		email: `sara-${randomBytes(4).toString('hex')}@example.org`,
	})
	staffCookie = await app.signIn(staff.email)
})
afterAll(async () => {
	await app?.close()
})
afterEach(async () => {
	resetTestEnv()
	await stripe?.close()
	stripe = null
})

const rid = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`

/** Real Stripe keys, pointed at the local stand-in. */
async function withStripe() {
	stripe = await startStripeStandIn()
	resetTestEnv({ STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_API_BASE: stripe.apiBase })
	return stripe
}

async function feeEvent(): Promise<Event> {
	return createOpenEvent(staff, { registrationFeeMinor: FEE })
}

/** A supporter signs in and joins the fee-paying event through the join form. */
async function joined(event: Event) {
	const person = await createPerson(db(), {
		firstName: 'Ola',
		lastName: 'Dipper',
		email: `ola-${randomBytes(4).toString('hex')}@example.org`,
	})
	const cookie = await app.signIn(person.email)
	const response = await app.postForm(
		`/e/${event.slug}/join`,
		withFormToken({
			title: 'My dip',
			story: 'Into the cold sea for justice, because it matters.',
			goal: '250',
			team: 'alone',
		}),
		{ cookie },
	)
	expect(response.status, await response.clone().text()).toBe(302)
	return { person, cookie, registration: await registrationOf(event, person) }
}

async function registrationOf(event: Event, person: Person): Promise<EventRegistration> {
	const [row] = await db()
		.select()
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.personId, person.id)))
	return row!
}

async function reload(registration: EventRegistration): Promise<EventRegistration> {
	const [row] = await db().select().from(eventRegistrations).where(eq(eventRegistrations.id, registration.id))
	return row!
}

const pageStatus = async (registration: EventRegistration) =>
	(await db().select().from(campaigns).where(eq(campaigns.id, registration.campaignId)))[0]!

async function deliver(evt: object) {
	const payload = JSON.stringify(evt)
	const signature = stripeSdk.webhooks.generateTestHeaderString({ payload, secret: getEnv().STRIPE_WEBHOOK_SECRET })
	const response = await fetch(`${app.origin}/webhooks/stripe`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signature },
		body: payload,
	})
	return { status: response.status, body: (await response.json()) as unknown }
}

const feeMetadata = (registration: EventRegistration) => ({
	purpose: 'registration_fee',
	registration_id: registration.id,
	event_id: registration.eventId,
	campaign_id: registration.campaignId,
})

function feeSession(registration: EventRegistration, paymentIntent: string, paid = true) {
	return {
		id: rid('cs'),
		object: 'checkout.session',
		amount_total: FEE,
		currency: 'gbp',
		payment_intent: paymentIntent,
		payment_status: paid ? 'paid' : 'unpaid',
		metadata: feeMetadata(registration),
	}
}

function feeCharge(registration: EventRegistration, paymentIntent: string, refunded: number, withMetadata = true) {
	return {
		id: `ch_for_${paymentIntent}`,
		object: 'charge',
		amount: FEE,
		amount_refunded: refunded,
		currency: 'gbp',
		payment_intent: paymentIntent,
		metadata: withMetadata ? feeMetadata(registration) : {},
	}
}

const event = (type: string, object: object) => ({ id: rid('evt'), type, data: { object } })

async function movementsOf(registration: EventRegistration) {
	return db().select().from(moneyMovements).where(eq(moneyMovements.campaignId, registration.campaignId))
}

async function liveEmails(registration: EventRegistration) {
	return db()
		.select()
		.from(emails)
		.where(and(eq(emails.campaignId, registration.campaignId), eq(emails.template, 'campaign-live')))
}

/** The fee is event income: no movement, no total, no donor, and money:check finds nothing to say. */
async function expectFeeOutsideEveryTotal(eventRow: Event, registration: EventRegistration) {
	expect(await movementsOf(registration)).toEqual([])
	expect((await pageStatus(registration)).raisedMinor).toBe(0)
	expect(await readEventTotals(eventRow.id)).toMatchObject({ raisedMinor: 0, donorCount: 0 })
	const check = await findMoneyDrift()
	expect(check.drift).toEqual([])
	expect(check.rollupDrift).toEqual([])
}

/** With Stripe keys (the stand-in): a supporter joins a fee-paying event and pays through Checkout. */
async function paidThroughStripe() {
	const standIn = await withStripe()
	const eventRow = await feeEvent()
	const { cookie, registration } = await joined(eventRow)
	await app.postForm(`/e/${eventRow.slug}/fee`, withFormToken({}), { cookie })
	const session = standIn.completeSession([...standIn.sessions.keys()][0]!)
	await deliver(event('checkout.session.completed', session))
	return { standIn, eventRow, cookie, registration, session }
}

describe('registration fees', () => {
	test('paying the fee through Stripe Checkout records it on the registration and puts the page live', async () => {
		const standIn = await withStripe()
		const eventRow = await feeEvent()
		const { cookie, registration } = await joined(eventRow)
		expect(registration.status).toBe('awaiting_fee')
		expect((await pageStatus(registration)).status).toBe('draft')

		const fields = withFormToken({})
		const started = await app.postForm(`/e/${eventRow.slug}/fee`, fields, { cookie })
		expect(started.status).toBe(303)
		expect(started.headers.get('location')).toMatch(/^https:\/\/checkout\.stripe\.com\//)
		// A resent form reopens the same session: Stripe sees the same idempotency key.
		await app.postForm(`/e/${eventRow.slug}/fee`, fields, { cookie })
		const creates = standIn.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST')
		expect(creates).toHaveLength(2)
		expect(creates[0]!.headers['idempotency-key']).toBe(`registration-fee-${registration.id}-${fields.formToken}`)
		expect(creates[1]!.headers['idempotency-key']).toBe(creates[0]!.headers['idempotency-key'])
		expect(standIn.sessions.size).toBe(1)
		expect(creates[0]!.form).toMatchObject({
			'line_items[0][price_data][unit_amount]': String(FEE),
			'line_items[0][price_data][currency]': 'gbp',
			'metadata[purpose]': 'registration_fee',
			'metadata[registration_id]': registration.id,
			'payment_intent_data[metadata][purpose]': 'registration_fee',
		})

		const session = standIn.completeSession([...standIn.sessions.keys()][0]!)
		expect((await deliver(event('checkout.session.completed', session))).status).toBe(200)
		const paid = await reload(registration)
		expect(paid).toMatchObject({
			status: 'paid',
			feeMinor: FEE,
			currency: 'GBP',
			stripePaymentIntentId: session.payment_intent,
			stripeCheckoutSessionId: session.id,
		})
		expect(paid.feePaidAt).toBeInstanceOf(Date)
		expect((await pageStatus(registration)).status).toBe('active')
		expect(await liveEmails(registration)).toHaveLength(1)
		await expectFeeOutsideEveryTotal(eventRow, registration)
		const page = await fetch(`${app.origin}/e/${eventRow.slug}/fee`, { headers: { cookie } })
		expect(await page.text()).toContain('your page is live')
	})

	test('counts a fee once when Stripe duplicates and reorders its events', async () => {
		const eventRow = await feeEvent()
		const { registration } = await joined(eventRow)
		const pi = rid('pi')
		const completed = event('checkout.session.completed', feeSession(registration, pi))
		const deliveries = [
			completed,
			completed,
			event('checkout.session.completed', feeSession(registration, pi)),
			event('checkout.session.async_payment_succeeded', feeSession(registration, pi)),
			event('checkout.session.completed', { ...feeSession(registration, pi, false), payment_status: 'unpaid' }),
		]
		const seed = shuffleSeed()
		const results = await Promise.all(seededShuffle(deliveries, seed).map((d) => deliver(d)))
		expect(
			results.map((r) => r.status),
			`seed ${seed}`,
		).toEqual([200, 200, 200, 200, 200])
		expect(await reload(registration), `seed ${seed}`).toMatchObject({ status: 'paid', stripePaymentIntentId: pi })
		expect(await liveEmails(registration), `seed ${seed}`).toHaveLength(1)
		await expectFeeOutsideEveryTotal(eventRow, registration)

		// A second, different payment for a paid fee is held for a person, never applied.
		const other = event('checkout.session.completed', feeSession(registration, rid('pi')))
		await deliver(other)
		const [held] = await db().select().from(stripeEvents).where(eq(stripeEvents.id, other.id))
		expect(held!.outcome).toBe('held_for_review')
	})

	test('a fee refund that arrives before its payment waits for it, and is never taken for a donation refund', async () => {
		const eventRow = await feeEvent()
		const { registration } = await joined(eventRow)
		const pi = rid('pi')
		const refund = event('charge.refunded', feeCharge(registration, pi, FEE))
		expect((await deliver(refund)).status).toBe(200)
		const [deferred] = await db().select().from(stripeEvents).where(eq(stripeEvents.id, refund.id))
		expect(deferred!.outcome).toBe('deferred')
		await deliver(event('checkout.session.completed', feeSession(registration, pi)))
		const row = await reload(registration)
		expect(row).toMatchObject({ status: 'fee_refunded', feeRefundedMinor: FEE })
		expect(row.feeRefundedAt).toBeInstanceOf(Date)
		await expectFeeOutsideEveryTotal(eventRow, registration)
	})

	test('staff refund a fee through Stripe once; the charge.refunded webhook marks it refunded', async () => {
		const { standIn, eventRow, cookie, registration, session } = await paidThroughStripe()
		const refundPath = `/staff/events/${eventRow.id}/registrations/${registration.id}/refund`

		// Only staff may refund.
		expect(
			(await app.postForm(refundPath, { amount: '15', refundedBefore: '0', reason: 'nope' }, { cookie })).status,
		).toBe(403)
		expect(standIn.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(0)

		// The event report lists the paid fee with the way to its refund page.
		const report = await (
			await fetch(`${app.origin}/staff/events/${eventRow.id}`, { headers: { cookie: staffCookie } })
		).text()
		expect(report).toContain('Registration fees paid')
		expect(report).toContain(`href="${refundPath}"`)

		const form = await fetch(app.origin + refundPath, { headers: { cookie: staffCookie } })
		expect(form.status).toBe(200)
		expect(await form.text()).toContain('Fee paid')
		const formFields = { amount: '15.00', refundedBefore: '0' }
		const refunded = await app.postForm(
			refundPath,
			{ ...formFields, reason: 'Cannot attend: injured' },
			{ cookie: staffCookie },
		)
		expect(refunded.status).toBe(303)
		// A second press asks Stripe with the same idempotency key: one refund at Stripe.
		await app.postForm(refundPath, { ...formFields, reason: 'again' }, { cookie: staffCookie })
		const asked = standIn.requests.filter((r) => r.path === '/v1/refunds' && r.method === 'POST')
		expect(asked.length).toBeGreaterThanOrEqual(1)
		expect(new Set(asked.map((r) => r.headers['idempotency-key']))).toEqual(
			new Set([`registration-fee-refund-${registration.id}-${FEE}`]),
		)
		expect(asked[0]!.form).toMatchObject({ payment_intent: session.payment_intent, amount: String(FEE) })
		const audits = await db().select().from(auditLog).where(eq(auditLog.subjectId, registration.id))
		expect(audits.map((a) => [a.action, a.actorId, a.reason])).toContainEqual([
			'event.registration_fee_refunded',
			staff.id,
			'Cannot attend: injured',
		])

		// Stripe's charge.refunded (even without our metadata) is recognised by its payment as the fee's.
		const charge = standIn.charges.get(`ch_for_${session.payment_intent}`)!
		expect(charge.amount_refunded).toBe(FEE)
		expect((await deliver(event('charge.refunded', { ...charge, metadata: {} }))).status).toBe(200)
		const row = await reload(registration)
		expect(row).toMatchObject({ status: 'fee_refunded', feeRefundedMinor: FEE })
		await expectFeeOutsideEveryTotal(eventRow, registration)
		// The page stays live after a refund.
		expect((await pageStatus(registration)).status).toBe('active')
	})

	test('reconciliation records a fee payment and its refund whose webhooks never arrived', async () => {
		const standIn = await withStripe()
		const eventRow = await feeEvent()
		const { cookie, registration } = await joined(eventRow)
		await app.postForm(`/e/${eventRow.slug}/fee`, withFormToken({}), { cookie })
		const sessionId = [...standIn.sessions.keys()][0]!
		standIn.completeSession(sessionId)
		expect((await reconcileStripe()).recorded).toBe(1)
		expect(await reload(registration)).toMatchObject({ status: 'paid' })
		expect((await pageStatus(registration)).status).toBe('active')
		standIn.refund(sessionId, FEE)
		await reconcileStripe()
		expect(await reload(registration)).toMatchObject({ status: 'fee_refunded', feeRefundedMinor: FEE })
		await expectFeeOutsideEveryTotal(eventRow, registration)
	})

	test('without Stripe keys the test checkout pays the fee and a staff refund comes back through the webhook', async () => {
		const eventRow = await feeEvent()
		const { cookie, registration } = await joined(eventRow)
		const started = await app.postForm(`/e/${eventRow.slug}/fee`, withFormToken({}), { cookie })
		expect(started.status).toBe(303)
		const checkoutPath = started.headers.get('location')!
		expect(checkoutPath).toMatch(/^\/test-checkout\/cs_test_local_/)
		const checkout = await fetch(app.origin + checkoutPath, { headers: { cookie } })
		const html = await checkout.text()
		expect(html).toContain(`Registration fee: ${eventRow.name}`)
		expect(html).toContain('£15.00')
		const paid = await app.postForm(checkoutPath, { outcome: 'succeeds' }, { cookie })
		expect(paid.status).toBe(303)
		expect(paid.headers.get('location')).toContain(`/e/${eventRow.slug}/fee?session_id=`)
		expect((await reload(registration)).status).toBe('paid')
		expect((await pageStatus(registration)).status).toBe('active')

		const refundPath = `/staff/events/${eventRow.id}/registrations/${registration.id}/refund`
		const form = { amount: '15', refundedBefore: '0', reason: '' }
		expect((await app.postForm(refundPath, form, { cookie: staffCookie })).status).toBe(303)
		const row = await reload(registration)
		expect(row).toMatchObject({ status: 'fee_refunded', feeRefundedMinor: FEE })
		// The same form sent again is the refund already made: done, and nothing more is refunded.
		expect((await app.postForm(refundPath, form, { cookie: staffCookie })).status).toBe(303)
		expect(await reload(registration)).toMatchObject({ feeRefundedMinor: FEE })
		// Refunding more is refused, not a 500.
		const again = await app.postForm(refundPath, { ...form, refundedBefore: String(FEE) }, { cookie: staffCookie })
		expect(again.status).toBe(400)
		expect(await again.text()).toContain('The whole fee has been refunded already')
		await expectFeeOutsideEveryTotal(eventRow, registration)
	})

	test('staff refund part of a fee, then the rest; never more than is left, and a resent form refunds once', async () => {
		const { standIn, eventRow, registration, session } = await paidThroughStripe()
		const refundPath = `/staff/events/${eventRow.id}/registrations/${registration.id}/refund`
		const asked = () => standIn.requests.filter((r) => r.path === '/v1/refunds' && r.method === 'POST')
		const chargeNow = () => standIn.charges.get(`ch_for_${session.payment_intent}`)!

		// The form offers the whole fee by default.
		const page = await (await fetch(app.origin + refundPath, { headers: { cookie: staffCookie } })).text()
		expect(page).toMatch(/name="amount"[^>]*value="15"|value="15"[^>]*name="amount"/)

		// More than the fee, nothing, or not an amount: refused beside the field, nothing asked of Stripe.
		for (const [amount, message] of [
			['15.01', 'Only £15.00 of the fee is left to refund'],
			['0', 'The refund must be more than nothing'],
			['five', 'Enter the amount as a number'],
		] as const) {
			const refused = await app.postForm(refundPath, { amount, refundedBefore: '0' }, { cookie: staffCookie })
			expect(refused.status, amount).toBe(400)
			const html = await refused.text()
			expect(html, amount).toContain(message)
			expect(html, amount).toMatch(/id="[^"]*amount-error"[^>]*>.*field-error/s)
		}
		expect(asked()).toHaveLength(0)

		const part = { amount: '5', refundedBefore: '0', reason: 'Half-price for a volunteer' }
		expect((await app.postForm(refundPath, part, { cookie: staffCookie })).status).toBe(303)
		expect(asked().at(-1)!.form).toMatchObject({ amount: '500' })
		expect(asked().at(-1)!.headers['idempotency-key']).toBe(`registration-fee-refund-${registration.id}-500`)
		await deliver(event('charge.refunded', chargeNow()))
		expect(await reload(registration)).toMatchObject({ status: 'paid', feeRefundedMinor: 500 })

		// The same form again, after Stripe's webhook: that refund is made, so nothing more is asked.
		expect((await app.postForm(refundPath, part, { cookie: staffCookie })).status).toBe(303)
		expect(asked()).toHaveLength(1)
		expect(chargeNow().amount_refunded).toBe(500)

		// What is left now: £10.
		const tooMuch = await app.postForm(refundPath, { amount: '10.50', refundedBefore: '500' }, { cookie: staffCookie })
		expect(tooMuch.status).toBe(400)
		expect(await tooMuch.text()).toContain('Only £10.00 of the fee is left to refund')

		const rest = { amount: '10', refundedBefore: '500', reason: 'Could not come after all' }
		expect((await app.postForm(refundPath, rest, { cookie: staffCookie })).status).toBe(303)
		expect(asked().at(-1)!.headers['idempotency-key']).toBe(`registration-fee-refund-${registration.id}-${FEE}`)
		expect(chargeNow().amount_refunded).toBe(FEE)
		await deliver(event('charge.refunded', chargeNow()))
		expect(await reload(registration)).toMatchObject({ status: 'fee_refunded', feeRefundedMinor: FEE })

		const audits = await db().select().from(auditLog).where(eq(auditLog.subjectId, registration.id))
		expect(audits.map((a) => [a.reason, (a.data as { amountMinor: number }).amountMinor])).toEqual([
			['Half-price for a volunteer', 500],
			['Could not come after all', 1000],
		])
		await expectFeeOutsideEveryTotal(eventRow, registration)
	})

	test('a dispute of a fee is recorded for staff as a fee dispute and never touches the money record', async () => {
		const eventRow = await feeEvent()
		const { registration } = await joined(eventRow)
		const pi = rid('pi')
		const dispute = (status: string) => ({
			id: `dp_for_${pi}`,
			object: 'dispute',
			amount: FEE,
			currency: 'gbp',
			payment_intent: pi,
			status,
			reason: 'fraudulent',
			metadata: {},
		})
		// Before its payment is recorded it waits, like a refund; the payment brings it in (never deferred for good).
		const early = event('charge.dispute.created', dispute('needs_response'))
		expect((await deliver(early)).status).toBe(200)
		const outcomeOf = async (id: string) => (await db().select().from(stripeEvents).where(eq(stripeEvents.id, id)))[0]!
		expect((await outcomeOf(early.id)).outcome).toBe('deferred')
		await deliver(event('checkout.session.completed', feeSession(registration, pi)))
		expect(await outcomeOf(early.id)).toMatchObject({
			outcome: 'processed',
			note: 'registration fee dispute needs_response',
		})

		const later = [
			event('charge.dispute.funds_withdrawn', dispute('needs_response')),
			event('charge.dispute.closed', dispute('lost')),
			event('charge.dispute.updated', dispute('under_review')),
		]
		for (const evt of later) expect((await deliver(evt)).status).toBe(200)
		for (const evt of later) expect((await outcomeOf(evt.id)).outcome).toBe('processed')
		// No donation dispute, no movement, the registration as it was.
		expect(await db().select().from(disputes)).toEqual([])
		expect(await reload(registration)).toMatchObject({ status: 'paid', feeRefundedMinor: 0 })
		await expectFeeOutsideEveryTotal(eventRow, registration)

		// Staff → Payments shows it, labelled as a registration fee, at the furthest status Stripe reported.
		const html = await (await fetch(`${app.origin}/staff/payments`, { headers: { cookie: staffCookie } })).text()
		const row = html.slice(html.indexOf(`dp_for_${pi}`), html.indexOf('</tr>', html.indexOf(`dp_for_${pi}`)))
		expect(row).toContain('Registration fee')
		expect(row).toContain('Ola Dipper')
		expect(row).toContain('>Lost<')
		expect(row).toContain('£15.00')
	})
})
