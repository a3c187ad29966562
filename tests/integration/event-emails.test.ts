import { randomBytes } from 'node:crypto'
import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { releaseDueEmails } from '#app/email/sequences.server.ts'
import { unsubscribe } from '#app/email/preferences.server.ts'
import { queueEventJoinEmails } from '#app/events/event-emails.server.ts'
import { type NewEventInput } from '#app/events/events.server.ts'
import { db } from '#db/index.server.ts'
import { createPerson } from '#db/factories.server.ts'
import { campaigns, emails, eventRegistrations, teams, type Event, type Person } from '#db/schema.ts'
import { emailTemplates, type EmailTemplateData } from '#emails/index.ts'
import Stripe from 'stripe'
import { createOpenEvent } from '#tests/support/events.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

const day = 86_400_000
const minute = 60_000
let app: Awaited<ReturnType<typeof startHttpApp>>
let staff: Person
let eventRow: Event

beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

async function newEvent(overrides: Partial<NewEventInput> = {}) {
	return createOpenEvent(staff, { name: 'Polar Dip 2027', description: 'Run into the sea.', ...overrides })
}

beforeEach(async () => {
	staff = await createPerson(db(), { firstName: 'Sara', role: 'staff' })
	eventRow = await newEvent()
})

async function supporter(firstName: string) {
	const person = await createPerson(db(), {
		firstName,
		lastName: 'Tester',
		email: `${firstName.toLowerCase()}-${randomBytes(4).toString('hex')}@example.org`,
	})
	return { person, cookie: await app.signIn(person.email) }
}

async function join(who: { cookie: string }, fields: Record<string, string> = { team: 'alone' }, event = eventRow) {
	const response = await app.postForm(
		`/e/${event.slug}/join`,
		withFormToken({
			title: 'My polar dip for justice',
			story: 'I am running into the freezing sea to help stop sex trafficking.',
			goal: '250',
			...fields,
		}),
		{ cookie: who.cookie },
	)
	expect(response.status, await response.clone().text()).toBe(302)
}

async function pageOf(person: Person, event = eventRow) {
	const [row] = await db()
		.select({ id: eventRegistrations.campaignId })
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.personId, person.id)))
	return row!.id
}

const eventEmailsTo = (person: Person) =>
	db()
		.select()
		.from(emails)
		.where(and(eq(emails.personId, person.id), eq(emails.sequence, 'event')))

const byTemplate = async (person: Person) =>
	Object.fromEntries(
		(await eventEmailsTo(person)).map((e) => [
			e.template === 'event-reminder' ? `event-reminder-${(e.data as { daysBefore: number }).daysBefore}` : e.template,
			e,
		]),
	)

describe('event emails', () => {
	test('joining queues the confirmation now and schedules the reminders, thank-you and last push, each once', async () => {
		const ola = await supporter('Ola')
		await join(ola)
		const page = await pageOf(ola.person)
		const mail = await byTemplate(ola.person)
		expect(Object.keys(mail).sort()).toEqual([
			'event-joined',
			'event-last-push',
			'event-reminder-1',
			'event-reminder-7',
			'event-thank-you',
		])
		expect(mail['event-joined']!.status).toBe('queued')
		const starts = eventRow.startsAt.getTime()
		expect(mail['event-reminder-7']).toMatchObject({ status: 'scheduled', sendAfter: new Date(starts - 7 * day) })
		expect(mail['event-reminder-1']).toMatchObject({ status: 'scheduled', sendAfter: new Date(starts - day) })
		expect(mail['event-thank-you']).toMatchObject({ status: 'scheduled', sendAfter: new Date(starts + day) })
		expect(mail['event-last-push']!.status).toBe('scheduled')
		expect(mail['event-last-push']!.sendAfter!.getTime()).toBeGreaterThan(starts + day)
		for (const e of Object.values(mail)) expect(e.category).toBe('coaching')

		// The same cause again (a retried job, a second publish) queues nothing more.
		await db().transaction((tx) => queueEventJoinEmails(tx, page))
		expect(await eventEmailsTo(ola.person)).toHaveLength(5)

		// What the confirmation says: the event, their page, share links and three tips from the guide.
		const data = mail['event-joined']!.data as EmailTemplateData['event-joined']
		const rendered = emailTemplates['event-joined'](data, { charity: getCharity(), appUrl: getEnv().APP_URL })
		expect(rendered.subject).toBe('You’re in: Polar Dip 2027')
		expect(rendered.text).toContain('Portobello Beach')
		expect(rendered.text).toContain(`/f/${data.campaignSlug}`)
		expect(rendered.text).toContain('https://wa.me/?text=')
		for (const tip of [
			'Make the first donation yourself',
			'Ask five people who love you first',
			'Thank every donor within a day',
		])
			expect(rendered.text).toContain(tip)
	})

	test('the reminders are released a week and a day before the event, the thank-you after it with the page’s total', async () => {
		const ola = await supporter('Ola')
		await join(ola)
		const page = await pageOf(ola.person)
		const starts = eventRow.startsAt.getTime()
		const statusOf = async (key: string) => (await byTemplate(ola.person))[key]!.status

		await releaseDueEmails(new Date(starts - 7 * day - minute))
		expect(await statusOf('event-reminder-7')).toBe('scheduled')
		await releaseDueEmails(new Date(starts - 7 * day + minute))
		expect(await statusOf('event-reminder-7')).toBe('queued')
		expect(await statusOf('event-reminder-1')).toBe('scheduled')
		await releaseDueEmails(new Date(starts - day + minute))
		expect(await statusOf('event-reminder-1')).toBe('queued')
		expect(await statusOf('event-thank-you')).toBe('scheduled')

		// The thank-you carries the total as it is when it goes, not when they joined.
		await db().update(campaigns).set({ raisedMinor: 12_345, donorCount: 4 }).where(eq(campaigns.id, page))
		await releaseDueEmails(new Date(starts + day + minute))
		const thanks = (await byTemplate(ola.person))['event-thank-you']!
		expect(thanks.status).toBe('queued')
		expect(thanks.data).toMatchObject({ raisedMinor: 12_345, donorCount: 4 })
		expect(await statusOf('event-last-push')).toBe('scheduled')
	})

	test('someone joining three days before gets no “one week to go”', async () => {
		const soon = await newEvent({
			startsAt: new Date(Date.now() + 3 * day),
			registrationClosesAt: new Date(Date.now() + 2 * day),
		})
		const ola = await supporter('Ola')
		await join(ola, { team: 'alone' }, soon)
		const mail = await byTemplate(ola.person)
		expect(mail['event-reminder-7']).toBeUndefined()
		expect(mail['event-reminder-1']!.status).toBe('scheduled')
	})

	test('the captain hears once when someone joins the team, and never about themselves', async () => {
		const cara = await supporter('Cara')
		await join(cara, { team: 'start', teamName: 'The Icebergs', teamGoal: '1000' })
		const [team] = await db().select().from(teams).where(eq(teams.eventId, eventRow.id))
		expect((await byTemplate(cara.person))['team-member-joined']).toBeUndefined()
		const dana = await supporter('Dana')
		await join(dana, { team: 'join', teamId: team!.id })
		const notices = (await eventEmailsTo(cara.person)).filter((e) => e.template === 'team-member-joined')
		expect(notices).toHaveLength(1)
		expect(notices[0]).toMatchObject({ status: 'queued', toEmail: cara.person.email })
		expect(notices[0]!.data).toMatchObject({ memberName: 'Dana Tester', teamName: 'The Icebergs' })
		await db().transaction(async (tx) => queueEventJoinEmails(tx, await pageOf(dana.person)))
		expect((await eventEmailsTo(cara.person)).filter((e) => e.template === 'team-member-joined')).toHaveLength(1)
	})

	test('people who unsubscribed get no event email, before or after joining', async () => {
		const ola = await supporter('Ola')
		await unsubscribe(ola.person.email, 'coaching')
		await join(ola)
		const before = await eventEmailsTo(ola.person)
		expect(before.length).toBeGreaterThan(0)
		expect(before.every((e) => e.status === 'cancelled')).toBe(true)

		const finn = await supporter('Finn')
		await join(finn)
		await unsubscribe(finn.person.email, 'all')
		await releaseDueEmails(new Date(eventRow.startsAt.getTime() + 60 * day))
		const after = await eventEmailsTo(finn.person)
		expect(after.filter((e) => e.template !== 'event-joined').every((e) => e.status === 'cancelled')).toBe(true)
	})

	test('a fee-paying participant is welcomed once, when the fee is paid', async () => {
		const feeEvent = await newEvent({ registrationFeeMinor: 1500 })
		const ola = await supporter('Ola')
		await join(ola, { team: 'alone' }, feeEvent)
		expect(await eventEmailsTo(ola.person)).toEqual([])
		const [registration] = await db()
			.select()
			.from(eventRegistrations)
			.where(eq(eventRegistrations.personId, ola.person.id))
		const session = {
			id: `cs_${randomBytes(8).toString('hex')}`,
			object: 'checkout.session',
			amount_total: 1500,
			currency: 'gbp',
			payment_intent: `pi_${randomBytes(8).toString('hex')}`,
			payment_status: 'paid',
			metadata: { purpose: 'registration_fee', registration_id: registration!.id },
		}
		const stripeSdk = new Stripe('sk_test_signing_only')
		for (const id of ['evt_a', 'evt_b']) {
			const payload = JSON.stringify({
				id: `${id}_${randomBytes(4).toString('hex')}`,
				type: 'checkout.session.completed',
				data: { object: session },
			})
			const signature = stripeSdk.webhooks.generateTestHeaderString({ payload, secret: getEnv().STRIPE_WEBHOOK_SECRET })
			const response = await fetch(`${app.origin}/webhooks/stripe`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'stripe-signature': signature },
				body: payload,
			})
			expect(response.status).toBe(200)
		}
		const joined = (await eventEmailsTo(ola.person)).filter((e) => e.template === 'event-joined')
		expect(joined).toHaveLength(1)
		expect(
			await db()
				.select()
				.from(emails)
				.where(like(emails.causeKey, `event-reminder-%:${registration!.campaignId}`)),
		).toHaveLength(2)
	})
})
