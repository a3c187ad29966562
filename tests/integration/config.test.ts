import { describe, expect, test } from 'vitest'
import { InvalidEnvironmentError, parseEnv } from '#app/config/env.server.ts'
import { listenAnnouncement } from '../../server/listen-address.ts'

describe('environment configuration', () => {
	test('gives every variable a safe default in development', () => {
		const env = parseEnv({})
		expect(env.NODE_ENV).toBe('development')
		expect(env.PORT).toBe(3000)
		expect(env.DATABASE_URL).toBeUndefined()
		expect(env.APP_URL).toBe('http://localhost:3000')
		expect(env.CHARITY_CURRENCY).toBe('GBP')
		expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32)
		expect(env.STRIPE_API_BASE).toBe('https://api.stripe.com')
		expect(env.SENDGRID_API_BASE).toBe('https://api.sendgrid.com')
	})

	test('refuses to start in production and lists every missing variable', () => {
		let error: unknown
		try {
			parseEnv({ NODE_ENV: 'production' })
		} catch (e) {
			error = e
		}
		expect(error).toBeInstanceOf(InvalidEnvironmentError)
		const problems = (error as InvalidEnvironmentError).problems
		for (const name of [
			'APP_URL',
			'DATABASE_URL',
			'SESSION_SECRET',
			'SENDGRID_API_KEY',
			'STRIPE_SECRET_KEY',
			'STRIPE_WEBHOOK_SECRET',
			'ALTCHA_HMAC_KEY',
		]) {
			expect(problems).toContain(`${name}: required in production`)
		}
	})

	test('lists malformed values together with missing ones', () => {
		expect(() =>
			parseEnv({ NODE_ENV: 'production', PORT: 'eighty', CHARITY_CURRENCY: 'pounds', EMAIL_FROM: 'nobody' }),
		).toThrow(
			/PORT: must be a whole number[\s\S]*EMAIL_FROM[\s\S]*CHARITY_CURRENCY: must be a three-letter ISO 4217 code[\s\S]*APP_URL: required in production/,
		)
	})

	test('accepts a complete production environment', () => {
		const env = parseEnv({
			NODE_ENV: 'production',
			APP_URL: 'https://give.example.org/',
			DATABASE_URL: 'postgres://app@db.example.org:5432/app',
			SESSION_SECRET: 'x'.repeat(40),
			SENDGRID_API_KEY: 'SG.key',
			STRIPE_SECRET_KEY: 'sk_live_x',
			STRIPE_WEBHOOK_SECRET: 'whsec_x',
			ALTCHA_HMAC_KEY: 'a'.repeat(40),
			CHARITY_CURRENCY: 'usd',
		})
		expect(env.APP_URL).toBe('https://give.example.org')
		expect(env.CHARITY_CURRENCY).toBe('USD')
	})

	const production = {
		NODE_ENV: 'production',
		APP_URL: 'https://give.example.org',
		DATABASE_URL: 'postgres://app@db.example.org:5432/app',
		SESSION_SECRET: 'x'.repeat(40),
		SENDGRID_API_KEY: 'SG.key',
		STRIPE_SECRET_KEY: 'sk_live_x',
		STRIPE_WEBHOOK_SECRET: 'whsec_x',
		ALTCHA_HMAC_KEY: 'a'.repeat(40),
	}

	test('refuses the published development secrets in production, saying which and why', () => {
		let error: unknown
		try {
			parseEnv({
				...production,
				SESSION_SECRET: 'development-only-session-secret-not-for-production',
				STRIPE_WEBHOOK_SECRET: 'whsec_development_only_test_checkout',
			})
		} catch (e) {
			error = e
		}
		expect(error).toBeInstanceOf(InvalidEnvironmentError)
		expect((error as InvalidEnvironmentError).problems).toEqual([
			'SESSION_SECRET: is the published development value; set a secret of your own in production',
			'STRIPE_WEBHOOK_SECRET: is the published development value; set a secret of your own in production',
		])
	})

	test('development listens on this machine only unless HOST is set; production on every interface', () => {
		expect(parseEnv({}).HOST).toBe('127.0.0.1')
		expect(parseEnv({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1')
		expect(parseEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0')
		expect(parseEnv(production).HOST).toBe('0.0.0.0')
		expect(parseEnv({ ...production, HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5')
	})

	test('says at start where it listens, and whether the development mailbox and test checkout are local-only', () => {
		const local = listenAnnouncement(parseEnv({ PORT: '3100' }), 'built app')
		expect(local).toEqual({
			level: 'log',
			message:
				'[server] International Justice Mission fundraising (built app) is listening on 127.0.0.1:3100, http://localhost:3100: development, so /dev/mail and the test checkout are local-only (set HOST to listen on the network)',
		})
		const open = listenAnnouncement(parseEnv({ HOST: '0.0.0.0' }), 'built app')
		expect(open.level).toBe('warn')
		expect(open.message).toContain(
			'/dev/mail (every sign-in code) and the test checkout are open to anyone who can reach this address',
		)
		expect(listenAnnouncement(parseEnv(production), 'built app').message).toBe(
			'[server] International Justice Mission fundraising (built app) is listening on 0.0.0.0:3000',
		)
	})

	test('production refuses the published development key for donation challenges', () => {
		expect(() => parseEnv({ ...production, ALTCHA_HMAC_KEY: parseEnv({}).ALTCHA_HMAC_KEY })).toThrow(
			/ALTCHA_HMAC_KEY: is the published development value/,
		)
		expect(() => parseEnv({ ...production, ALTCHA_HMAC_KEY: 'too-short' })).toThrow(
			/ALTCHA_HMAC_KEY: must be at least 32 characters/,
		)
	})
})
