import { sql } from 'drizzle-orm'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { scheduleSignupSequence } from '#app/email/sequences.server.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { people, signups, type CampaignKind } from '#db/schema.ts'

export type LearnMoreSignup = {
	firstName: string
	lastName: string
	email: string
	idea: CampaignKind | null
	emailConsent: boolean
}

/**
 * Finds the person with this email (case-insensitively) or creates them,
 * filling in names they had not given before. One email, one person.
 */
export async function upsertPersonByEmail(
	tx: Tx,
	person: { email: string; firstName?: string; lastName?: string; emailConsent?: boolean },
) {
	const email = person.email.trim()
	const [row] = await tx
		.insert(people)
		.values({
			email,
			firstName: person.firstName ?? '',
			lastName: person.lastName ?? '',
			emailConsentAt: person.emailConsent ? sql`now()` : null,
		})
		.onConflictDoUpdate({
			target: people.emailKey,
			set: {
				firstName: sql`coalesce(nullif(excluded.first_name, ''), ${people.firstName})`,
				lastName: sql`coalesce(nullif(excluded.last_name, ''), ${people.lastName})`,
				// Consent given now is recorded; not ticking the box again does not withdraw it.
				emailConsentAt: sql`coalesce(excluded.email_consent_at, ${people.emailConsentAt})`,
				updatedAt: sql`now()`,
			},
		})
		.returning({ id: people.id })
	return row!
}

/**
 * Records a "learn more about fundraising" sign-up and queues the welcome
 * email in the same transaction. Signing up again keeps one person and
 * sends one welcome per person.
 */
export async function recordLearnMoreSignup(signup: LearnMoreSignup) {
	return db().transaction(async (tx) => {
		const person = await upsertPersonByEmail(tx, signup)
		const [row] = await tx
			.insert(signups)
			.values({ personId: person.id, idea: signup.idea, emailConsent: signup.emailConsent })
			.returning({ id: signups.id })
		const welcomeEmailId = await queueEmail(tx, {
			template: 'signup-welcome',
			causeKey: `signup-welcome:${person.id}`,
			to: signup.email.trim(),
			personId: person.id,
			data: {
				firstName: signup.firstName,
				idea: signup.idea,
				ideaLabel: signup.idea ? campaignKindLabel(signup.idea) : null,
			},
		})
		await scheduleSignupSequence(tx, {
			id: person.id,
			email: signup.email.trim(),
			firstName: signup.firstName,
			idea: signup.idea,
			ideaLabel: signup.idea ? campaignKindLabel(signup.idea) : null,
			consent: signup.emailConsent,
		})
		return { personId: person.id, signupId: row!.id, welcomeEmailId }
	})
}
