import { and, eq, sql } from 'drizzle-orm'
import { accountDeletionProblem, auditAccessEndedByDeletion } from '#app/staff/people.server.ts'
import { db } from '#db/index.server.ts'
import { emails, people, sessions, signInCodes } from '#db/schema.ts'

export type ProfileUpdate = {
	firstName: string
	lastName: string
	coachingEmails: boolean
	/** Charity news by email. */
	newsConsent: boolean
}

/** Saves a person's own profile and email choices. */
export async function updateProfile(personId: string, profile: ProfileUpdate) {
	await db()
		.update(people)
		.set({
			firstName: profile.firstName,
			lastName: profile.lastName,
			coachingEmails: profile.coachingEmails,
			// Keeping consent keeps the date it was first given; withdrawing clears it.
			emailConsentAt: profile.newsConsent ? sql`coalesce(${people.emailConsentAt}, now())` : null,
			updatedAt: sql`now()`,
		})
		.where(eq(people.id, personId))
}

/** Sets (or with null removes) the person's profile photo. */
export async function setProfilePhoto(personId: string, photoUrl: string | null) {
	await db()
		.update(people)
		.set({ photoUrl, updatedAt: sql`now()` })
		.where(eq(people.id, personId))
}

/**
 * Deletes a person's account by anonymising them: their name, address,
 * photo and consents go, and they are signed out everywhere. Their row stays
 * so the campaigns they ran and the gifts they made still add up (a gift
 * linked to them stays linked to the anonymised row, which names nobody).
 * Staff access ends with the account, in the audit log; the last admin is
 * refused, so someone can still manage staff access.
 */
export async function deleteAccount(personId: string): Promise<{ ok: true } | { ok: false; message: string }> {
	return db().transaction(async (tx) => {
		const refusal = await accountDeletionProblem(tx, personId)
		if (refusal) return { ok: false, message: refusal }
		const [person] = await tx
			.select({ id: people.id, email: people.email, role: people.role })
			.from(people)
			.where(eq(people.id, personId))
			.for('update')
		if (!person) return { ok: true }
		await auditAccessEndedByDeletion(tx, person)
		await tx
			.update(people)
			.set({
				email: `deleted-${personId}@deleted.invalid`,
				firstName: '',
				lastName: '',
				photoUrl: null,
				emailConsentAt: null,
				coachingEmails: false,
				role: 'supporter',
				deletedAt: sql`now()`,
				updatedAt: sql`now()`,
			})
			.where(eq(people.id, personId))
		await tx.delete(sessions).where(eq(sessions.personId, personId))
		// Pending sign-in challenges still name the old address.
		await tx.delete(signInCodes).where(eq(sql`lower(${signInCodes.email})`, sql`lower(${person.email})`))
		// Nothing queued may still go out to someone who has left.
		await tx
			.update(emails)
			.set({ status: 'suppressed', lastError: 'Account deleted' })
			.where(and(eq(emails.personId, personId), eq(emails.status, 'queued')))
		return { ok: true }
	})
}
