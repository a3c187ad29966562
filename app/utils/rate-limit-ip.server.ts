import { getEnv } from '#app/config/env.server.ts'
import { consumeRateLimit } from './rate-limit.server.ts'

/**
 * Counts a sign-up style form post against the client's IP. Returns a
 * message for the person when the hourly limit has been passed, else null.
 */
export async function checkSignupRateLimit(
	form: string,
	clientIp: string,
): Promise<{ message: string; retryAfterSeconds: number } | null> {
	const { allowed, retryAfterSeconds } = await consumeRateLimit(`${form}:ip:${clientIp}`, {
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
