import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createEvent } from '#app/events/events.server.ts'
import { eventGiftsCloseOn } from '#app/events/kinds.ts'
import { joinEventInTransaction } from '#app/events/join.server.ts'
import { eventReport, participantsCsv } from '#app/staff/event-report.server.ts'
import { unsubscribe } from '#app/email/preferences.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, campaigns, emails, eventRegistrations, events, type Event, type Person } from '#db/schema.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

const DAY = 86_400_000

/** A valid form for an event about two months away, as staff would type it. */
function eventForm(overrides: Record<string, string> = {}) {
	const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
	return {
		name: 'Polar Dip 2030',
		kind: 'polar_dip',
		date: iso(Date.now() + 60 * DAY),
		startTime: '11:00',
		place: 'Brighton beach, by the pier',
		mapUrl: 'https://maps.example.org/brighton',
		description: 'A cold **dip** in the sea on a winter morning, for freedom.',
		coverAlt: '',
		goal: '10,000',
		suggestedGoal: '150',
		minimumPledge: '',
		registrationFee: '',
		opensOn: iso(Date.now()),
		closesOn: iso(Date.now() + 50 * DAY),
		capacity: '',
		giftsOpenDays: '30',
		...overrides,
	}
}

/** An event as core's createEvent makes it, open for registration now. */
async function openEvent(staff: Person, overrides: Partial<Parameters<typeof createEvent>[0]> = {}) {
	return createEvent(
		{
			slug: `dip-${Math.random().toString(36).slice(2, 8)}`,
			name: 'Winter Dip',
			kind: 'polar_dip',
			startsAt: new Date(Date.now() + 30 * DAY),
			place: 'The lido',
			description: 'Cold water, warm hearts.',
			goalMinor: 500_000,
			suggestedGoalMinor: 15_000,
			currency: 'GBP',
			registrationOpensAt: new Date(Date.now() - DAY),
			registrationClosesAt: new Date(Date.now() + 20 * DAY),
			state: 'open',
			...overrides,
		},
		staff,
	)
}

/** Someone joins the event through core's join (no coaching emails, so the outbox holds only what we test). */
async function join(
	event: Event,
	person: Person,
	team: Parameters<typeof joinEventInTransaction>[3]['team'] = { kind: 'alone' },
) {
	const joined = await db().transaction((tx) =>
		joinEventInTransaction(
			tx,
			person,
			event.id,
			{ title: `${person.firstName}’s dip`, story: 'I am taking the plunge for freedom.', goalMinor: 20_000, team },
			{ coachingEmails: false },
		),
	)
	if (!('id' in joined)) throw new Error(joined.refused.message)
	const [page] = await db().select().from(campaigns).where(eq(campaigns.id, joined.id))
	return page!
}

async function setup() {
	const staff = await createPerson(db(), {
		email: 'events@example.org',
		firstName: 'Eve',
		lastName: 'Organiser',
		role: 'staff',
	})
	return { staff }
}

/**
 * An event with three participants: Amara (captain of "Cold Feet", consented
 * to charity email) with gifts, Ben at zero (last emailed yesterday), and
 * Cleo at zero who turned off fundraising tips; plus a team gift and a
 * direct gift to the event.
 */
async function seededEvent() {
	const { staff } = await setup()
	const event = await openEvent(staff)
	const amara = await createPerson(db(), {
		email: 'amara@example.com',
		firstName: 'Amara',
		lastName: 'Okafor',
		emailConsentAt: new Date(),
	})
	const ben = await createPerson(db(), { email: 'ben@example.com', firstName: 'Ben', lastName: 'Hale' })
	const cleo = await createPerson(db(), { email: 'cleo@example.com', firstName: 'Cleo', lastName: 'Marsh' })
	const amaraPage = await join(event, amara, { kind: 'start', name: 'Cold Feet', goalMinor: 100_000 })
	const benPage = await join(event, ben)
	const cleoPage = await join(event, cleo)
	await createSucceededDonation(db(), { campaignId: amaraPage.id, amountMinor: 2_500 })
	await createSucceededDonation(db(), { campaignId: amaraPage.id, amountMinor: 1_000 })
	const [teamPage] = await db()
		.select()
		.from(campaigns)
		.where(and(eq(campaigns.eventId, event.id), eq(campaigns.purpose, 'team')))
	const [eventPage] = await db()
		.select()
		.from(campaigns)
		.where(and(eq(campaigns.eventId, event.id), eq(campaigns.purpose, 'event')))
	await createSucceededDonation(db(), { campaignId: teamPage!.id, amountMinor: 700 })
	await createSucceededDonation(db(), { campaignId: eventPage!.id, amountMinor: 300 })
	const lastEmailed = new Date(Date.now() - DAY)
	await db()
		.insert(emails)
		.values({
			template: 'campaign-nudge',
			causeKey: `test-nudge:${ben.id}`,
			toEmail: ben.email,
			personId: ben.id,
			data: {},
			category: 'coaching',
			status: 'sent',
			sentAt: lastEmailed,
		})
	await unsubscribe(cleo.email, 'coaching')
	await db()
		.update(eventRegistrations)
		.set({ status: 'paid', feeMinor: 1_500, feePaidAt: new Date() })
		.where(eq(eventRegistrations.campaignId, amaraPage.id))
	return { staff, event, amara, ben, cleo, amaraPage, benPage, cleoPage, lastEmailed }
}

async function auditOf(eventId: string) {
	return db().select().from(auditLog).where(eq(auditLog.subjectId, eventId)).orderBy(auditLog.createdAt)
}

describe('the event report', () => {
	test('adds up the ledger: participants, team gifts and direct gifts, once each; fees apart', async () => {
		const { event, ben, cleo, lastEmailed } = await seededEvent()
		const report = await eventReport(event)
		expect(report).toMatchObject({
			raisedMinor: 4_500,
			donorCount: 4,
			directMinor: 300,
			teamGiftsMinor: 700,
			teams: 1,
			participants: 3,
			withGift: 1,
			shareWithGift: 33,
			fees: { paid: 1, paidMinor: 1_500, awaiting: 0, refunded: 0 },
		})
		expect(report.trend.reduce((sum, day) => sum + day.netMinor, 0)).toBe(4_500)
		expect(report.zero.map((p) => [p.name, p.lastContactAt?.toISOString() ?? null])).toEqual([
			['Ben Hale', lastEmailed.toISOString()],
			['Cleo Marsh', null],
		])
		expect(report.zero.map((p) => p.personId)).toEqual([ben.id, cleo.id])
	})

	test('the participants CSV shows an email only for people who agreed to hear from the charity', async () => {
		const { event } = await seededEvent()
		const lines = (await participantsCsv(event.id)).trimEnd().split('\r\n')
		expect(lines).toEqual([
			'name,email,team,currency,goal,raised,donors,registration_paid',
			'Amara Okafor,amara@example.com,Cold Feet,GBP,200,35,2,yes',
			'Ben Hale,,,GBP,200,0,0,no fee',
			'Cleo Marsh,,,GBP,200,0,0,no fee',
		])
	})
})

describe('staff events over HTTP', () => {
	let app: Awaited<ReturnType<typeof startHttpApp>>
	beforeAll(async () => {
		app = await startHttpApp()
	})
	afterAll(async () => {
		await app?.close()
	})

	test('supporters get 403 on every events page and their posts change nothing', async () => {
		const { staff } = await setup()
		const event = await openEvent(staff)
		await createPerson(db(), { email: 'supporter@example.org' })
		const cookie = await app.signIn('supporter@example.org')
		for (const path of [
			'/staff/events',
			'/staff/events/new',
			`/staff/events/${event.id}`,
			`/staff/events/${event.id}/edit`,
			`/staff/events/${event.id}/message`,
			`/staff/events/${event.id}/participants.csv`,
		])
			expect((await app.get(path, cookie)).status, path).toBe(403)
		expect((await app.postForm('/staff/events/new', withFormToken(eventForm()), { cookie })).status).toBe(403)
		expect((await app.postForm(`/staff/events/${event.id}`, { intent: 'end' }, { cookie })).status).toBe(403)
		expect(await db().select().from(events)).toHaveLength(1)
		expect((await db().select().from(events))[0]!.state).toBe('open')
		expect(await db().select().from(auditLog)).toHaveLength(0)
	})

	test('bad dates, a fee below Stripe’s minimum and a bad map link are refused beside their fields, values kept', async () => {
		const { staff } = await setup()
		const cookie = await app.signIn(staff.email)
		const cases: [Record<string, string>, string][] = [
			[{ date: '2030-02-30' }, 'Enter a date like 2027-01-01'],
			[{ date: '2001-01-01', opensOn: '2000-12-01', closesOn: '2000-12-20' }, 'The event must be in the future'],
			[{ closesOn: eventForm().opensOn, opensOn: eventForm().closesOn }, 'Registration cannot close before it opens'],
			[
				{ closesOn: new Date(Date.now() + 70 * DAY).toISOString().slice(0, 10) },
				'Registration must close on or before the day of the event',
			],
			[{ registrationFee: '0.29' }, 'The registration fee must be at least £0.30'],
			[{ mapUrl: 'http://maps.example.org/x' }, 'Enter a full link starting with https://'],
			[{ startTime: '25:00' }, 'Enter the time as hours and minutes, like 10:30'],
		]
		for (const [overrides, message] of cases) {
			const response = await app.postForm('/staff/events/new', withFormToken(eventForm(overrides)), { cookie })
			expect(response.status, JSON.stringify(overrides)).toBe(400)
			const html = await response.text()
			expect(html, JSON.stringify(overrides)).toContain(message)
			// What was typed is still in the form.
			expect(html).toContain('Brighton beach, by the pier')
		}
		expect(await db().select().from(events)).toHaveLength(0)
		// At the minimum the fee is fine.
		const ok = await app.postForm('/staff/events/new', withFormToken(eventForm({ registrationFee: '0.30' })), {
			cookie,
		})
		expect(ok.status).toBe(302)
		expect((await db().select().from(events))[0]!.registrationFeeMinor).toBe(30)
	})

	test('a created event is a draft on the list, audited, and a resent form creates it once', async () => {
		const { staff } = await setup()
		const cookie = await app.signIn(staff.email)
		const fields = withFormToken(eventForm())
		const first = await app.postForm('/staff/events/new', fields, { cookie })
		expect(first.status).toBe(302)
		const again = await app.postForm('/staff/events/new', fields, { cookie })
		expect(again.headers.get('location')).toBe(first.headers.get('location'))
		const rows = await db().select().from(events)
		expect(rows).toHaveLength(1)
		const event = rows[0]!
		expect(first.headers.get('location')).toBe(`/staff/events/${event.id}?done=created`)
		expect(event).toMatchObject({
			slug: 'polar-dip-2030',
			state: 'draft',
			timeZone: 'Europe/London',
			goalMinor: 1_000_000,
			suggestedGoalMinor: 15_000,
			registrationFeeMinor: null,
			capacity: null,
			giftsOpenDaysAfterEnd: 30,
			mapUrl: 'https://maps.example.org/brighton',
		})
		expect(event.descriptionHtml).toContain('<strong>dip</strong>')
		// 11:00 on the day in London, whatever the season.
		expect(
			new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeStyle: 'short' }).format(event.startsAt),
		).toBe('11:00')
		expect((await auditOf(event.id)).map((a) => a.action)).toEqual(['event.create'])
		// A post without the page's token (a stale or forged form) creates nothing.
		const stale = await app.postForm('/staff/events/new', eventForm({ name: 'Another dip' }), { cookie })
		expect(stale.status).toBe(400)
		expect(await stale.text()).toContain('This form is out of date. Please try again.')
		expect(await db().select().from(events)).toHaveLength(1)
		const list = await (await app.get('/staff/events', cookie)).text()
		expect(list).toContain('Polar Dip 2030')
		expect(list).toContain('Draft')
	})

	test('capacity cannot go below the people who already joined; a new date moves the pages’ closing day', async () => {
		const { staff } = await setup()
		const event = await openEvent(staff)
		const deePage = await join(event, await createPerson(db(), { firstName: 'Dee' }))
		await join(event, await createPerson(db(), { firstName: 'Eli' }))
		expect(deePage.endsOn).toBe(eventGiftsCloseOn(event))
		const cookie = await app.signIn(staff.email)
		const [row] = await db().select().from(events).where(eq(events.id, event.id))
		const edit = await (await app.get(`/staff/events/${event.id}/edit`, cookie)).text()
		expect(edit).toContain('2 have joined so far')
		const refused = await app.postForm(`/staff/events/${event.id}/edit`, eventForm({ capacity: '1' }), { cookie })
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('2 people have already joined: the capacity cannot be lower')
		const saved = await app.postForm(
			`/staff/events/${event.id}/edit`,
			eventForm({ capacity: '2', name: 'Winter Dip 2' }),
			{
				cookie,
			},
		)
		expect(saved.status).toBe(302)
		const [after] = await db().select().from(events).where(eq(events.id, event.id))
		expect(after).toMatchObject({ capacity: 2, name: 'Winter Dip 2', participantCount: row!.participantCount })
		// The new date (and days open) carry to the pages that close with the event's gifts.
		const [deeAfter] = await db().select().from(campaigns).where(eq(campaigns.id, deePage.id))
		expect(deeAfter!.endsOn).toBe(eventGiftsCloseOn(after!))
		expect(deeAfter!.endsOn).not.toBe(deePage.endsOn)
		expect((await auditOf(event.id)).map((a) => a.action)).toEqual(['event.update'])
	})

	test('opening, closing, featuring and ending are audited; a change out of order is refused', async () => {
		const { staff } = await setup()
		const cookie = await app.signIn(staff.email)
		const fields = withFormToken(eventForm())
		await app.postForm('/staff/events/new', fields, { cookie })
		const [event] = await db().select().from(events)
		const post = (intent: string) => app.postForm(`/staff/events/${event!.id}`, { intent }, { cookie })
		expect((await post('feature')).status).toBe(400)
		expect((await post('close')).status).toBe(400)
		for (const intent of ['open', 'feature', 'close', 'unfeature', 'end']) {
			const response = await post(intent)
			expect(response.status, intent).toBe(302)
			expect(response.headers.get('location')).toBe(`/staff/events/${event!.id}?done=${intent}`)
		}
		expect((await post('open')).status).toBe(400)
		const [after] = await db().select().from(events).where(eq(events.id, event!.id))
		expect(after).toMatchObject({ state: 'ended', featured: false })
		expect(after!.endedAt).toBeInstanceOf(Date)
		expect((await auditOf(event!.id)).map((a) => [a.action, a.actorId])).toEqual([
			['event.create', staff.id],
			['event.open', staff.id],
			['event.feature', staff.id],
			['event.close', staff.id],
			['event.unfeature', staff.id],
			['event.end', staff.id],
		])
		const [giftPage] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.eventId, event!.id), eq(campaigns.purpose, 'event')))
		expect(giftPage!.status).toBe('active')
	})

	test('the report page shows the figures and who is still at zero; the CSV streams the participants', async () => {
		const { staff, event } = await seededEvent()
		const cookie = await app.signIn(staff.email)
		const html = await (await app.get(`/staff/events/${event.id}`, cookie)).text()
		for (const text of ['£45.00', '£3.00', '£7.00', '33%', '£15.00', 'Ben Hale', 'Cleo Marsh', 'Never'])
			expect(html, text).toContain(text)
		const csv = await app.get(`/staff/events/${event.id}/participants.csv`, cookie)
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		const text = (await csv.text()).replace(/^\uFEFF/, '')
		expect(text.split('\r\n')[0]).toBe('name,email,team,currency,goal,raised,donors,registration_paid')
		expect(text).toContain('Amara Okafor,amara@example.com,Cold Feet')
		expect(text).not.toContain('ben@example.com')
	})

	test('a message to those at zero goes to them, not to the unsubscribed, and a resent form sends nothing more', async () => {
		const { staff, event, ben } = await seededEvent()
		const cookie = await app.signIn(staff.email)
		const page = await (await app.get(`/staff/events/${event.id}/message`, cookie)).text()
		expect(page).toContain('Only participants still at zero (2)')
		const fields = {
			audience: 'zero',
			subject: 'Your first gift',
			body: 'Ask three friends today.',
			formToken: newFormToken(),
		}
		const sent = await app.postForm(`/staff/events/${event.id}/message`, fields, { cookie })
		expect(sent.status).toBe(302)
		expect(sent.headers.get('location')).toBe(`/staff/events/${event.id}?done=message`)
		const again = await app.postForm(`/staff/events/${event.id}/message`, fields, { cookie })
		expect(again.status).toBe(302)
		const messages = await db().select().from(emails).where(like(emails.causeKey, 'event-message:%'))
		expect(messages.filter((m) => m.status !== 'cancelled').map((m) => m.toEmail)).toEqual([ben.email])
		// Cleo turned off fundraising tips: her copy was never queued to send.
		expect(messages.filter((m) => m.toEmail === 'cleo@example.com').map((m) => m.status)).toEqual(['cancelled'])
		expect(messages.map((m) => m.toEmail)).not.toContain('amara@example.com')
		expect(messages[0]).toMatchObject({ template: 'event-message', category: 'coaching' })
		const audit = (await auditOf(event.id)).filter((a) => a.action === 'event.message')
		expect(audit).toHaveLength(1)
		expect(audit[0]!.data).toMatchObject({ audience: 'zero', recipients: 2, queued: 1 })
		// A new form (a new token) is a new message.
		await app.postForm(
			`/staff/events/${event.id}/message`,
			{ ...fields, audience: 'all', formToken: newFormToken() },
			{ cookie },
		)
		const all = await db().select().from(emails).where(like(emails.causeKey, 'event-message:%'))
		expect(
			all
				.filter((m) => m.status !== 'cancelled')
				.map((m) => m.toEmail)
				.sort(),
		).toEqual(['amara@example.com', 'ben@example.com', 'ben@example.com'])
	})
})
