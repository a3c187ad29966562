import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { setRoleByEmail } from '#app/staff/people.server.ts'
import { createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, people } from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

async function setup() {
	const admin = await createPerson(db(), { email: 'ada.admin@charity.example', role: 'admin' })
	const staff = await createPerson(db(), { email: 'sam.staff@charity.example', role: 'staff' })
	const newcomer = await createPerson(db(), { email: 'nia.newcomer@charity.example', firstName: 'Nia' })
	return { admin, staff, newcomer }
}

async function roleOf(personId: string) {
	const [row] = await db().select({ role: people.role }).from(people).where(eq(people.id, personId))
	return row?.role
}

async function auditOf(personId: string) {
	return db()
		.select()
		.from(auditLog)
		.where(eq(auditLog.subjectId, personId))
		.orderBy(asc(auditLog.createdAt), asc(auditLog.id))
}

const setRole = (personId: string, role: string) => ({ intent: 'set-role', personId, role })
const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '')

describe('Staff → People', () => {
	test('only admins open it: staff get 403, signed-out visitors are sent to sign in, and only admins see the link', async () => {
		const { staff, newcomer } = await setup()
		const signedOut = await app.get('/staff/people')
		expect(signedOut.status).toBe(302)
		expect(signedOut.headers.get('location')).toBe('/login?redirectTo=%2Fstaff%2Fpeople')

		const staffCookie = await app.signIn(staff.email)
		expect((await app.get('/staff/people', staffCookie)).status).toBe(403)
		const refused = await app.postForm('/staff/people', setRole(newcomer.id, 'admin'), { cookie: staffCookie })
		expect(refused.status).toBe(403)
		expect(await roleOf(newcomer.id)).toBe('supporter')
		expect(await text(await app.get('/staff', staffCookie))).not.toContain('href="/staff/people"')

		const adminCookie = await app.signIn('ada.admin@charity.example')
		expect(await text(await app.get('/staff', adminCookie))).toContain('href="/staff/people"')
		const page = await text(await app.get('/staff/people', adminCookie))
		expect(page).toContain('sam.staff@charity.example')
		expect(page).not.toContain('nia.newcomer@charity.example')
	})

	test('an admin finds a person by email, gives staff access, makes them admin and takes access away, each change audited', async () => {
		const { admin, newcomer } = await setup()
		const cookie = await app.signIn(admin.email)

		const tooShort = await app.get('/staff/people?q=ni', cookie)
		expect(tooShort.status).toBe(200)
		expect(await text(tooShort)).toContain('Type at least 3 characters of their email address')
		const found = await text(await app.get('/staff/people?q=NEWCOMER', cookie))
		expect(found).toContain('nia.newcomer@charity.example')
		expect(found).toContain('Give staff access')

		const steps = [
			{ role: 'staff', action: 'staff.grant', from: 'supporter' },
			{ role: 'admin', action: 'staff.grant_admin', from: 'staff' },
			{ role: 'supporter', action: 'staff.revoke', from: 'admin' },
		]
		for (const step of steps) {
			const answer = await app.postForm('/staff/people?q=newcomer', setRole(newcomer.id, step.role), { cookie })
			expect(answer.status).toBe(302)
			expect(answer.headers.get('location')).toBe(`/staff/people?q=newcomer&done=${step.role}`)
			expect(await roleOf(newcomer.id)).toBe(step.role)
		}
		expect(await auditOf(newcomer.id)).toMatchObject(
			steps.map((step) => ({
				actorId: admin.id,
				action: step.action,
				subjectType: 'person',
				data: { email: newcomer.email, from: step.from, to: step.role },
			})),
		)

		// A resent form changes nothing and records nothing.
		const again = await app.postForm('/staff/people', setRole(newcomer.id, 'supporter'), { cookie })
		expect(again.headers.get('location')).toBe('/staff/people?done=unchanged')
		expect(await auditOf(newcomer.id)).toHaveLength(3)

		// Nonsense is a 400 beside nothing written, never a 500.
		const bad = await app.postForm('/staff/people', setRole(newcomer.id, 'owner'), { cookie })
		expect(bad.status).toBe(400)
		expect(await roleOf(newcomer.id)).toBe('supporter')
	})

	test('an admin cannot remove their own admin role, and the last admin stays one', async () => {
		const { admin, staff } = await setup()
		const cookie = await app.signIn(admin.email)

		const own = await app.postForm('/staff/people', setRole(admin.id, 'staff'), { cookie })
		expect(own.status).toBe(409)
		expect(await text(own)).toContain('You cannot remove your own admin role')
		expect(await roleOf(admin.id)).toBe('admin')

		// The command line follows the same rule: it cannot take away the last admin.
		expect(await setRoleByEmail(admin.email, 'supporter')).toEqual({ ok: false, problem: 'last-admin' })
		expect(await roleOf(admin.id)).toBe('admin')

		// Nor can the last admin delete their account (their role would go with it).
		const deletion = await app.postForm('/account', { intent: 'delete', confirm: 'DELETE' }, { cookie })
		expect(deletion.status).toBe(409)
		expect(await text(deletion)).toContain('You are the only staff admin')
		const [stillThere] = await db().select().from(people).where(eq(people.id, admin.id))
		expect(stillThere).toMatchObject({ role: 'admin', deletedAt: null, email: admin.email })
		expect(await auditOf(admin.id)).toEqual([])

		// Two admins removing each other at once: one of them stays an admin.
		const other = await app.signIn(staff.email)
		await app.postForm('/staff/people', setRole(staff.id, 'admin'), { cookie })
		const [first, second] = await Promise.all([
			app.postForm('/staff/people', setRole(staff.id, 'supporter'), { cookie }),
			app.postForm('/staff/people', setRole(admin.id, 'supporter'), { cookie: other }),
		])
		// The other is refused: no longer an admin by the time it is read (403), or the last one left (409).
		const statuses = [first.status, second.status].sort()
		expect(statuses[0]).toBe(302)
		expect([403, 409]).toContain(statuses[1])
		const admins = await db().select().from(people).where(eq(people.role, 'admin'))
		expect(admins).toHaveLength(1)
	})

	test('npm run staff:grant can make an admin, adding the person if need be, audited as the system', async () => {
		const change = await setRoleByEmail('Founder@Charity.example', 'admin')
		expect(change).toMatchObject({ ok: true, changed: true, from: 'supporter', to: 'admin' })
		const [founder] = await db().select().from(people).where(eq(people.emailKey, 'founder@charity.example'))
		expect(founder?.role).toBe('admin')
		expect(await auditOf(founder!.id)).toMatchObject([{ actorId: null, action: 'staff.grant_admin' }])
		expect(await setRoleByEmail('nobody@charity.example', 'supporter')).toEqual({ ok: false, problem: 'not-found' })
		expect(await db().select().from(people).where(eq(people.emailKey, 'nobody@charity.example'))).toEqual([])
	})
})
