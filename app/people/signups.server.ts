import { isUuid } from '#app/utils/ids.ts'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { assignCoachingArm } from '#app/email/preferences.server.ts'
import { scheduleSignupSequence } from '#app/email/sequences.server.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { people, signups, suppressions, type CampaignKind, type Person } from '#db/schema.ts'

export type LearnMoreSignup = {
	firstName: string
	lastName: string
	email: string
	idea: CampaignKind | null
	emailConsent: boolean
}

/** How long the emailed "yes, send me tips" link works. */
export const TIPS_CONFIRMATION_DAYS = 30

/**
 * Finds the person with this email (case-insensitively) or creates them with
 * the names given. An existing person is never changed: anyone can type
 * anyone's address into a public form, so only the signed-in account page
 * renames a person. One email, one person.
 */
export async function findOrCreatePersonByEmail(
	tx: Tx,
	person: { email: string; firstName?: string; lastName?: string },
): Promise<{ person: Person; created: boolean }> {
	const email = person.email.trim()
	const [created] = await tx
		.insert(people)
		.values({ email, firstName: person.firstName ?? '', lastName: person.lastName ?? '' })
		.onConflictDoNothing({ target: people.emailKey })
		.returning()
	if (created) return { person: created, created: true }
	const [existing] = await tx
		.select()
		.from(people)
		.where(eq(people.emailKey, sql`lower(${email})`))
	return { person: existing!, created: false }
}

function signTips(signupId: string) {
	return createHmac('sha256', getEnv().SESSION_SECRET).update(`signup-tips:${signupId}`).digest('base64url')
}

/** The signed token of a sign-up's "yes, send me tips" link: names the sign-up, cannot be forged. */
export function tipsConfirmationToken(signupId: string) {
	return `${signupId}.${signTips(signupId)}`
}

/** The sign-up a token names, or null when it was not made here. */
export function readTipsConfirmationToken(token: string): string | null {
	const [signupId, signature] = token.split('.')
	if (!signupId || !signature || !isUuid(signupId)) return null
	const expected = Buffer.from(signTips(signupId))
	const given = Buffer.from(signature)
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
	return signupId
}

export function tipsConfirmationUrl(signupId: string) {
	return `${getEnv().APP_URL}/fundraise/confirm-tips?t=${tipsConfirmationToken(signupId)}`
}

/**
 * Records a "learn more about fundraising" sign-up and queues the welcome
 * email in the same transaction. Signing up again keeps one person and
 * sends one welcome per person. A ticked consent box is only a request: the
 * welcome carries a "yes, send me tips" link, and consent (with the coaching
 * sequence) starts when the address confirms it.
 */
export async function recordLearnMoreSignup(signup: LearnMoreSignup) {
	return db().transaction((tx) => addLearnMoreSignup(tx, signup))
}

export type LearnMoreSignupResult = { status: 'created' | 'repeated'; signupId: string } | { status: 'stale' }

/**
 * The sign-up form's way in: one sign-up per form token, so the same form
 * sent twice (a double click, a resent page) records one sign-up and answers
 * like the first.
 */
export async function submitLearnMoreSignup(
	signup: LearnMoreSignup,
	formToken: string | null,
): Promise<LearnMoreSignupResult> {
	const recorded = await createOnce({ token: formToken, action: 'learn-more', personId: null }, async (tx) => ({
		id: (await addLearnMoreSignup(tx, signup)).signupId,
	}))
	if (recorded.status === 'created' || recorded.status === 'repeated')
		return { status: recorded.status, signupId: recorded.id }
	return { status: 'stale' }
}

async function addLearnMoreSignup(tx: Tx, signup: LearnMoreSignup) {
	const { person, created } = await findOrCreatePersonByEmail(tx, signup)
	// The arm is measured from a person's first sign-up; someone already known keeps theirs for their own actions.
	if (created) await assignCoachingArm(tx, person.id)
	const [row] = await tx
		.insert(signups)
		.values({ personId: person.id, idea: signup.idea, emailConsent: signup.emailConsent })
		.returning({ id: signups.id })
	const signupId = row!.id
	const confirmTipsUrl = signup.emailConsent ? tipsConfirmationUrl(signupId) : null
	// The name we greet is the one the person gave us, not what this form typed for them.
	const welcomeEmailId = await queueEmail(tx, {
		template: 'signup-welcome',
		causeKey: `signup-welcome:${person.id}`,
		to: person.email,
		personId: person.id,
		data: { firstName: person.firstName, idea: signup.idea, confirmTipsUrl },
	})
	if (!welcomeEmailId && confirmTipsUrl) {
		// Their welcome went out before; one confirmation email per person, so the form cannot flood an inbox.
		await queueEmail(tx, {
			template: 'signup-confirm-tips',
			causeKey: `signup-confirm-tips:${person.id}`,
			to: person.email,
			personId: person.id,
			data: { firstName: person.firstName, confirmTipsUrl },
		})
	}
	return { personId: person.id, signupId, welcomeEmailId }
}

export type TipsConfirmation =
	{ status: 'confirmed'; firstName: string; email: string } | { status: 'invalid' | 'expired'; message: string }

const invalidLink: TipsConfirmation = {
	status: 'invalid',
	message: 'This link is not valid. It may have been copied only in part — please use the link in your welcome email.',
}

/**
 * The address confirmed the consent ticked on a sign-up: record it, and start
 * the sign-up coaching sequence. Confirming twice changes nothing more.
 */
export async function confirmTipsConsent(token: string, now = new Date()): Promise<TipsConfirmation> {
	const signupId = readTipsConfirmationToken(token.trim())
	if (!signupId) return invalidLink
	return db().transaction(async (tx) => {
		const [found] = await tx
			.select({
				signup: signups,
				person: people,
				expired: sql<boolean>`${signups.createdAt} + ${`${TIPS_CONFIRMATION_DAYS} days`}::interval <= now()`,
			})
			.from(signups)
			.innerJoin(people, eq(people.id, signups.personId))
			.where(eq(signups.id, signupId))
		if (!found || !found.signup.emailConsent || found.person.deletedAt) return invalidLink
		const { signup, person } = found
		const confirmed = { status: 'confirmed' as const, firstName: person.firstName, email: person.email }
		if (signup.consentConfirmedAt) return confirmed
		if (found.expired) {
			return {
				status: 'expired' as const,
				message: `This link has expired: they work for ${TIPS_CONFIRMATION_DAYS} days. You can choose your emails from your account page, or sign up again.`,
			}
		}
		const [claimed] = await tx
			.update(signups)
			.set({ consentConfirmedAt: sql`now()` })
			.where(and(eq(signups.id, signup.id), isNull(signups.consentConfirmedAt)))
			.returning({ id: signups.id })
		// A second press racing the first: the first does the work.
		if (!claimed) return confirmed
		await tx
			.update(people)
			.set({
				emailConsentAt: sql`coalesce(${people.emailConsentAt}, now())`,
				coachingEmails: true,
				updatedAt: sql`now()`,
			})
			.where(eq(people.id, person.id))
		// Asking again for tips lifts an earlier "unsubscribe from everything" (never a bounce or spam report).
		await tx
			.delete(suppressions)
			.where(and(eq(suppressions.emailKey, person.emailKey), eq(suppressions.reason, 'unsubscribed from everything')))
		await scheduleSignupSequence(
			tx,
			{ id: person.id, email: person.email, firstName: person.firstName, idea: signup.idea },
			now,
		)
		return confirmed
	})
}
