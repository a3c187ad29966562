import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { unsubscribe } from '#app/email/preferences.server.ts'
import { db } from '#db/index.server.ts'
import { createPerson } from '#db/factories.server.ts'
import { campaigns, emails, teams, type Event, type Person, type Team } from '#db/schema.ts'
import { createOpenEvent } from '#tests/support/events.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
let eventRow: Event
let captain: { person: Person; cookie: string }
let team: Team

beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

async function supporter(firstName: string) {
	const person = await createPerson(db(), {
		firstName,
		lastName: 'Tester',
		email: `${firstName.toLowerCase()}-${randomBytes(4).toString('hex')}@example.org`,
	})
	return { person, cookie: await app.signIn(person.email) }
}

const joinFields = (fields: Record<string, string>) =>
	withFormToken({
		title: 'My polar dip for justice',
		story: 'I am running into the freezing sea to help stop sex trafficking.',
		goal: '250',
		...fields,
	})

async function member(firstName: string) {
	const who = await supporter(firstName)
	const joined = await app.postForm(`/e/${eventRow.slug}/join`, joinFields({ team: 'join', teamId: team.id }), {
		cookie: who.cookie,
	})
	expect(joined.status).toBe(302)
	return who
}

beforeEach(async () => {
	const staff = await createPerson(db(), { firstName: 'Sara', role: 'staff' })
	eventRow = await createOpenEvent(staff, { name: 'Polar Dip 2027', description: 'Run into the sea.' })
	captain = await supporter('Cara')
	const started = await app.postForm(
		`/e/${eventRow.slug}/join`,
		joinFields({ team: 'start', teamName: 'The Icebergs', teamGoal: '1000' }),
		{ cookie: captain.cookie },
	)
	expect(started.status).toBe(302)
	team = (await db().select().from(teams).where(eq(teams.eventId, eventRow.id)))[0]!
})

const dashboard = () => `/dashboard/team/${team.id}`
const message = (subject: string, token?: string) => ({
	intent: 'team-message',
	subject,
	body: 'Training swim on Saturday at 9, bring a towel!',
	formToken: token ?? withFormToken({}).formToken!,
})
const teamEmails = () => db().select().from(emails).where(eq(emails.template, 'team-message'))

describe('the captain’s team dashboard', () => {
	test('shows the captain the invite link and the members with their totals; anyone else gets 403', async () => {
		const dana = await member('Dana')
		const page = await fetch(app.origin + dashboard(), { headers: { cookie: captain.cookie } })
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain(`/e/${eventRow.slug}/t/${team.slug}/join`)
		expect(html).toContain('Dana Tester')
		expect(html).toContain('Cara Tester')

		expect((await fetch(app.origin + dashboard(), { headers: { cookie: dana.cookie } })).status).toBe(403)
		const post = await app.postForm(dashboard(), { intent: 'team-goal', goal: '5' }, { cookie: dana.cookie })
		expect(post.status).toBe(403)
		expect((await app.postForm(dashboard(), message('Hi all'), { cookie: dana.cookie })).status).toBe(403)
		expect(await teamEmails()).toHaveLength(0)
		expect(
			(await fetch(app.origin + '/dashboard/team/not-a-uuid', { headers: { cookie: captain.cookie } })).status,
		).toBe(404)
		const signedOut = await fetch(app.origin + dashboard(), { redirect: 'manual' })
		expect(signedOut.status).toBe(302)
		expect(signedOut.headers.get('location')).toMatch(/^\/login/)
	})

	test('the captain sets the team goal; a bad goal is answered beside the field', async () => {
		const saved = await app.postForm(dashboard(), { intent: 'team-goal', goal: '2500' }, { cookie: captain.cookie })
		expect(saved.status).toBe(303)
		const [row] = await db().select().from(teams).where(eq(teams.id, team.id))
		expect(row!.goalMinor).toBe(250_000)
		const [page] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.teamId, team.id), eq(campaigns.purpose, 'team')))
		expect(page!.goalMinor).toBe(250_000)

		const bad = await app.postForm(dashboard(), { intent: 'team-goal', goal: 'lots' }, { cookie: captain.cookie })
		expect(bad.status).toBe(400)
		expect((await db().select().from(teams).where(eq(teams.id, team.id)))[0]!.goalMinor).toBe(250_000)
	})

	test('one email reaches every other member once, even when the form is sent twice; unsubscribed members get none', async () => {
		const dana = await member('Dana')
		const eli = await member('Eli')
		const finn = await member('Finn')
		await unsubscribe(finn.person.email, 'updates')
		const token = withFormToken({}).formToken!
		expect((await app.postForm(dashboard(), message('Training swim', token), { cookie: captain.cookie })).status).toBe(
			303,
		)
		expect((await app.postForm(dashboard(), message('Training swim', token), { cookie: captain.cookie })).status).toBe(
			303,
		)
		const sent = await teamEmails()
		const going = sent.filter((e) => e.status !== 'cancelled').map((e) => e.toEmail)
		expect(going.sort()).toEqual([dana.person.email, eli.person.email].sort())
		// Finn's is recorded as cancelled (opted out), never queued; the captain gets none.
		expect(sent.filter((e) => e.toEmail === finn.person.email).map((e) => e.status)).toEqual(['cancelled'])
		expect(sent.some((e) => e.toEmail === captain.person.email)).toBe(false)
		expect(sent[0]!.data).toMatchObject({ subject: 'Training swim', teamName: 'The Icebergs' })
	})

	test('a team gets at most three emails a day, and the fourth is refused with a clear message', async () => {
		await member('Dana')
		for (const subject of ['One', 'Two', 'Three'])
			expect((await app.postForm(dashboard(), message(subject), { cookie: captain.cookie })).status).toBe(303)
		const fourth = await app.postForm(dashboard(), message('Four'), { cookie: captain.cookie })
		expect(fourth.status).toBe(429)
		expect(await fourth.text()).toContain('You have sent your team 3 emails in the last 24 hours')
		expect(await teamEmails()).toHaveLength(3)
	})
})
