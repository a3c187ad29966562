import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import { sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { db } from '#db/index.server.ts'
import { donationLimitAlerts, donations, spentDonationChallenges, type donationLimitSignal } from '#db/schema.ts'

/**
 * Donation limits. Card testing happens on Stripe's own page (Radar handles
 * it); what this side stops is a flood of checkout sessions and repeated
 * failures. Crowds share addresses (a venue's Wi-Fi, a carrier's NAT), so a
 * limit never refuses a donor: past one, the browser does a short
 * proof-of-work (ALTCHA) first, or, without JavaScript, the donor waits a few
 * seconds and presses again. Successful gifts count against no one.
 */

export type DonationLimitSignal = (typeof donationLimitSignal.enumValues)[number]

export type TrippedLimit = { signal: DonationLimitSignal; observed: number; threshold: number; subject: string | null }

/** A checkout still open after this long is counted as abandoned, whether or not Stripe has said so yet. */
const ABANDONED_AFTER_MINUTES = 30
/** How long a donor has to solve a challenge, and to come back with a wait pass. */
const CHALLENGE_LIFETIME_SECONDS = 20 * 60
/** PBKDF2 rounds per try: with DONATION_CHALLENGE_DIFFICULTY tries at most, about a second on a phone by default. */
const CHALLENGE_COST = 1000
const ALGORITHM = 'PBKDF2/SHA-256'

/** The limits this donation start passes, each with what was counted. */
export async function findTrippedLimits(input: {
	ipHash: string
	email: string
	campaignId: string
}): Promise<TrippedLimit[]> {
	const env = getEnv()
	// Bound as text with a cast: raw Dates in a sql template are not serialised by every driver.
	const minutesAgo = (minutes: number) => sql`${new Date(Date.now() - minutes * 60_000).toISOString()}::timestamptz`
	const failuresSince = minutesAgo(env.DONATION_FAILURE_WINDOW_MINUTES)
	const abandonedBefore = minutesAgo(ABANDONED_AFTER_MINUTES)
	const lastMinute = minutesAgo(1)
	// Failed, expired, or left open for half an hour: what a failing card or a session flood leaves behind.
	const endedBadly = sql`(${donations.status} in ('failed', 'expired') or (${donations.status} = 'pending' and ${donations.createdAt} < ${abandonedBefore}))`
	const online = sql`${donations.channel} = 'online'`
	// One round trip; each count uses its own index (IP, campaign or time).
	const [counts] = await db()
		.select({
			ipFailures:
				sql<number>`(select count(*) from ${donations} where ${online} and ${donations.clientIpHash} = ${input.ipHash} and ${donations.createdAt} > ${failuresSince} and ${endedBadly})`.mapWith(
					Number,
				),
			emailFailures:
				sql<number>`(select count(*) from ${donations} where ${online} and ${donations.createdAt} > ${failuresSince} and lower(${donations.donorEmail}) = ${input.email.toLowerCase()} and ${endedBadly})`.mapWith(
					Number,
				),
			ipStarts:
				sql<number>`(select count(*) from ${donations} where ${online} and ${donations.clientIpHash} = ${input.ipHash} and ${donations.createdAt} > ${minutesAgo(10)})`.mapWith(
					Number,
				),
			campaignStarts:
				sql<number>`(select count(*) from ${donations} where ${online} and ${donations.campaignId} = ${input.campaignId} and ${donations.createdAt} > ${lastMinute})`.mapWith(
					Number,
				),
			allStarts:
				sql<number>`(select count(*) from ${donations} where ${online} and ${donations.createdAt} > ${lastMinute})`.mapWith(
					Number,
				),
		})
		.from(sql`(select 1) as one`)
	const c = counts!
	const connection = `connection ${input.ipHash.slice(0, 8)}`
	const checks: [DonationLimitSignal, number, number, string | null][] = [
		['ip_failures', c.ipFailures, env.DONATION_IP_FAILURES_BEFORE_CHALLENGE, connection],
		['email_failures', c.emailFailures, env.DONATION_EMAIL_FAILURES_BEFORE_CHALLENGE, input.email.toLowerCase()],
		['ip_starts', c.ipStarts, env.DONATION_IP_STARTS_PER_10_MINUTES, connection],
		['campaign_velocity', c.campaignStarts, env.DONATION_CAMPAIGN_STARTS_PER_MINUTE, null],
		['global_velocity', c.allStarts, env.DONATION_GLOBAL_STARTS_PER_MINUTE, null],
	]
	return checks
		.filter(([, observed, threshold]) => observed >= threshold)
		.map(([signal, observed, threshold, subject]) => ({ signal, observed, threshold, subject }))
}

/** What the donate page needs to ask for a check: the ALTCHA challenge, and the no-JavaScript wait pass. */
export type DonationChallenge = { altcha: string; waitPass: string; waitSeconds: number }

const sign = (text: string) => createHmac('sha256', getEnv().ALTCHA_HMAC_KEY).update(text).digest('base64url')

/** A wait pass: when it was issued and for which connection, signed so it cannot be back-dated or moved. */
function makeWaitPass(ipHash: string, issuedAtSeconds = Math.floor(Date.now() / 1000)) {
	return `${issuedAtSeconds}.${sign(`donation-wait:${issuedAtSeconds}:${ipHash}`)}`
}

/** A fresh challenge; a wait pass the donor already holds is handed back, so pressing early does not restart the wait. */
export async function issueDonationChallenge(ipHash: string, waitPass?: string | null): Promise<DonationChallenge> {
	const env = getEnv()
	const difficulty = env.DONATION_CHALLENGE_DIFFICULTY
	const challenge = await createChallenge({
		algorithm: ALGORITHM,
		cost: CHALLENGE_COST,
		// Deterministic mode: the browser counts up to a number we chose, so the work is bounded and verifying it is one derivation.
		counter: randomInt(Math.ceil(difficulty / 2), difficulty + 1),
		deriveKey,
		expiresAt: Math.floor(Date.now() / 1000) + CHALLENGE_LIFETIME_SECONDS,
		hmacSignatureSecret: env.ALTCHA_HMAC_KEY,
	})
	return {
		altcha: JSON.stringify(challenge),
		waitPass: waitPass ?? makeWaitPass(ipHash),
		waitSeconds: env.DONATION_NOJS_WAIT_SECONDS,
	}
}

/** Marks a challenge or pass used; false when it already was (the unique key decides, so two racing posts cannot both pass). */
async function spend(signature: string, expiresAt: Date) {
	const rows = await db()
		.insert(spentDonationChallenges)
		.values({ signature, expiresAt })
		.onConflictDoNothing()
		.returning({ signature: spentDonationChallenges.signature })
	return rows.length === 1
}

function parseAltchaPayload(payload: string): { challenge: Challenge; solution: Solution } | null {
	try {
		const parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as {
			challenge?: Challenge
			solution?: Solution
		}
		if (!parsed?.challenge?.parameters || typeof parsed.challenge.signature !== 'string' || !parsed.solution)
			return null
		return { challenge: parsed.challenge, solution: parsed.solution }
	} catch {
		return null
	}
}

async function verifyAltcha(payload: string): Promise<boolean> {
	const parsed = parseAltchaPayload(payload)
	if (!parsed) return false
	const { challenge, solution } = parsed
	if (challenge.parameters.algorithm !== ALGORITHM || challenge.parameters.cost !== CHALLENGE_COST) return false
	let verified = false
	try {
		verified = (await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: getEnv().ALTCHA_HMAC_KEY }))
			.verified
	} catch {
		// Malformed parameters under a valid-looking signature: not a pass.
		return false
	}
	if (!verified) return false
	const expiresAt = new Date((challenge.parameters.expiresAt ?? Date.now() / 1000 + CHALLENGE_LIFETIME_SECONDS) * 1000)
	return spend(`altcha:${challenge.signature}`, expiresAt)
}

export type PassOutcome =
	| { ok: true }
	/** No pass, or one that does not hold (forged, expired, used). */
	| { ok: false; reason: 'missing' }
	/** A genuine wait pass, handed back before its wait is over. */
	| { ok: false; reason: 'too_soon'; waitPass: string; secondsLeft: number }
	/** This connection has used its share of no-JavaScript passes for the hour. */
	| { ok: false; reason: 'no_js_limit' }

/** Redeems the check a donor came back with: a solved ALTCHA challenge, or a wait pass whose wait is over. Each works once. */
export async function redeemDonationPass(
	pass: { altcha?: string | null; waitPass?: string | null },
	ipHash: string,
): Promise<PassOutcome> {
	if (pass.altcha && (await verifyAltcha(pass.altcha))) return { ok: true }
	const waitPass = pass.waitPass
	if (!waitPass) return { ok: false, reason: 'missing' }
	const [issuedText = '', signature = ''] = waitPass.split('.')
	const issuedAt = Number(issuedText)
	const expected = Number.isSafeInteger(issuedAt) ? makeWaitPass(ipHash, issuedAt) : ''
	const genuine = expected.length === waitPass.length && timingSafeEqual(Buffer.from(expected), Buffer.from(waitPass))
	const age = Math.floor(Date.now() / 1000) - issuedAt
	if (!genuine || !signature || age > CHALLENGE_LIFETIME_SECONDS) return { ok: false, reason: 'missing' }
	const secondsLeft = getEnv().DONATION_NOJS_WAIT_SECONDS - age
	if (secondsLeft > 0) return { ok: false, reason: 'too_soon', waitPass, secondsLeft }
	// Passes could be collected in bulk and all redeemed after one wait: a connection gets only a few an hour.
	const perHour = await consumeRateLimit(`donate:wait-pass:${ipHash}`, {
		limit: getEnv().DONATION_NOJS_PASSES_PER_HOUR,
		windowSeconds: 3600,
	})
	if (!perHour.allowed) return { ok: false, reason: 'no_js_limit' }
	const spent = await spend(`wait:${waitPass}`, new Date((issuedAt + CHALLENGE_LIFETIME_SECONDS) * 1000))
	return spent ? { ok: true } : { ok: false, reason: 'missing' }
}

/**
 * Records for staff that limits tripped: one row per signal, subject and hour,
 * counting the checks asked for and passed (many asked and none passed looks
 * like a script; many passed looks like a crowd).
 */
export async function recordLimitAlerts(tripped: TrippedLimit[], campaignId: string, outcome: 'issued' | 'passed') {
	const hour = new Date().toISOString().slice(0, 13)
	for (const limit of tripped) {
		const about = limit.signal === 'campaign_velocity' ? campaignId : (limit.subject ?? 'all')
		await db()
			.insert(donationLimitAlerts)
			.values({
				alertKey: `${limit.signal}:${about}:${hour}`,
				signal: limit.signal,
				campaignId: limit.signal === 'campaign_velocity' ? campaignId : null,
				subject: limit.subject,
				observed: limit.observed,
				threshold: limit.threshold,
				challengesIssued: outcome === 'issued' ? 1 : 0,
				challengesPassed: outcome === 'passed' ? 1 : 0,
			})
			.onConflictDoUpdate({
				target: donationLimitAlerts.alertKey,
				set: {
					observed: sql`greatest(${donationLimitAlerts.observed}, excluded.observed)`,
					challengesIssued: sql`${donationLimitAlerts.challengesIssued} + excluded.challenges_issued`,
					challengesPassed: sql`${donationLimitAlerts.challengesPassed} + excluded.challenges_passed`,
					lastSeenAt: sql`now()`,
				},
			})
	}
}
