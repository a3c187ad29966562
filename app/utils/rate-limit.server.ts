import { sql } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { rateLimits } from '#db/schema.ts'

/** How many attempts a window of `windowSeconds` allows. */
export type RateLimit = { limit: number; windowSeconds: number }

/**
 * Counts one attempt against `key` in a fixed window kept in PostgreSQL, so
 * every app process shares the count. Returns whether the attempt is allowed.
 */
export async function consumeRateLimit(
	key: string,
	options: RateLimit,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
	const windowInterval = `${options.windowSeconds} seconds`
	const [row] = await db()
		.insert(rateLimits)
		.values({ key, windowStartedAt: sql`now()`, hits: 1 })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				// A window that has run out starts again with this hit.
				hits: sql`case when ${rateLimits.windowStartedAt} + ${windowInterval}::interval <= now() then 1 else ${rateLimits.hits} + 1 end`,
				windowStartedAt: sql`case when ${rateLimits.windowStartedAt} + ${windowInterval}::interval <= now() then now() else ${rateLimits.windowStartedAt} end`,
			},
		})
		.returning({
			hits: rateLimits.hits,
			retryAfterSeconds: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimits.windowStartedAt} + ${windowInterval}::interval - now()))))::int`,
		})
	return { allowed: row!.hits <= options.limit, retryAfterSeconds: Number(row!.retryAfterSeconds) }
}
