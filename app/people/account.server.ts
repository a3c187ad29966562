import { and, eq, sql } from 'drizzle-orm'
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
 * so the campaigns they ran and the gifts they made still add up.
 */
export async function deleteAccount(personId: string) {
	await db().transaction(async (tx) => {
		const [person] = await tx.select({ email: people.email }).from(people).where(eq(people.id, personId)).for('update')
		if (!person) return
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
	})
}
