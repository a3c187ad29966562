import { and, asc, count, desc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm'
import { likePattern } from '#app/utils/like-pattern.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { people, type Person, type PersonRole } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'

/** Roles that open the staff area. */
export const staffRoles: readonly PersonRole[] = ['staff', 'admin']

/** The audit action of each change of role (subject: the person). */
const auditActionFor: Record<PersonRole, string> = {
	supporter: 'staff.revoke',
	staff: 'staff.grant',
	admin: 'staff.grant_admin',
}

/** Why a change of role was refused, in the words staff read. */
export const roleChangeProblems = {
	'not-found': 'We could not find that person. They may have deleted their account.',
	'own-admin': 'You cannot remove your own admin role. Ask another admin to do it.',
	'last-admin': 'This is the last admin. Make someone else an admin first, so someone can still manage staff access.',
} as const

export type RoleChangeProblem = keyof typeof roleChangeProblems

export type RoleChange =
	| { ok: true; changed: boolean; person: Pick<Person, 'id' | 'email'>; from: PersonRole; to: PersonRole }
	| { ok: false; problem: RoleChangeProblem }

// Every change of role takes this lock first, so two admins removing each
// other at once cannot both see "another admin is left" and leave none.
const ROLE_CHANGE_LOCK = 7_240_901

/**
 * Gives a person a role and records it in the staff audit log in the same
 * transaction. Setting the role a person already has changes and records
 * nothing, so a resent form is harmless. Nobody removes their own admin role
 * and the last admin stays one. `actor` null is the command line
 * (`npm run staff:grant`), recorded as the system.
 */
export async function setPersonRole(
	tx: Tx,
	target: { personId: string; role: PersonRole; actor: Pick<Person, 'id'> | null },
): Promise<RoleChange> {
	await tx.execute(sql`select pg_advisory_xact_lock(${ROLE_CHANGE_LOCK})`)
	const [person] = await tx
		.select({ id: people.id, email: people.email, role: people.role })
		.from(people)
		.where(and(eq(people.id, target.personId), isNull(people.deletedAt)))
		.for('update')
	if (!person) return { ok: false, problem: 'not-found' }
	const change = { person: { id: person.id, email: person.email }, from: person.role, to: target.role }
	if (person.role === target.role) return { ok: true, changed: false, ...change }
	if (person.role === 'admin') {
		if (target.actor?.id === person.id) return { ok: false, problem: 'own-admin' }
		const problem = await lastAdminProblem(tx)
		if (problem) return { ok: false, problem }
	}
	await tx
		.update(people)
		.set({ role: target.role, updatedAt: sql`now()` })
		.where(eq(people.id, person.id))
	await recordAudit(tx, {
		actorId: target.actor?.id ?? null,
		action: auditActionFor[target.role],
		subjectType: 'person',
		subjectId: person.id,
		data: { email: person.email, from: person.role, to: target.role },
	})
	return { ok: true, changed: true, ...change }
}

/** 'last-admin' when removing one admin would leave none (call under the role-change lock). */
async function lastAdminProblem(tx: Tx): Promise<'last-admin' | null> {
	const [admins] = await tx
		.select({ n: count() })
		.from(people)
		.where(and(eq(people.role, 'admin'), isNull(people.deletedAt)))
	return (admins?.n ?? 0) <= 1 ? 'last-admin' : null
}

/** An admin's change of someone's role from the People page. */
export async function changeStaffRole(actor: Person, personId: string, role: PersonRole): Promise<RoleChange> {
	return db().transaction((tx) => setPersonRole(tx, { personId, role, actor }))
}

/**
 * The command line's grant (`npm run staff:grant`): finds the person by
 * email, or adds them so they can sign in with a code, then sets the role
 * under the same rules and audit as the People page.
 */
export async function setRoleByEmail(email: string, role: PersonRole): Promise<RoleChange> {
	return db().transaction(async (tx) => {
		// Taking access away from an address nobody has adds no one.
		if (role !== 'supporter') await tx.insert(people).values({ email }).onConflictDoNothing({ target: people.emailKey })
		const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.emailKey, email.toLowerCase()))
		if (!person) return { ok: false, problem: 'not-found' }
		return setPersonRole(tx, { personId: person.id, role, actor: null })
	})
}

/**
 * Whether a person may be let go of their account: the last admin may not,
 * or nobody would be left to manage staff access. Asked inside the deletion's
 * transaction, under the role-change lock.
 */
export async function accountDeletionProblem(tx: Tx, personId: string): Promise<string | null> {
	await tx.execute(sql`select pg_advisory_xact_lock(${ROLE_CHANGE_LOCK})`)
	const [person] = await tx.select({ role: people.role }).from(people).where(eq(people.id, personId))
	if (person?.role !== 'admin') return null
	return (await lastAdminProblem(tx))
		? 'You are the only staff admin. Make someone else an admin first (Staff → People), then delete your account.'
		: null
}

/** Records that a deleted account's staff access ended with it (in the deletion's transaction). */
export async function auditAccessEndedByDeletion(tx: Tx, person: Pick<Person, 'id' | 'role'>) {
	if (!staffRoles.includes(person.role)) return
	await recordAudit(tx, {
		actorId: person.id,
		action: 'staff.revoke',
		subjectType: 'person',
		subjectId: person.id,
		reason: 'Account deleted',
		data: { from: person.role, to: 'supporter' },
	})
}

export type PersonRow = { id: string; email: string; firstName: string; lastName: string; role: PersonRole }

const personColumns = {
	id: people.id,
	email: people.email,
	firstName: people.firstName,
	lastName: people.lastName,
	role: people.role,
}

/** Everyone with staff access, admins first, then by email. */
export async function listStaffPeople(): Promise<PersonRow[]> {
	return db()
		.select(personColumns)
		.from(people)
		.where(and(inArray(people.role, [...staffRoles]), isNull(people.deletedAt)))
		.orderBy(desc(sql`${people.role} = 'admin'`), asc(people.emailKey))
}

export const PEOPLE_SEARCH_LIMIT = 20

/** People whose email address contains `search` (any case), to give them access; at most PEOPLE_SEARCH_LIMIT. */
export async function searchPeopleByEmail(search: string): Promise<PersonRow[]> {
	return db()
		.select(personColumns)
		.from(people)
		.where(and(ilike(people.email, likePattern(search)), isNull(people.deletedAt)))
		.orderBy(asc(people.emailKey))
		.limit(PEOPLE_SEARCH_LIMIT)
}
