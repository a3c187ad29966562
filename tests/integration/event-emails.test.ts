import { randomBytes } from 'node:crypto'
import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { saveCampaignDetails } from '#app/campaigns/manage.server.ts'
import { recordSucceededDonation } from '#app/donations/webhooks.server.ts'
import { releaseDueEmails } from '#app/email/sequences.server.ts'
import { unsubscribe } from '#app/email/preferences.server.ts'
import { queueEventJoinEmails } from '#app/events/event-emails.server.ts'
import { type NewEventInput } from '#app/events/events.server.ts'
import { changeTeam } from '#app/events/join.server.ts'
import { eventWhen } from '#app/events/kinds.ts'
import { updateEventForStaff } from '#app/staff/events-admin.server.ts'
import { db } from '#db/index.server.ts'
import { createPerson } from '#db/factories.server.ts'
import { campaigns, donations, emails, eventRegistrations, events, teams, type Event, type Person } from '#db/schema.ts'
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

/** Staff move the event to a new date through the edit form's save (registration closes by then at the latest). */
async function moveEvent(event: Event, startsAt: Date) {
	const [current] = await db().select().from(events).where(eq(events.id, event.id))
	const { id: _id, slug: _slug, state: _state, featured: _featured, coverImage, ...fields } = current!
	const closes = new Date(Math.min(current!.registrationClosesAt.getTime(), startsAt.getTime()))
	const details = { ...fields, coverImage: coverImage ?? undefined, startsAt, registrationClosesAt: closes }
	expect(await updateEventForStaff(event.id, details, staff)).toEqual({ ok: true })
}

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

	test('moving into a team by changing team tells its captain once, as joining with it does', async () => {
		const cara = await supporter('Cara')
		await join(cara, { team: 'start', teamName: 'The Icebergs', teamGoal: '1000' })
		const [team] = await db().select().from(teams).where(eq(teams.eventId, eventRow.id))
		const dana = await supporter('Dana')
		await join(dana)
		const notices = async () => (await eventEmailsTo(cara.person)).filter((e) => e.template === 'team-member-joined')
		expect(await notices()).toHaveLength(0)

		const page = await pageOf(dana.person)
		expect(await changeTeam(page, dana.person, team!.id)).toEqual({ ok: true })
		const [notice] = await notices()
		expect(notice).toMatchObject({ status: 'queued', toEmail: cara.person.email, category: 'coaching' })
		expect(notice!.data).toMatchObject({ memberName: 'Dana Tester', teamName: 'The Icebergs' })

		// Out and back in is the same cause: the captain already knows.
		expect(await changeTeam(page, dana.person, null)).toEqual({ ok: true })
		expect(await changeTeam(page, dana.person, team!.id)).toEqual({ ok: true })
		expect(await notices()).toHaveLength(1)
	})

	test('a captain who turned off tips is not told of a member who moved in', async () => {
		const cara = await supporter('Cara')
		await join(cara, { team: 'start', teamName: 'The Icebergs', teamGoal: '1000' })
		const [team] = await db().select().from(teams).where(eq(teams.eventId, eventRow.id))
		await unsubscribe(cara.person.email, 'coaching')
		const dana = await supporter('Dana')
		await join(dana)
		await changeTeam(await pageOf(dana.person), dana.person, team!.id)
		const notices = (await eventEmailsTo(cara.person)).filter((e) => e.template === 'team-member-joined')
		expect(notices.map((e) => e.status)).toEqual(['cancelled'])
	})

	test('changing the event’s date moves the timed emails that have not gone, and never sends one twice', async () => {
		const ola = await supporter('Ola')
		await join(ola)
		const page = await pageOf(ola.person)
		const starts = eventRow.startsAt.getTime()
		// The week-before reminder has gone; the rest wait.
		await releaseDueEmails(new Date(starts - 7 * day + minute))
		expect((await byTemplate(ola.person))['event-reminder-7']!.status).toBe('queued')

		const later = starts + 14 * day
		await moveEvent(eventRow, new Date(later))
		const [moved] = await db().select({ endsOn: campaigns.endsOn }).from(campaigns).where(eq(campaigns.id, page))
		const mail = await byTemplate(ola.person)
		// Sent already: stays sent, and is not queued again for the new date.
		expect(mail['event-reminder-7']!.status).toBe('queued')
		expect(mail['event-reminder-7']!.sendAfter).toEqual(new Date(starts - 7 * day))
		expect(mail['event-reminder-1']).toMatchObject({ status: 'scheduled', sendAfter: new Date(later - day) })
		expect(mail['event-thank-you']).toMatchObject({ status: 'scheduled', sendAfter: new Date(later + day) })
		expect(mail['event-last-push']).toMatchObject({
			status: 'scheduled',
			sendAfter: new Date(new Date(`${moved!.endsOn}T23:59:59Z`).getTime() - 3 * day),
		})
		// What they say follows the event too.
		const [saved] = await db().select().from(events).where(eq(events.id, eventRow.id))
		expect(mail['event-reminder-1']!.data).toMatchObject({ eventWhen: eventWhen(saved!, getCharity().locale) })
		expect(await eventEmailsTo(ola.person)).toHaveLength(5)

		// Released at the new times, not the old ones.
		await releaseDueEmails(new Date(starts - day + minute))
		expect((await byTemplate(ola.person))['event-reminder-1']!.status).toBe('scheduled')
		await releaseDueEmails(new Date(later - day + minute))
		expect((await byTemplate(ola.person))['event-reminder-1']!.status).toBe('queued')
		expect((await byTemplate(ola.person))['event-thank-you']!.status).toBe('scheduled')
	})

	test('an event brought forward stops a reminder whose time has passed, and a later move brings it back', async () => {
		const ola = await supporter('Ola')
		await join(ola)
		const soon = Date.now() + 3 * day
		await moveEvent(eventRow, new Date(soon))
		let mail = await byTemplate(ola.person)
		expect(mail['event-reminder-7']!.status).toBe('cancelled')
		expect(mail['event-reminder-1']).toMatchObject({ status: 'scheduled', sendAfter: new Date(soon - day) })
		// Nothing goes out for the stopped one when its old time comes.
		await releaseDueEmails(new Date(soon - day - minute))
		expect((await byTemplate(ola.person))['event-reminder-7']!.status).toBe('cancelled')

		const far = Date.now() + 40 * day
		await moveEvent(eventRow, new Date(far))
		mail = await byTemplate(ola.person)
		expect(mail['event-reminder-7']).toMatchObject({ status: 'scheduled', sendAfter: new Date(far - 7 * day) })
		expect(await eventEmailsTo(ola.person)).toHaveLength(5)
	})

	test('someone who joined too late for the week-before reminder gets it when the event moves later', async () => {
		const soon = await newEvent({
			startsAt: new Date(Date.now() + 3 * day),
			registrationClosesAt: new Date(Date.now() + 2 * day),
		})
		const ola = await supporter('Ola')
		await join(ola, { team: 'alone' }, soon)
		expect((await byTemplate(ola.person))['event-reminder-7']).toBeUndefined()
		const far = Date.now() + 30 * day
		await moveEvent(soon, new Date(far))
		expect((await byTemplate(ola.person))['event-reminder-7']).toMatchObject({
			status: 'scheduled',
			sendAfter: new Date(far - 7 * day),
		})
	})

	test('a participant gets exactly one end-of-event nudge: the event’s last push, not the campaign’s last days', async () => {
		const ola = await supporter('Ola')
		await join(ola)
		const page = await pageOf(ola.person)
		const [row] = await db().select({ endsOn: campaigns.endsOn }).from(campaigns).where(eq(campaigns.id, page))
		// The dispatcher, run every day from the event until after gifts close.
		const closed = new Date(`${row!.endsOn}T23:59:59Z`).getTime() + day
		for (let at = eventRow.startsAt.getTime() - 8 * day; at <= closed; at += day / 2)
			await releaseDueEmails(new Date(at))
		const all = await db().select().from(emails).where(eq(emails.personId, ola.person.id))
		const gone = (template: string) =>
			all.filter((e) => e.template === template && e.status !== 'cancelled' && e.status !== 'scheduled')
		expect(gone('event-last-push')).toHaveLength(1)
		expect(gone('campaign-last-days')).toHaveLength(0)
		expect(gone('campaign-ended')).toHaveLength(0)
		expect(gone('event-thank-you')).toHaveLength(1)
	})

	test('team and event gift pages get no personal-campaign coaching: no first-gift or milestone email to their owners', async () => {
		const cara = await supporter('Cara')
		await join(cara, { team: 'start', teamName: 'The Icebergs', teamGoal: '10' })
		const [teamPage] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.eventId, eventRow.id), eq(campaigns.purpose, 'team')))
		const [eventPage] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.eventId, eventRow.id), eq(campaigns.purpose, 'event')))
		for (const page of [teamPage!, eventPage!]) {
			// A gift through the webhook's own path, which queues what follows a gift (afterMoneyMoved).
			await db().transaction(async (tx) => {
				const [donation] = await tx
					.insert(donations)
					.values({
						campaignId: page.id,
						donorName: 'A friend',
						donorEmail: 'friend@example.org',
						amountMinor: 5_000,
						currency: 'GBP',
						status: 'pending',
					})
					.returning()
				await recordSucceededDonation(tx, donation!, `pi_${donation!.id}`)
			})
		}
		const [teamTotal] = await db().select().from(campaigns).where(eq(campaigns.id, teamPage!.id))
		expect(Number(teamTotal!.raisedMinor)).toBe(5_000)
		const aboutGiftPages = (await db().select().from(emails).where(eq(emails.sequence, 'campaign'))).filter(
			(e) => e.campaignId === teamPage!.id || e.campaignId === eventPage!.id,
		)
		expect(aboutGiftPages.map((e) => e.template)).toEqual([])
	})

	test('a participant who keeps their page open longer gets the last push before their own closing day', async () => {
		const ola = await supporter('Ola')
		await join(ola)
		const page = await pageOf(ola.person)
		const [before] = await db().select().from(campaigns).where(eq(campaigns.id, page))
		const later = new Date(`${before!.endsOn}T00:00:00Z`)
		later.setUTCDate(later.getUTCDate() + 10)
		const endsOn = later.toISOString().slice(0, 10)
		const saved = await saveCampaignDetails(before!, {
			title: before!.title,
			goal: '250',
			endsOn,
			story: before!.story,
			slug: before!.slug,
			coverAlt: before!.coverAlt ?? '',
		})
		expect(saved.ok).toBe(true)
		const mail = await byTemplate(ola.person)
		expect(mail['event-last-push']).toMatchObject({
			status: 'scheduled',
			sendAfter: new Date(new Date(`${endsOn}T23:59:59Z`).getTime() - 3 * day),
		})
		// Their reminders and thank-you still follow the event, not their page.
		expect(mail['event-thank-you']!.sendAfter).toEqual(new Date(eventRow.startsAt.getTime() + day))
	})
})
