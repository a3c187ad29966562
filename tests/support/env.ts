import { resetEnvCache } from '#app/config/env.server.ts'

const baseline = { ...process.env }

/** Restores the test environment: development-like defaults, no provider keys. */
export function resetTestEnv(overrides: Record<string, string | undefined> = {}) {
	for (const key of Object.keys(process.env)) {
		if (!(key in baseline)) delete process.env[key]
	}
	Object.assign(process.env, baseline)
	delete process.env.SENDGRID_API_KEY
	delete process.env.STRIPE_SECRET_KEY
	delete process.env.DATABASE_URL
	process.env.NODE_ENV = 'test'
	process.env.APP_URL = 'http://localhost:3000'
	process.env.EMAIL_RETRY_DELAY_SECONDS = '1'
	process.env.EMAIL_RETRY_LIMIT = '3'
	process.env.LOG_REQUESTS = 'false'
	for (const [key, value] of Object.entries(overrides)) {
		if (value === undefined) delete process.env[key]
		else process.env[key] = value
	}
	resetEnvCache()
}
