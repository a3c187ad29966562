import { isIP } from 'node:net'
import { z } from 'zod'

/**
 * The one place the environment is read. Every variable has a safe default in
 * development and test; in production (`NODE_ENV=production`) the variables
 * marked `requiredInProduction` must be set, and the server refuses to start
 * with a list of everything missing or malformed.
 */

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

const optionalString = z.preprocess(emptyToUndefined, z.string().optional())
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional())
const integer = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
	z.preprocess(
		emptyToUndefined,
		z.coerce
			.number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a whole number' : undefined) })
			.int('must be a whole number')
			.min(min, `must be at least ${min}`)
			.max(max, `must be at most ${max}`)
			.default(fallback),
	)
const bool = (fallback: boolean) =>
	z.preprocess(
		emptyToUndefined,
		z
			.enum(['true', 'false', '1', '0', 'yes', 'no'])
			.transform((v) => v === 'true' || v === '1' || v === 'yes')
			.default(fallback),
	)

/** Express's names for address ranges a proxy may sit in. */
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isProxyAddress(entry: string) {
	if (NAMED_PROXY_RANGES.has(entry)) return true
	const [address = '', prefix, ...rest] = entry.split('/')
	const family = isIP(address)
	if (family === 0 || rest.length > 0) return false
	if (prefix === undefined) return true
	return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/**
 * Which proxies' X-Forwarded-For to believe, as Express's `trust proxy`:
 * false (the default) uses the socket's address, so no client can choose its
 * own IP; a hop count, or the addresses, CIDRs and named ranges of the
 * proxies in front of the app. "Trust everyone" is refused: it would let any
 * client pick its address and so escape every per-IP limit.
 */
export type TrustProxy = false | number | string[]

const trustProxy = z.preprocess(
	emptyToUndefined,
	z
		.string()
		.optional()
		.transform((value, ctx): TrustProxy => {
			const text = value?.trim().toLowerCase()
			if (text === undefined || text === 'false' || text === '0') return false
			if (/^\d+$/.test(text)) {
				const hops = Number(text)
				if (hops <= 10) return hops
				ctx.addIssue({ code: 'custom', message: 'a hop count must be at most 10' })
				return z.NEVER
			}
			const entries = text
				.split(',')
				.map((entry) => entry.trim())
				.filter(Boolean)
			const wrong = entries.filter((entry) => !isProxyAddress(entry))
			if (entries.length === 0 || wrong.length > 0) {
				ctx.addIssue({
					code: 'custom',
					message: `must be false, a hop count, or a comma-separated list of IP addresses, CIDRs and loopback, linklocal or uniquelocal${wrong.length > 0 ? ` (not understood: ${wrong.join(', ')})` : ''}`,
				})
				return z.NEVER
			}
			return entries
		}),
)

const DEV_SESSION_SECRET = 'development-only-session-secret-not-for-production'
/** Signs the built-in test checkout's events when no Stripe account is configured. */
const DEV_STRIPE_WEBHOOK_SECRET = 'whsec_development_only_test_checkout'
/** Signs donation challenges in development and test; published, so production refuses it. */
const DEV_ALTCHA_HMAC_KEY = 'development-only-altcha-hmac-key-not-for-production'

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: zone })
		return true
	} catch {
		return false
	}
}

export const envSchema = z.object({
	NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
	PORT: integer(3000, 1, 65535),
	/** Unset → 0.0.0.0 in production, 127.0.0.1 otherwise (development serves /dev/mail and the test checkout). */
	HOST: optionalString,
	/** Proxies whose X-Forwarded-For gives the client's IP (rate limits); unset → none, the socket address. */
	TRUST_PROXY: trustProxy,
	/** Public base URL, used in emails and share links. */
	APP_URL: optionalUrl,
	/** postgres://… to use a real PostgreSQL server; unset → embedded PGlite. */
	DATABASE_URL: optionalUrl,
	/** Folder for the embedded database and local uploads. */
	DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
	DATABASE_POOL_SIZE: integer(10, 1, 200),
	/** Longest a single SQL statement of the app may run before PostgreSQL cancels it (0 = no limit). */
	DATABASE_STATEMENT_TIMEOUT_MS: integer(10_000, 0, 3_600_000),
	/** Named prepared statements (parsed and planned once per connection); false behind PgBouncer before 1.21 in transaction pooling. */
	DATABASE_PREPARED_STATEMENTS: bool(true),
	SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
	/** Run the job worker inside the web process (set false when `npm run worker` runs separately). */
	RUN_WORKER: bool(true),
	/** Fill an empty database with demo campaigns at start (default: on, except in production). */
	SEED_DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
	LOG_REQUESTS: bool(true),
	/** IANA time zone events' dates and times are given in. */
	CHARITY_TIME_ZONE: z.preprocess(
		emptyToUndefined,
		z
			.string()
			.default('Europe/London')
			.refine((zone) => isTimeZone(zone), { error: 'must be an IANA time zone such as Europe/London' }),
	),

	SENDGRID_API_KEY: optionalString,
	SENDGRID_API_BASE: z.preprocess(emptyToUndefined, z.url().default('https://api.sendgrid.com')),
	EMAIL_FROM: z.preprocess(emptyToUndefined, z.email().default('fundraising@example.org')),
	EMAIL_FROM_NAME: optionalString,
	/** Where contact and media-enquiry notifications go. */
	STAFF_NOTIFY_EMAIL: z.preprocess(emptyToUndefined, z.email().default('supporters@example.org')),
	EMAIL_RETRY_LIMIT: integer(8, 0, 50),
	// pg-boss waits this, doubled after each failure, times 1 to 2 at random: 10–20 s, 20–40 s, 40–80 s, 80–160 s…
	// No email can fail a fourth time within a minute, so after a minute-long provider outage the last retry
	// comes at most 80 s after recovery (tests/faults/sendgrid-outage.test.ts), and the 8 retries span over 40
	// minutes before an email is marked failed. A longer base delay (15 s) would allow 120 s.
	EMAIL_RETRY_DELAY_SECONDS: integer(10, 0, 3600),
	/** Emails one worker process sends at once (and fetches per poll of each email queue). */
	EMAIL_WORKER_CONCURRENCY: integer(25, 1, 200),
	/** Requests per second one worker process makes to the email provider (SendGrid allows far more; a 429 is retried). */
	EMAIL_SEND_RATE_PER_SECOND: integer(100, 1, 10_000),
	/** An email job whose worker died is retried this long after it started. */
	EMAIL_JOB_EXPIRE_SECONDS: integer(30, 5, 900),

	STRIPE_SECRET_KEY: optionalString,
	STRIPE_WEBHOOK_SECRET: optionalString,
	STRIPE_API_BASE: z.preprocess(emptyToUndefined, z.url().default('https://api.stripe.com')),
	/** Smallest and largest single gift, in minor units of the charity's currency. */
	DONATION_MIN_MINOR: integer(200, 1),
	DONATION_MAX_MINOR: integer(2_500_000, 1),
	/** Processing fee used for "cover the fee": percentage in basis points (150 = 1.5 %) plus a fixed part. */
	PROCESSING_FEE_BPS: integer(150, 0, 5000),
	PROCESSING_FEE_FIXED_MINOR: integer(20, 0),
	/**
	 * Donation limits. Past any of these a donor is asked for a quick
	 * proof-of-work check (ALTCHA) instead of being refused; successful gifts
	 * never count against anyone.
	 */
	/** Failed or abandoned payments from one connection (IP) in DONATION_FAILURE_WINDOW_MINUTES. */
	DONATION_IP_FAILURES_BEFORE_CHALLENGE: integer(10, 1),
	/** Failed or abandoned payments for one email address, from any connection, in the same window. */
	DONATION_EMAIL_FAILURES_BEFORE_CHALLENGE: integer(5, 1),
	DONATION_FAILURE_WINDOW_MINUTES: integer(60, 1, 1440),
	/** Donations started from one connection in 10 minutes (a venue's Wi-Fi or a carrier's shared address is many people). */
	DONATION_IP_STARTS_PER_10_MINUTES: integer(60, 1),
	/** Donations started on one fundraiser, and across all of them, in one minute. */
	DONATION_CAMPAIGN_STARTS_PER_MINUTE: integer(60, 1),
	DONATION_GLOBAL_STARTS_PER_MINUTE: integer(300, 1),
	/** Work in a proof-of-work check: the largest counter a browser may have to try (each try is 1,000 PBKDF2 rounds). */
	DONATION_CHALLENGE_DIFFICULTY: integer(3000, 1, 1_000_000),
	/** Without JavaScript, how long a donor past a limit waits before pressing again. */
	DONATION_NOJS_WAIT_SECONDS: integer(15, 0, 3600),
	/** Without JavaScript, how many waited-for starts one connection may make in an hour. */
	DONATION_NOJS_PASSES_PER_HOUR: integer(10, 1),
	/** Signs proof-of-work challenges and wait passes; at least 32 characters. */
	ALTCHA_HMAC_KEY: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
	/** Days of Checkout Sessions and refunds that reconciliation asks Stripe for. */
	RECONCILE_DAYS: integer(3, 1, 30),
	/**
	 * Days a Gift Aid gift waits before a claim batch may take it: the charity's refund window, so a refund
	 * rarely follows a claim (one that does becomes an adjustment on the next batch).
	 */
	GIFT_AID_CLAIM_AFTER_DAYS: integer(30, 0, 365),
	/** Share (0–100) of new fundraisers who get only transactional email, to measure what coaching adds. */
	COACHING_HOLDOUT_PERCENT: integer(0, 0, 100),
	/** SendGrid Event Webhook verification key (base64 DER or PEM of the ECDSA public key). */
	SENDGRID_WEBHOOK_PUBLIC_KEY: optionalString,

	/** S3-compatible storage for uploads; unset → local disk in DATA_DIR/uploads. */
	S3_BUCKET: optionalString,
	S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
	/** Another S3-compatible host (MinIO, Cloudflare R2 …); unset → AWS. */
	S3_ENDPOINT: optionalUrl,
	/** Unset → the AWS SDK's own credential chain (e.g. an instance role). */
	S3_ACCESS_KEY_ID: optionalString,
	S3_SECRET_ACCESS_KEY: optionalString,
	/** Base URL the bucket's files are publicly served from (a CDN, or the bucket's public host). */
	S3_PUBLIC_URL: optionalUrl,

	/** Updates a fundraiser may post per campaign in 24 hours; each one is emailed to the donors who asked for updates. */
	CAMPAIGN_UPDATES_PER_DAY: integer(3, 1, 100),

	/** Requests per hour per IP for sign-up style forms. */
	SIGNUP_RATE_LIMIT_PER_HOUR: integer(20, 1, 100000),

	CHARITY_NAME: z.preprocess(emptyToUndefined, z.string().default('International Justice Mission')),
	CHARITY_SHORT_NAME: z.preprocess(emptyToUndefined, z.string().default('IJM')),
	CHARITY_LEGAL_NAME: z.preprocess(
		emptyToUndefined,
		z.string().default('International Justice Mission (demo details)'),
	),
	CHARITY_REGISTRATION: z.preprocess(emptyToUndefined, z.string().default('Registered charity no. 1234567 (demo)')),
	CHARITY_ADDRESS: z.preprocess(
		emptyToUndefined,
		z.string().default('1 Example Street, London EC1A 1AA, United Kingdom'),
	),
	CHARITY_CONTACT_EMAIL: z.preprocess(emptyToUndefined, z.email().default('supporters@example.org')),
	CHARITY_MEDIA_EMAIL: z.preprocess(emptyToUndefined, z.email().default('media@example.org')),
	CHARITY_PHONE: optionalString,
	CHARITY_WEBSITE: z.preprocess(emptyToUndefined, z.url().default('https://www.ijm.org')),
	/** ISO 4217 code used for goals and donations. */
	CHARITY_CURRENCY: z.preprocess(
		emptyToUndefined,
		z
			.string()
			.regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code')
			.transform((c) => c.toUpperCase())
			.default('GBP'),
	),
	CHARITY_LOCALE: z.preprocess(emptyToUndefined, z.string().default('en-GB')),
	/** ISO 3166 two-letter country the charity is registered in: GB chooses UK receipts and offers Gift Aid. */
	CHARITY_COUNTRY: z.preprocess(
		emptyToUndefined,
		z
			.string()
			.regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166 country code such as GB')
			.transform((c) => c.toUpperCase())
			.default('GB'),
	),
	/** Offer Gift Aid on GBP gifts; unset means yes for a GB charity and no elsewhere. */
	CHARITY_GIFT_AID: z.preprocess(
		emptyToUndefined,
		z
			.enum(['true', 'false', '1', '0', 'yes', 'no'])
			.transform((v) => v === 'true' || v === '1' || v === 'yes')
			.optional(),
	),
	/** The charity's HMRC charities reference (as on Charities Online), written into Gift Aid claims. */
	CHARITY_HMRC_REFERENCE: z.preprocess(
		emptyToUndefined,
		z
			.string()
			.trim()
			.regex(/^[A-Za-z0-9]{1,20}$/, 'must be the HMRC charities reference: letters and digits, e.g. AB12345')
			.transform((c) => c.toUpperCase())
			.optional(),
	),
	/** Tax wording for receipts outside GB (e.g. a US charity's statement); none by default. */
	CHARITY_RECEIPT_TAX_WORDING: optionalString,
	CHARITY_PRIMARY_COLOR: z.preprocess(
		emptyToUndefined,
		z
			.string()
			.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')
			.default('#0b4f6c'),
	),
	CHARITY_ACCENT_COLOR: z.preprocess(
		emptyToUndefined,
		z
			.string()
			.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')
			.default('#c2410c'),
	),
	CHARITY_LOGO_URL: z.preprocess(emptyToUndefined, z.string().default('/images/logo.svg')),
	SOCIAL_FACEBOOK_URL: optionalUrl,
	SOCIAL_INSTAGRAM_URL: optionalUrl,
	SOCIAL_LINKEDIN_URL: optionalUrl,
	SOCIAL_TWITTER_URL: optionalUrl,
})

/** Variables a production deployment must set explicitly. */
const requiredInProduction = [
	'APP_URL',
	'DATABASE_URL',
	'SESSION_SECRET',
	'SENDGRID_API_KEY',
	'STRIPE_SECRET_KEY',
	'STRIPE_WEBHOOK_SECRET',
	'ALTCHA_HMAC_KEY',
] as const

/** Values published in this repository: anyone could sign sessions or webhook events with them. */
const publishedSecrets = {
	SESSION_SECRET: DEV_SESSION_SECRET,
	STRIPE_WEBHOOK_SECRET: DEV_STRIPE_WEBHOOK_SECRET,
	ALTCHA_HMAC_KEY: DEV_ALTCHA_HMAC_KEY,
} as const

export type Env = Omit<z.infer<typeof envSchema>, 'CHARITY_GIFT_AID'> & {
	/** Whether the charity offers Gift Aid (on GBP gifts only; see app/gift-aid/settings.server.ts). */
	CHARITY_GIFT_AID: boolean
	HOST: string
	APP_URL: string
	SESSION_SECRET: string
	STRIPE_WEBHOOK_SECRET: string
	ALTCHA_HMAC_KEY: string
}

export class InvalidEnvironmentError extends Error {
	constructor(public readonly problems: string[]) {
		super(`Invalid environment — fix these variables and start again:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
		this.name = 'InvalidEnvironmentError'
	}
}

/** Parses an environment; throws InvalidEnvironmentError listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
	const result = envSchema.safeParse(source)
	const problems: string[] = []
	if (!result.success) {
		for (const issue of result.error.issues) {
			problems.push(`${issue.path.join('.')}: ${issue.message}`)
		}
	}
	const isProduction = source.NODE_ENV === 'production'
	if (isProduction) {
		for (const name of requiredInProduction) {
			if (!source[name] || source[name].trim() === '') {
				problems.push(`${name}: required in production`)
			}
		}
		for (const [name, published] of Object.entries(publishedSecrets)) {
			if (source[name]?.trim() === published) {
				problems.push(`${name}: is the published development value; set a secret of your own in production`)
			}
		}
	}
	if (result.success && result.data.CHARITY_GIFT_AID === true && result.data.CHARITY_COUNTRY !== 'GB') {
		problems.push('CHARITY_GIFT_AID: Gift Aid is a UK scheme; it needs CHARITY_COUNTRY=GB')
	}
	if (problems.length > 0 || !result.success) throw new InvalidEnvironmentError(problems)
	const env = result.data
	return {
		...env,
		HOST: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
		APP_URL: env.APP_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`,
		SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
		STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET ?? DEV_STRIPE_WEBHOOK_SECRET,
		ALTCHA_HMAC_KEY: env.ALTCHA_HMAC_KEY ?? DEV_ALTCHA_HMAC_KEY,
		CHARITY_GIFT_AID: env.CHARITY_GIFT_AID ?? env.CHARITY_COUNTRY === 'GB',
	}
}

// Kept on globalThis so the server entry and the Remix build (two module
// graphs in one process) read one parsed environment.
const registry = globalThis as typeof globalThis & { __fundraisingEnv?: Env }

/** The validated environment of this process, parsed once. */
export function getEnv(): Env {
	registry.__fundraisingEnv ??= parseEnv(process.env)
	return registry.__fundraisingEnv
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
	registry.__fundraisingEnv = undefined
}

export const isProduction = () => getEnv().NODE_ENV === 'production'
