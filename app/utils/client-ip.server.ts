import { createHmac } from 'node:crypto'
import { getEnv } from '#app/config/env.server.ts'

/**
 * The one form in which a client's IP address is kept anywhere (rate-limit
 * keys, donations, donation limits): a keyed hash, so the database never holds
 * who connected from where, yet the same address always counts as the same
 * connection. Keyed with SESSION_SECRET, so a leaked table cannot be reversed
 * by hashing all 4 billion IPv4 addresses. The `donation-ip:` domain predates
 * the hash's use beyond donations; it is kept so the hashes already on
 * donations still match after an upgrade.
 */
export function hashClientIp(ip: string): string {
	return createHmac('sha256', getEnv().SESSION_SECRET).update(`donation-ip:${ip}`).digest('base64url').slice(0, 32)
}
