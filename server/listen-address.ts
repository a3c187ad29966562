import { type Env } from '#app/config/env.server.ts'

const loopback = new Set(['127.0.0.1', '::1', 'localhost'])

/**
 * The start-up line saying where the server listens. Development serves
 * /dev/mail (everyone's sign-in codes) and the test checkout (mark any
 * donation paid), so it says whether those are open to the network.
 */
export function listenAnnouncement(
	env: Pick<Env, 'NODE_ENV' | 'HOST' | 'PORT' | 'CHARITY_NAME'>,
	mode: string,
): { level: 'log' | 'warn'; message: string } {
	const where = `${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`
	const start = `[server] ${env.CHARITY_NAME} fundraising (${mode}) is listening on ${where}`
	if (env.NODE_ENV === 'production') return { level: 'log', message: start }
	if (loopback.has(env.HOST)) {
		return {
			level: 'log',
			message: `${start}, http://localhost:${env.PORT}: development, so /dev/mail and the test checkout are local-only (set HOST to listen on the network)`,
		}
	}
	return {
		level: 'warn',
		message: `${start}: development with HOST set, so /dev/mail (every sign-in code) and the test checkout are open to anyone who can reach this address`,
	}
}
