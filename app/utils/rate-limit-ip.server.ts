import { getEnv } from '#app/config/env.server.ts'
import { hashClientIp } from './client-ip.server.ts'
import { consumeRateLimit, type RateLimit } from './rate-limit.server.ts'

/** Counts one request against a per-IP limit; the key holds the address only as its keyed hash. */
export function consumeClientIpRateLimit(scope: string, clientIp: string, limit: RateLimit) {
	return consumeRateLimit(`${scope}:ip:${hashClientIp(clientIp)}`, limit)
}

/**
 * Counts a sign-up style form post against the client's IP. Returns a
 * message for the person when the hourly limit has been passed, else null.
 */
export async function checkSignupRateLimit(
	form: string,
	clientIp: string,
): Promise<{ message: string; retryAfterSeconds: number } | null> {
	const { allowed, retryAfterSeconds } = await consumeClientIpRateLimit(form, clientIp, {
		limit: getEnv().SIGNUP_RATE_LIMIT_PER_HOUR,
		windowSeconds: 3600,
	})
	if (allowed) return null
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
	return {
		message: `We've had a lot of submissions from your connection. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
		retryAfterSeconds,
	}
}
