import { describe, expect, test } from 'vitest'
import { InvalidEnvironmentError, parseEnv } from '#app/config/env.server.ts'

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
		for (const name of ['APP_URL', 'DATABASE_URL', 'SESSION_SECRET', 'SENDGRID_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'ALTCHA_HMAC_KEY']) {
			expect(problems).toContain(`${name}: required in production`)
		}
	})

	test('lists malformed values together with missing ones', () => {
		expect(() => parseEnv({ NODE_ENV: 'production', PORT: 'eighty', CHARITY_CURRENCY: 'pounds', EMAIL_FROM: 'nobody' })).toThrow(
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

	test('production refuses the published development key for donation challenges', () => {
		const production = {
			NODE_ENV: 'production',
			APP_URL: 'https://give.example.org/',
			DATABASE_URL: 'postgres://app@db.example.org:5432/app',
			SESSION_SECRET: 'x'.repeat(40),
			SENDGRID_API_KEY: 'SG.key',
			STRIPE_SECRET_KEY: 'sk_live_x',
			STRIPE_WEBHOOK_SECRET: 'whsec_x',
		}
		expect(() => parseEnv({ ...production, ALTCHA_HMAC_KEY: parseEnv({}).ALTCHA_HMAC_KEY })).toThrow(/ALTCHA_HMAC_KEY: the published development value/)
		expect(() => parseEnv({ ...production, ALTCHA_HMAC_KEY: 'too-short' })).toThrow(/ALTCHA_HMAC_KEY: must be at least 32 characters/)
	})
})
