import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { db } from '#db/index.server.ts'
import { people, signInCodes, type Person } from '#db/schema.ts'
import { upsertPersonByEmail } from './signups.server.ts'

/** How long an emailed code and link work. */
export const SIGN_IN_CODE_MINUTES = 10
/** Wrong codes after which a challenge is void (its link too). */
export const MAX_WRONG_CODES = 5
/** Where people land after signing in when they were not on their way somewhere. */
export const DEFAULT_AFTER_SIGN_IN = '/dashboard'

const EMAIL_LIMIT = { limit: 5, windowSeconds: 15 * 60 }
const IP_LIMIT = { limit: 20, windowSeconds: 60 * 60 }

/**
 * A local path to send someone to, or the fallback. Only paths on this site
 * pass: "//evil.com", "/\evil.com" and absolute URLs would leave it.
 */
export function safeRedirect(to: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//')) return fallback
	// Browsers read a backslash as a slash and strip control characters; no
	// address of ours needs anything outside ASCII, and look-alike slashes
	// ("/\u2215\u2215evil.example") cannot even be sent in a Location header.
	if (/[\\\u0000-\u001f\u007f-\uffff]/.test(to)) return fallback
	const base = 'http://local.invalid'
	let url: URL
	try {
		url = new URL(to, base)
	} catch {
		return fallback
	}
	if (url.origin !== base) return fallback
	// Coming back to the sign-in pages after signing in would only loop.
	if (/^\/(login|logout)(\/|$)/.test(url.pathname)) return fallback
	return to
}

// The code has only a million values, so its hash is keyed with the server's
// secret and salted with the challenge id: a leaked table cannot be reversed
// by hashing every code once.
function hashCode(challengeId: string, code: string) {
	return createHmac('sha256', getEnv().SESSION_SECRET).update(`${challengeId}:${code}`).digest('hex')
}

// The link token has 256 random bits; a plain hash is enough and lets the
// token itself be looked up through the unique index.
function hashToken(token: string) {
	return createHash('sha256').update(token).digest('hex')
}

function sameHash(a: string, b: string) {
	const left = Buffer.from(a, 'hex')
	const right = Buffer.from(b, 'hex')
	return left.length === right.length && timingSafeEqual(left, right)
}

export type RequestSignInResult =
	| { status: 'sent'; challengeId: string; emailId: string | null }
	| { status: 'rate-limited'; message: string; retryAfterSeconds: number }

function rateLimited(retryAfterSeconds: number): RequestSignInResult {
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
	return {
		status: 'rate-limited',
		message: `We've sent several sign-in emails already. Please check your inbox (and spam folder) for the latest one, or try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
		retryAfterSeconds,
	}
}

/**
 * Emails a 6-digit code and a one-click link to an address. The answer is
 * the same whether or not anyone has that address here: the account is only
 * made when the code or link comes back.
 */
export async function requestSignIn(input: {
	email: string
	redirectTo?: string | null
	clientIp: string
}): Promise<RequestSignInResult> {
	const email = input.email.trim()
	const byIp = await consumeRateLimit(`sign-in:ip:${input.clientIp}`, IP_LIMIT)
	if (!byIp.allowed) return rateLimited(byIp.retryAfterSeconds)
	const byEmail = await consumeRateLimit(`sign-in:email:${email.toLowerCase()}`, EMAIL_LIMIT)
	if (!byEmail.allowed) return rateLimited(byEmail.retryAfterSeconds)

	// The id is chosen here because the code's hash is salted with it.
	const challengeId = randomUUID()
	const code = randomInt(0, 1_000_000).toString().padStart(6, '0')
	const linkToken = randomBytes(32).toString('base64url')
	return db().transaction(async (tx) => {
		const [known] = await tx
			.select({ id: people.id })
			.from(people)
			.where(and(eq(people.emailKey, sql`lower(${email})`), isNull(people.deletedAt)))
		await tx.insert(signInCodes).values({
			id: challengeId,
			email,
			codeHash: hashCode(challengeId, code),
			linkTokenHash: hashToken(linkToken),
			expiresAt: sql`now() + ${`${SIGN_IN_CODE_MINUTES} minutes`}::interval`,
			redirectTo: safeRedirect(input.redirectTo),
		})
		const emailId = await queueEmail(tx, {
			template: 'sign-in-code',
			causeKey: `sign-in:${challengeId}`,
			to: email,
			personId: known?.id ?? null,
			data: { code, linkToken, expiresInMinutes: SIGN_IN_CODE_MINUTES },
		})
		return { status: 'sent' as const, challengeId, emailId }
	})
}

export type SignInFailureReason = 'no-challenge' | 'expired' | 'used' | 'too-many-attempts' | 'wrong-code' | 'invalid-link'

export type SignInResult =
	| { ok: true; person: Person; redirectTo: string }
	| { ok: false; reason: SignInFailureReason; message: string; attemptsLeft?: number }

function failure(reason: Exclude<SignInFailureReason, 'wrong-code'>, via: 'code' | 'link'): SignInResult {
	const what = via === 'code' ? 'code' : 'sign-in link'
	const messages = {
		'no-challenge': 'We have no sign-in code waiting for that email address. Please ask for a new one.',
		'invalid-link': 'This sign-in link is not valid. It may have been copied only in part — please ask for a new one.',
		expired: `That ${what} has expired: they last ${SIGN_IN_CODE_MINUTES} minutes. Please ask for a new one.`,
		used: `That ${what} has already been used. Please ask for a new one.`,
		'too-many-attempts': `Too many wrong codes were tried, so this ${what} no longer works. Please ask for a new one.`,
	} satisfies Record<typeof reason, string>
	return { ok: false, reason, message: messages[reason] }
}

type ChallengeState = {
	id: string
	usedAt: Date | null
	failedAttempts: number
	expired: boolean
}

const challengeColumns = {
	id: signInCodes.id,
	codeHash: signInCodes.codeHash,
	usedAt: signInCodes.usedAt,
	failedAttempts: signInCodes.failedAttempts,
	// Compared in the database so the app server's clock cannot disagree with it.
	expired: sql<boolean>`${signInCodes.expiresAt} <= now()`,
}

function whyUnusable(challenge: ChallengeState): 'used' | 'too-many-attempts' | 'expired' | null {
	if (challenge.usedAt) return 'used'
	if (challenge.failedAttempts >= MAX_WRONG_CODES) return 'too-many-attempts'
	if (challenge.expired) return 'expired'
	return null
}

async function reloadChallenge(challengeId: string) {
	const [row] = await db().select(challengeColumns).from(signInCodes).where(eq(signInCodes.id, challengeId))
	return row!
}

/**
 * Uses up a challenge and signs its email in, making the person if they are
 * new. The update only succeeds while the challenge is unused, so two
 * requests racing with one code cannot both sign in.
 */
async function completeSignIn(challengeId: string, via: 'code' | 'link'): Promise<SignInResult> {
	const outcome = await db().transaction(async (tx) => {
		const [used] = await tx
			.update(signInCodes)
			.set({ usedAt: sql`now()` })
			.where(
				and(
					eq(signInCodes.id, challengeId),
					isNull(signInCodes.usedAt),
					lt(signInCodes.failedAttempts, MAX_WRONG_CODES),
					gt(signInCodes.expiresAt, sql`now()`),
				),
			)
			.returning({ email: signInCodes.email, redirectTo: signInCodes.redirectTo })
		if (!used) return null
		// The same person as a "learn more" sign-up with this address, whatever its case.
		const { id } = await upsertPersonByEmail(tx, { email: used.email })
		const [person] = await tx.select().from(people).where(eq(people.id, id))
		return { person: person!, redirectTo: safeRedirect(used.redirectTo) }
	})
	if (outcome) return { ok: true, ...outcome }
	return failure(whyUnusable(await reloadChallenge(challengeId)) ?? 'used', via)
}

/** Checks a typed code against the newest challenge for the email address. */
export async function verifySignInCode(input: { email: string; code: string }): Promise<SignInResult> {
	const [challenge] = await db()
		.select(challengeColumns)
		.from(signInCodes)
		.where(eq(sql`lower(${signInCodes.email})`, sql`lower(${input.email.trim()})`))
		.orderBy(desc(signInCodes.createdAt))
		.limit(1)
	if (!challenge) return failure('no-challenge', 'code')
	const unusable = whyUnusable(challenge)
	if (unusable) return failure(unusable, 'code')

	const code = input.code.replace(/\s+/g, '')
	if (!sameHash(hashCode(challenge.id, code), challenge.codeHash)) {
		const [counted] = await db()
			.update(signInCodes)
			.set({ failedAttempts: sql`${signInCodes.failedAttempts} + 1` })
			.where(
				and(eq(signInCodes.id, challenge.id), isNull(signInCodes.usedAt), lt(signInCodes.failedAttempts, MAX_WRONG_CODES)),
			)
			.returning({ failedAttempts: signInCodes.failedAttempts })
		if (!counted) return failure(whyUnusable(await reloadChallenge(challenge.id)) ?? 'used', 'code')
		const attemptsLeft = MAX_WRONG_CODES - counted.failedAttempts
		if (attemptsLeft <= 0) return failure('too-many-attempts', 'code')
		return {
			ok: false,
			reason: 'wrong-code',
			attemptsLeft,
			message: `That code is not right. Please check the email and try again (${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left).`,
		}
	}
	return completeSignIn(challenge.id, 'code')
}

/** Signs in with the token from an emailed link. */
export async function verifySignInLink(token: string): Promise<SignInResult> {
	const [challenge] = await db()
		.select(challengeColumns)
		.from(signInCodes)
		.where(eq(signInCodes.linkTokenHash, hashToken(token.trim())))
	if (!challenge) return failure('invalid-link', 'link')
	const unusable = whyUnusable(challenge)
	if (unusable) return failure(unusable, 'link')
	return completeSignIn(challenge.id, 'link')
}
