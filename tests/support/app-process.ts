import { spawn, type ChildProcess } from 'node:child_process'
import postgres from 'postgres'
import Stripe from 'stripe'
import { freePort } from './free-port.ts'

export { freePort }

/** The status of a GET, or 0 when nothing answered (the process is down or restarting). */
export async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number> {
	try {
		const response = await fetch(url, { redirect: 'manual', headers, signal: AbortSignal.timeout(5_000) })
		await response.arrayBuffer()
		return response.status
	} catch {
		return 0
	}
}

/** A same-origin form post as a browser sends it; status 0 when nothing answered. */
export async function postForm(origin: string, pathname: string, fields: Record<string, string>) {
	try {
		const response = await fetch(origin + pathname, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' },
			body: new URLSearchParams(fields).toString(),
			signal: AbortSignal.timeout(5_000),
		})
		await response.arrayBuffer()
		return {
			status: response.status,
			location: response.headers.get('location'),
			cookies: response.headers.getSetCookie(),
		}
	} catch {
		return { status: 0, location: null, cookies: [] }
	}
}

export const postStatus = async (url: string, origin: string, fields: Record<string, string>) =>
	(await postForm(origin, new URL(url).pathname, fields)).status

/** The webhook secret the fault tests give the app, so events can be signed here. */
export const faultWebhookSecret = 'whsec_fault_suite_own_secret'

/** Settings every app process of the fault suite runs with (loopback only, limits out of a load test's way). */
export function faultAppEnv(databaseUrl: string, dataDir: string): Record<string, string> {
	return {
		NODE_ENV: 'test',
		HOST: '127.0.0.1',
		DATABASE_URL: databaseUrl,
		DATA_DIR: dataDir,
		SEED_DEMO_DATA: 'true',
		LOG_REQUESTS: 'false',
		SENDGRID_API_KEY: '',
		STRIPE_SECRET_KEY: '',
		STRIPE_WEBHOOK_SECRET: faultWebhookSecret,
		SIGNUP_RATE_LIMIT_PER_HOUR: '100000',
		DONATION_IP_STARTS_PER_10_MINUTES: '100000',
		DONATION_CAMPAIGN_STARTS_PER_MINUTE: '100000',
		DONATION_GLOBAL_STARTS_PER_MINUTE: '100000',
	}
}

export type AppProcess = {
	origin: string
	readonly log: string
	readonly exitCode: number | null
	readonly signalCode: NodeJS.Signals | null
	/** `kill -9`: no shutdown, no cleanup, whatever was in flight is cut. */
	killHard(): Promise<void>
	/** SIGTERM and wait (the normal shutdown). */
	stop(): Promise<void>
}

/**
 * Starts `server/main.ts` (a web process) or `server/worker.ts` (a stand-alone
 * worker), as production runs them (their bundles, build/main.mjs and
 * build/worker.mjs, which `npm test` builds first), as a child process of its own and waits until it is ready: /healthz
 * answers 200, or the worker says it is processing jobs.
 */
export async function startAppProcess(options: {
	script?: 'server/main.ts' | 'server/worker.ts'
	port?: number
	env: Record<string, string>
}): Promise<AppProcess> {
	const script = options.script ?? 'server/main.ts'
	const port = options.port ?? (await freePort())
	const origin = `http://127.0.0.1:${port}`
	const bundle = script === 'server/worker.ts' ? 'build/worker.mjs' : 'build/main.mjs'
	const child: ChildProcess = spawn(process.execPath, [bundle], {
		env: { ...process.env, APP_URL: origin, ...options.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let log = ''
	child.stdout!.on('data', (chunk) => (log += chunk))
	child.stderr!.on('data', (chunk) => (log += chunk))
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	const ready = async () =>
		script === 'server/worker.ts'
			? log.includes('[worker] processing jobs')
			: (await statusOf(`${origin}/healthz`)) === 200
	const deadline = Date.now() + 60_000
	while (!(await ready())) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error(`${script} did not start:\n${log}`)
		}
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
	return {
		origin,
		get log() {
			return log
		},
		get exitCode() {
			return child.exitCode
		},
		get signalCode() {
			return child.signalCode
		},
		async killHard() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
			await exited
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
			await exited
		},
	}
}

/** The test's own connection to the cluster, to read what the app wrote. */
export function databaseOf(url: string) {
	return postgres(url, { max: 2, onnotice: () => {} })
}

type Sql = ReturnType<typeof databaseOf>

/**
 * Starts `count` donations on a campaign through the real donate form and the
 * built-in test checkout; returns each one's row as the webhook will need it.
 */
export async function startDonations(origin: string, sql: Sql, slug: string, count: number) {
	const sessionIds: string[] = []
	let next = 0
	// Four donors at once: a start is a few queries, and the tests need dozens.
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			for (let i = next++; i < count; i = next++) {
				const started = await postForm(origin, `/f/${slug}/donate`, {
					amount: 'other',
					otherAmount: String(5 + (i % 20)),
					donorName: `Donor ${i}`,
					donorEmail: `donor-${slug}-${i}@example.com`,
				})
				const sessionId = /cs_test_local_[0-9a-f]+/.exec(started.location ?? '')?.[0]
				if (started.status !== 303 || !sessionId) throw new Error(`donation ${i} answered ${started.status}`)
				sessionIds.push(sessionId)
			}
		}),
	)
	return sql<
		{
			id: string
			campaignId: string
			amountMinor: number
			coverFeeMinor: number
			currency: string
			sessionId: string
		}[]
	>`
		select id, campaign_id as "campaignId", amount_minor::int as "amountMinor", cover_fee_minor::int as "coverFeeMinor",
			currency, stripe_checkout_session_id as "sessionId"
		from donations where stripe_checkout_session_id in ${sql(sessionIds)}`
}

export type PendingDonation = Awaited<ReturnType<typeof startDonations>>[number]

const stripeSdk = new Stripe('sk_test_signing_only')

/** Stripe's `checkout.session.completed` for a paid donation; the event id is stable, as Stripe's redeliveries are. */
export function completedEvent(donation: PendingDonation) {
	return {
		id: `evt_completed_${donation.id.replace(/-/g, '')}`,
		object: 'event',
		type: 'checkout.session.completed',
		data: {
			object: {
				id: donation.sessionId,
				object: 'checkout.session',
				amount_total: donation.amountMinor + donation.coverFeeMinor,
				currency: donation.currency.toLowerCase(),
				payment_intent: `pi_for_${donation.id.slice(0, 8)}`,
				payment_status: 'paid',
				status: 'complete',
				metadata: { donation_id: donation.id, campaign_id: donation.campaignId },
			},
		},
	}
}

/** Posts an event signed as Stripe signs it; 0 when the process did not answer. */
export async function deliverStripeEvent(origin: string, event: object): Promise<number> {
	const payload = JSON.stringify(event)
	const signature = stripeSdk.webhooks.generateTestHeaderString({ payload, secret: faultWebhookSecret })
	try {
		const response = await fetch(`${origin}/webhooks/stripe`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'stripe-signature': signature },
			body: payload,
			signal: AbortSignal.timeout(10_000),
		})
		await response.arrayBuffer()
		return response.status
	} catch {
		return 0
	}
}

/**
 * Stripe's side of delivery: every event is retried until it is answered with
 * a 2xx, here in rounds a short pause apart (bounded), at `concurrency` at once.
 */
export async function deliverUntilAcknowledged(
	origins: string[],
	events: object[],
	options: { concurrency?: number; rounds?: number } = {},
) {
	let waiting = events
	for (let round = 0; round < (options.rounds ?? 20) && waiting.length > 0; round++) {
		if (round > 0) await new Promise((resolve) => setTimeout(resolve, 500))
		const failed: object[] = []
		let next = 0
		await Promise.all(
			Array.from({ length: options.concurrency ?? 8 }, async (_, lane) => {
				for (let i = next++; i < waiting.length; i = next++) {
					const status = await deliverStripeEvent(origins[(i + lane) % origins.length]!, waiting[i]!)
					if (status < 200 || status >= 300) failed.push(waiting[i]!)
				}
			}),
		)
		waiting = failed
	}
	return { unacknowledged: waiting.length }
}

/** What the money record says against what the campaigns show, and how each donation was counted. */
export async function moneyReport(sql: Sql, donationIds: string[]) {
	const drift = await sql<
		{ slug: string; stored: string; ledger: string; storedDonors: number; ledgerDonors: number }[]
	>`
		select slug, stored, ledger, "storedDonors", "ledgerDonors" from (
			select c.slug, c.raised_minor::bigint as stored, c.donor_count as "storedDonors",
				coalesce((select sum(m.amount_minor) from money_movements m where m.campaign_id = c.id), 0)::bigint as ledger,
				(select count(*) from (select m.donation_id from money_movements m
					where m.campaign_id = c.id and m.donation_id is not null
					group by m.donation_id having sum(m.amount_minor) > 0) d)::int as "ledgerDonors"
			from campaigns c) t
		where stored <> ledger or "storedDonors" <> "ledgerDonors"`
	const counted = await sql<{ id: string; status: string; movements: number; receipts: number }[]>`
		select d.id, d.status::text,
			(select count(*) from money_movements m where m.donation_id = d.id and m.kind = 'donation_succeeded')::int as movements,
			(select count(*) from emails e where e.cause_key = 'receipt:' || d.id::text)::int as receipts
		from donations d where d.id in ${sql(donationIds)}`
	return { drift, counted }
}
