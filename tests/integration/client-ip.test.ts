import { afterEach, describe, expect, test } from 'vitest'
import { parseEnv } from '#app/config/env.server.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>> | undefined
afterEach(async () => {
	await app?.close()
	app = undefined
})

const signup = (i: number) => ({
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: `crowd${i}@example.com`,
	idea: 'birthday',
	emailConsent: 'on',
})
/** A different made-up client address on every request, as a script rotating the header would send. */
const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` })

async function signupStatuses(count: number) {
	const statuses: number[] = []
	for (let i = 0; i < count; i++)
		statuses.push((await app!.postForm('/fundraise', withFormToken(signup(i)), spoofed(i))).status)
	return statuses
}

describe('the client address behind per-IP limits', () => {
	test('by default X-Forwarded-For is ignored, so rotating it does not escape the sign-up limit', async () => {
		resetTestEnv({ SIGNUP_RATE_LIMIT_PER_HOUR: '5' })
		app = await startHttpApp()
		expect(await signupStatuses(6)).toEqual([302, 302, 302, 302, 302, 429])
	})

	test('by default rotating X-Forwarded-For does not escape the sign-in limit either', async () => {
		app = await startHttpApp()
		const statuses: number[] = []
		for (let i = 0; i < 21; i++) {
			statuses.push(
				(await app.postForm('/login', { email: `walker${i}@example.com`, redirectTo: '/account' }, spoofed(i))).status,
			)
		}
		expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true)
		expect(statuses[20]).toBe(429)
	})

	test('with TRUST_PROXY=1 the address the proxy adds is the client, each with its own limit', async () => {
		resetTestEnv({ SIGNUP_RATE_LIMIT_PER_HOUR: '5', TRUST_PROXY: '1' })
		app = await startHttpApp()
		expect(await signupStatuses(6)).toEqual([302, 302, 302, 302, 302, 302])
		// One client behind the proxy is still limited.
		const sameClient = []
		for (let i = 0; i < 6; i++)
			sameClient.push(
				(await app.postForm('/fundraise', withFormToken(signup(100 + i)), { 'x-forwarded-for': '198.51.100.7' }))
					.status,
			)
		expect(sameClient).toEqual([302, 302, 302, 302, 302, 429])
	})

	test('with TRUST_PROXY=loopback the proxy’s entry is believed, and what the client wrote before it is not', async () => {
		resetTestEnv({ SIGNUP_RATE_LIMIT_PER_HOUR: '5', TRUST_PROXY: 'loopback' })
		app = await startHttpApp()
		// The proxy (here, on the loopback socket) appends the address it saw, 198.51.100.7;
		// the client rotates the part it controls in front of it.
		const statuses = []
		for (let i = 0; i < 6; i++)
			statuses.push(
				(
					await app.postForm('/fundraise', withFormToken(signup(i)), {
						'x-forwarded-for': `203.0.113.${i + 1}, 198.51.100.7`,
					})
				).status,
			)
		expect(statuses).toEqual([302, 302, 302, 302, 302, 429])
		// Another client behind the same proxy has its own limit.
		expect(
			(await app.postForm('/fundraise', withFormToken(signup(50)), { 'x-forwarded-for': '198.51.100.8' })).status,
		).toBe(302)
	})
})

describe('TRUST_PROXY', () => {
	test('trusts no proxy unless told, and reads hop counts, addresses, CIDRs and named ranges', () => {
		expect(parseEnv({}).TRUST_PROXY).toBe(false)
		expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false)
		expect(parseEnv({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false)
		expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2)
		expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::/32, 192.0.2.10' }).TRUST_PROXY).toEqual([
			'loopback',
			'10.0.0.0/8',
			'2001:db8::/32',
			'192.0.2.10',
		])
	})

	test('refuses "trust everyone" and values it cannot read, naming them', () => {
		expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: .*not understood: true/)
		expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/33, cloudflare' })).toThrow(
			/not understood: 10\.0\.0\.0\/33, cloudflare/,
		)
		expect(() => parseEnv({ TRUST_PROXY: '50' })).toThrow(/TRUST_PROXY: a hop count must be at most 10/)
	})
})
