import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { consumeClientIpRateLimit } from '#app/utils/rate-limit-ip.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { db } from '#db/index.server.ts'
import { people, signInCodes, type Person } from '#db/schema.ts'
import { findOrCreatePersonByEmail } from './signups.server.ts'

/** How long an emailed code and link work. */
export const SIGN_IN_CODE_MINUTES = 10
/** Wrong codes after which a challenge is void (its link too). */
export const MAX_WRONG_CODES = 5
/** Where people land after signing in when they were not on their way somewhere. */
export const DEFAULT_AFTER_SIGN_IN = '/dashboard'

/** Where someone lands after signing in with nowhere else asked for: staff work in the staff area. */
export function defaultAfterSignIn(role: Person['role']): string {
	return role === 'staff' || role === 'admin' ? '/staff' : DEFAULT_AFTER_SIGN_IN
}

const EMAIL_LIMIT = { limit: 5, windowSeconds: 15 * 60 }
/** Code emails per address per day: each one lands in the owner's inbox, asked for or not. */
const EMAIL_DAILY_LIMIT = { limit: 10, windowSeconds: 24 * 60 * 60 }
const IP_LIMIT = { limit: 20, windowSeconds: 60 * 60 }
/** Typed codes per IP, whatever the address: one guesser spreading over many addresses. */
const VERIFY_IP_LIMIT = { limit: 30, windowSeconds: 15 * 60 }
/** Voided challenges (wrong codes used them up) within a day after which sign-in by code pauses. */
export const VOIDED_CODES_BEFORE_PAUSE = 3
export const SIGN_IN_PAUSE_MINUTES = 60

/**
 * A local path to send someone to, or null. Only paths on this site pass:
 * "//evil.com", "/\evil.com" and absolute URLs would leave it.
 */
export function localPathOrNull(to: unknown): string | null {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//')) return null
	// Browsers read a backslash as a slash and strip control characters; no
	// address of ours needs anything outside ASCII, and look-alike slashes
	// ("/\u2215\u2215evil.example") cannot even be sent in a Location header.
	// Anything but printable ASCII (space to tilde), or a backslash, is refused.
	if (/[^ -[\]-~]/.test(to)) return null
	const base = 'http://local.invalid'
	let url: URL
	try {
		url = new URL(to, base)
	} catch {
		return null
	}
	if (url.origin !== base) return null
	// Coming back to the sign-in pages after signing in would only loop.
	if (/^\/(login|logout)(\/|$)/.test(url.pathname)) return null
	return to
}

/** A local path to send someone to, or the fallback. */
export function safeRedirect(to: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
	return localPathOrNull(to) ?? fallback
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

function inMinutes(seconds: number) {
	const minutes = Math.max(1, Math.ceil(seconds / 60))
	return `${minutes} minute${minutes === 1 ? '' : 's'}`
}

function rateLimited(retryAfterSeconds: number): RequestSignInResult {
	return {
		status: 'rate-limited',
		message: `We've sent several sign-in emails already. Please check your inbox (and spam folder) for the latest one, or try again in ${inMinutes(retryAfterSeconds)}.`,
		retryAfterSeconds,
	}
}

function pausedMessage(retryAfterSeconds: number) {
	return `Sign-in with a code is paused for this address after several wrong codes, to keep the account safe. Please try again in ${inMinutes(retryAfterSeconds)}, or contact us if this was not you.`
}

/**
 * Whether sign-in by code is paused for the address: after repeatedly voided
 * challenges, for an hour from the latest. Returns the seconds left, or 0.
 */
async function signInPausedFor(email: string): Promise<number> {
	const [row] = await db()
		.select({
			voided: sql<number>`count(*) filter (where ${signInCodes.voidedAt} > now() - interval '24 hours')`.mapWith(
				Number,
			),
			secondsLeft:
				sql<number>`coalesce(ceil(extract(epoch from (max(${signInCodes.voidedAt}) + ${`${SIGN_IN_PAUSE_MINUTES} minutes`}::interval - now()))), 0)::int`.mapWith(
					Number,
				),
		})
		.from(signInCodes)
		.where(eq(sql`lower(${signInCodes.email})`, sql`lower(${email})`))
	if (!row || row.voided < VOIDED_CODES_BEFORE_PAUSE) return 0
	return Math.max(0, row.secondsLeft)
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
	const byIp = await consumeClientIpRateLimit('sign-in', input.clientIp, IP_LIMIT)
	if (!byIp.allowed) return rateLimited(byIp.retryAfterSeconds)
	const paused = await signInPausedFor(email)
	if (paused > 0) return { status: 'rate-limited', message: pausedMessage(paused), retryAfterSeconds: paused }
	const byEmail = await consumeRateLimit(`sign-in:email:${email.toLowerCase()}`, EMAIL_LIMIT)
	if (!byEmail.allowed) return rateLimited(byEmail.retryAfterSeconds)
	const byEmailToday = await consumeRateLimit(`sign-in:email-day:${email.toLowerCase()}`, EMAIL_DAILY_LIMIT)
	if (!byEmailToday.allowed) return rateLimited(byEmailToday.retryAfterSeconds)

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
			// Null when none was asked for: the default depends on who signs in.
			redirectTo: localPathOrNull(input.redirectTo),
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

export type SignInFailureReason =
	| 'no-challenge'
	| 'expired'
	| 'used'
	| 'too-many-attempts'
	| 'wrong-code'
	| 'invalid-link'
	/** Too many codes typed from this IP. */
	| 'rate-limited'
	/** Sign-in by code is paused for the address after repeatedly voided codes. */
	| 'paused'

export type SignInResult =
	| { ok: true; person: Person; redirectTo: string }
	| { ok: false; reason: SignInFailureReason; message: string; attemptsLeft?: number; retryAfterSeconds?: number }

function failure(
	reason: Exclude<SignInFailureReason, 'wrong-code' | 'rate-limited' | 'paused'>,
	via: 'code' | 'link',
): SignInResult {
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
		const { person } = await findOrCreatePersonByEmail(tx, { email: used.email })
		return { person, redirectTo: safeRedirect(used.redirectTo, defaultAfterSignIn(person.role)) }
	})
	if (outcome) return { ok: true, ...outcome }
	return failure(whyUnusable(await reloadChallenge(challengeId)) ?? 'used', via)
}

/**
 * The third voided challenge in a day pauses sign-in by code for the
 * address; staff see it in the audit log (no staff member did it).
 */
async function pauseIfRepeatedlyVoided(email: string): Promise<number> {
	const paused = await signInPausedFor(email)
	if (paused > 0) {
		await recordAudit(db(), {
			actorId: null,
			action: 'sign_in.paused',
			subjectType: 'email',
			subjectId: email.toLowerCase(),
			reason: `Sign-in locked for ${email.toLowerCase()} for ${SIGN_IN_PAUSE_MINUTES} minutes: ${VOIDED_CODES_BEFORE_PAUSE} or more sign-in codes were used up by wrong guesses within 24 hours.`,
		})
	}
	return paused
}

/** Checks a typed code against the newest challenge for the email address. */
export async function verifySignInCode(input: {
	email: string
	code: string
	clientIp: string
}): Promise<SignInResult> {
	const byIp = await consumeClientIpRateLimit('sign-in-verify', input.clientIp, VERIFY_IP_LIMIT)
	if (!byIp.allowed) {
		return {
			ok: false,
			reason: 'rate-limited',
			retryAfterSeconds: byIp.retryAfterSeconds,
			message: `Too many codes have been tried from your connection. Please try again in ${inMinutes(byIp.retryAfterSeconds)}.`,
		}
	}
	const paused = await signInPausedFor(input.email.trim())
	if (paused > 0) return { ok: false, reason: 'paused', retryAfterSeconds: paused, message: pausedMessage(paused) }
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
			.set({
				failedAttempts: sql`${signInCodes.failedAttempts} + 1`,
				voidedAt: sql`case when ${signInCodes.failedAttempts} + 1 >= ${MAX_WRONG_CODES} then now() end`,
			})
			.where(
				and(
					eq(signInCodes.id, challenge.id),
					isNull(signInCodes.usedAt),
					lt(signInCodes.failedAttempts, MAX_WRONG_CODES),
				),
			)
			.returning({ failedAttempts: signInCodes.failedAttempts })
		if (!counted) return failure(whyUnusable(await reloadChallenge(challenge.id)) ?? 'used', 'code')
		const attemptsLeft = MAX_WRONG_CODES - counted.failedAttempts
		if (attemptsLeft <= 0) {
			const pausedNow = await pauseIfRepeatedlyVoided(input.email.trim())
			if (pausedNow > 0)
				return { ok: false, reason: 'paused', retryAfterSeconds: pausedNow, message: pausedMessage(pausedNow) }
			return failure('too-many-attempts', 'code')
		}
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
