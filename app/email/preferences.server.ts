import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { type DbOrTx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { donations, emails, people, suppressions } from '#db/schema.ts'

/** Kinds of email a person can turn off. Transactional email (receipts, sign-in codes) is always sent. */
export const optionalCategories = ['coaching', 'updates', 'news'] as const
export type OptionalCategory = (typeof optionalCategories)[number]
export type EmailCategory = OptionalCategory | 'transactional' | 'staff'
export type UnsubscribeScope = OptionalCategory | 'all'

const emailKey = (email: string) => email.trim().toLowerCase()

function sign(payload: string) {
	return createHmac('sha256', getEnv().SESSION_SECRET).update(`email-preferences:${payload}`).digest('base64url')
}

/** A signed token naming an address and what to unsubscribe from: works without signing in, cannot be forged. */
export function unsubscribeToken(email: string, scope: UnsubscribeScope): string {
	const payload = Buffer.from(JSON.stringify({ e: emailKey(email), s: scope })).toString('base64url')
	return `${payload}.${sign(payload)}`
}

export function readUnsubscribeToken(token: string): { email: string; scope: UnsubscribeScope } | null {
	const [payload, signature] = token.split('.')
	if (!payload || !signature) return null
	const expected = Buffer.from(sign(payload))
	const given = Buffer.from(signature)
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
	try {
		const { e, s } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; s?: unknown }
		const scopes: unknown[] = [...optionalCategories, 'all']
		if (typeof e !== 'string' || !scopes.includes(s)) return null
		return { email: e, scope: s as UnsubscribeScope }
	} catch {
		return null
	}
}

export function unsubscribeLinks(email: string, category: OptionalCategory) {
	const base = getEnv().APP_URL
	return {
		unsubscribeUrl: `${base}/email/unsubscribe?t=${unsubscribeToken(email, category)}`,
		preferencesUrl: `${base}/email/preferences?t=${unsubscribeToken(email, 'all')}`,
	}
}

export async function isSuppressed(tx: DbOrTx, email: string) {
	const [row] = await tx
		.select({ key: suppressions.emailKey })
		.from(suppressions)
		.where(eq(suppressions.emailKey, emailKey(email)))
	return Boolean(row)
}

export async function suppressAddress(tx: DbOrTx, email: string, reason: string) {
	await tx
		.insert(suppressions)
		.values({ emailKey: emailKey(email), reason })
		.onConflictDoNothing()
	await cancelPendingEmails(tx, email, ['coaching', 'updates', 'news'])
}

/**
 * Whether an email of this category may go to this address now. Checked when
 * it is scheduled, released and sent, so an opt-out always wins.
 */
export async function mayReceive(tx: DbOrTx, category: string, toEmail: string): Promise<boolean> {
	if (category === 'transactional' || category === 'staff') return true
	if (await isSuppressed(tx, toEmail)) return false
	const [person] = await tx
		.select()
		.from(people)
		.where(eq(people.emailKey, emailKey(toEmail)))
	if (category === 'coaching')
		return Boolean(person?.coachingEmails) && person?.coachingArm !== 'holdout' && !person?.deletedAt
	if (category === 'updates') return person ? person.updateEmails && !person.deletedAt : true
	if (category === 'news') return Boolean(person?.emailConsentAt) && !person?.deletedAt
	return false
}

/** Stops, at once, every scheduled or queued email of these categories to the address. */
export async function cancelPendingEmails(tx: DbOrTx, email: string, categories: string[]) {
	await tx
		.update(emails)
		.set({ status: 'cancelled', lastError: 'unsubscribed' })
		.where(
			and(
				sql`lower(${emails.toEmail}) = ${emailKey(email)}`,
				inArray(emails.category, categories),
				inArray(emails.status, ['scheduled', 'queued']),
			),
		)
}

/** Applies an unsubscribe (one category, or everything but transactional email). */
export async function unsubscribe(email: string, scope: UnsubscribeScope) {
	const key = emailKey(email)
	await db().transaction(async (tx) => {
		const categories = scope === 'all' ? ['coaching', 'updates', 'news'] : [scope]
		const set: Partial<typeof people.$inferInsert> = { updatedAt: new Date() }
		if (categories.includes('coaching')) set.coachingEmails = false
		if (categories.includes('updates')) set.updateEmails = false
		if (categories.includes('news')) set.emailConsentAt = null
		await tx.update(people).set(set).where(eq(people.emailKey, key))
		if (categories.includes('updates')) {
			await tx
				.update(donations)
				.set({ updatesOptIn: false })
				.where(sql`lower(${donations.donorEmail}) = ${key}`)
		}
		if (categories.includes('news')) {
			await tx
				.update(donations)
				.set({ marketingOptIn: false })
				.where(sql`lower(${donations.donorEmail}) = ${key}`)
		}
		if (scope === 'all')
			await tx
				.insert(suppressions)
				.values({ emailKey: key, reason: 'unsubscribed from everything' })
				.onConflictDoNothing()
		await cancelPendingEmails(tx, key, categories)
	})
}

export type EmailPreferences = { coaching: boolean; updates: boolean; news: boolean }

export async function getEmailPreferences(email: string): Promise<EmailPreferences> {
	const [person] = await db()
		.select()
		.from(people)
		.where(eq(people.emailKey, emailKey(email)))
	const suppressed = await isSuppressed(db(), email)
	return {
		coaching: !suppressed && Boolean(person?.coachingEmails ?? true),
		updates: !suppressed && Boolean(person?.updateEmails ?? true),
		news: !suppressed && Boolean(person?.emailConsentAt),
	}
}

/** Saves the preferences page: turning a kind off also stops what is pending of it. */
export async function saveEmailPreferences(email: string, wanted: EmailPreferences) {
	const key = emailKey(email)
	const off = optionalCategories.filter((c) => !wanted[c])
	await db().transaction(async (tx) => {
		await tx
			.delete(suppressions)
			.where(and(eq(suppressions.emailKey, key), eq(suppressions.reason, 'unsubscribed from everything')))
		await tx
			.update(people)
			.set({
				coachingEmails: wanted.coaching,
				updateEmails: wanted.updates,
				emailConsentAt: wanted.news ? sql`coalesce(${people.emailConsentAt}, now())` : null,
				updatedAt: new Date(),
			})
			.where(eq(people.emailKey, key))
		if (off.length) await cancelPendingEmails(tx, key, off)
	})
}

/** Assigns a person to the coaching or hold-out arm once, by the configured share. */
export async function assignCoachingArm(tx: DbOrTx, personId: string) {
	const share = getEnv().COACHING_HOLDOUT_PERCENT
	const arm = Math.random() * 100 < share ? 'holdout' : 'coached'
	await tx
		.update(people)
		.set({ coachingArm: arm })
		.where(and(eq(people.id, personId), sql`${people.coachingArm} is null`))
}
