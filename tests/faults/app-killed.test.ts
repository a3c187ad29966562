import { newFormToken } from '#app/utils/form-token.server.ts'
import { generateKeyPairSync, sign } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
	completedEvent,
	databaseOf,
	deliverStripeEvent,
	deliverUntilAcknowledged,
	faultAppEnv,
	freePort,
	moneyReport,
	postForm,
	startAppProcess,
	startDonations,
	type AppProcess,
} from '#tests/support/app-process.ts'
import { ownPostgresCluster } from '#tests/support/own-postgres.ts'
import { startSendGridStandIn } from '#tests/support/sendgrid-standin.ts'

const cluster = ownPostgresCluster(await freePort())
/** The slow fault tests (a minute of waiting on expiry) run only with `npm run test:faults`. */
const full = Boolean(process.env.FAULTS_FULL)

describe.skipIf(!cluster)('the app killed with kill -9', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-faults-'))
	const running: AppProcess[] = []
	let sql: ReturnType<typeof databaseOf>
	const env = () => faultAppEnv(cluster!.url, dataDir)
	const start = async (extra: Record<string, string> = {}) => {
		const app = await startAppProcess({ env: { ...env(), ...extra } })
		running.push(app)
		return app
	}

	beforeAll(() => {
		cluster!.init()
		cluster!.start()
		sql = databaseOf(cluster!.url)
	})

	// A test that failed half-way leaves no process behind to work on the next one's data.
	afterEach(async () => {
		for (const app of running.splice(0)) await app.killHard()
	})

	afterAll(async () => {
		await sql?.end()
		cluster!.destroy()
		fs.rmSync(dataDir, { recursive: true, force: true })
	})

	test('in the middle of a webhook burst, then Stripe redelivering every event: each gift counted once and totals exact', async () => {
		const first = await start()
		const slug = 'sofia-runs-london'
		const [before] = await sql<
			{ raised: string }[]
		>`select raised_minor::text as raised from campaigns where slug = ${slug}`
		const donations = await startDonations(first.origin, sql, slug, 60)
		const events = donations.map(completedEvent)

		// Eight deliveries at once; the process is killed once a quarter of them are answered.
		let acknowledged = 0
		let next = 0
		const burst = Promise.all(
			Array.from({ length: 8 }, async () => {
				for (let i = next++; i < events.length; i = next++) {
					const status = await deliverStripeEvent(first.origin, events[i]!)
					if (status === 200) acknowledged++
				}
			}),
		)
		await expect.poll(() => acknowledged, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(15)
		await first.killHard()
		await burst
		expect(first.signalCode).toBe('SIGKILL')
		expect(acknowledged, 'the kill came before the burst ended').toBeLessThan(events.length)

		// Stripe retries what was not acknowledged; every event is delivered again here, so the answered ones arrive twice.
		const second = await start()
		expect((await deliverUntilAcknowledged([second.origin], events)).unacknowledged).toBe(0)

		const { drift, counted } = await moneyReport(
			sql,
			donations.map((d) => d.id),
		)
		expect(drift).toEqual([])
		expect(counted).toHaveLength(events.length)
		for (const donation of counted) expect(donation).toMatchObject({ status: 'succeeded', movements: 1, receipts: 1 })
		const [after] = await sql<
			{ raised: string }[]
		>`select raised_minor::text as raised from campaigns where slug = ${slug}`
		const given = donations.reduce((sum, d) => sum + d.amountMinor + d.coverFeeMinor, 0)
		expect(Number(after!.raised) - Number(before!.raised)).toBe(given)
		expect(second.log).not.toMatch(/Error/)
		await second.stop()
	})

	test.skipIf(!full)(
		'during an email drain, then restarted: every email is sent, none stuck past a minute, and only a send cut off in flight with no provider event can go twice',
		async ({ annotate }) => {
			const sendgrid = await startSendGridStandIn({ answerDelayMs: 400 })
			const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
			const mailEnv = {
				SENDGRID_API_KEY: sendgrid.apiKey,
				SENDGRID_API_BASE: sendgrid.baseUrl,
				SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
				EMAIL_JOB_EXPIRE_SECONDS: '5',
				EMAIL_RETRY_DELAY_SECONDS: '1',
			}
			try {
				// A backlog first: 60 supporters sign up while no worker runs (each is sent a welcome).
				const web = await start({ ...mailEnv, RUN_WORKER: 'false' })
				const runId = Date.now().toString(36)
				for (let i = 0; i < 60; i++) {
					const signedUp = await postForm(web.origin, '/fundraise', {
						firstName: 'Dora',
						lastName: 'Drain',
						email: `dora-${runId}-${i}@example.com`,
						idea: 'birthday',
						formToken: newFormToken(),
					})
					expect(signedUp.status).toBe(302)
				}
				await web.stop()
				const backlog = await sql<{ id: string }[]>`
					select id from emails where status = 'queued' and to_email like ${`dora-${runId}-%`}`
				expect(backlog).toHaveLength(60)

				// A process with the worker drains it; it is killed with a batch in flight.
				const draining = await start(mailEnv)
				await expect.poll(() => sendgrid.accepted().length, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(30)
				await draining.killHard()
				const killedAt = Date.now()
				const inFlight = await sql<{ id: string }[]>`select id from emails where status = 'sending'`
				await annotate(`${inFlight.length} emails were with SendGrid but not marked sent when the worker died`)

				// SendGrid's event webhook reports on half of those before the retry (its events carry our email id).
				const restarted = await start(mailEnv)
				// Only a message SendGrid received can be reported on: a worker killed while writing the request sent nothing.
				const received = new Set(sendgrid.accepted().map((mail) => mail.body.custom_args?.email_id))
				const acceptedInFlight = inFlight.filter((e) => received.has(e.id))
				const reported = new Set(acceptedInFlight.slice(0, Math.ceil(acceptedInFlight.length / 2)).map((e) => e.id))
				const batch = JSON.stringify(
					[...reported].map((emailId, i) => ({
						email: `reported-${i}@example.com`,
						event: 'processed',
						timestamp: Math.floor(Date.now() / 1000),
						sg_message_id: `sg-processed-${i}.filter0001`,
						sg_event_id: `ev-processed-${emailId}`,
						email_id: emailId,
					})),
				)
				const timestamp = String(Math.floor(Date.now() / 1000))
				const events = await fetch(`${restarted.origin}/webhooks/sendgrid`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-twilio-email-event-webhook-signature': sign(
							'sha256',
							Buffer.from(timestamp + batch),
							privateKey,
						).toString('base64'),
						'x-twilio-email-event-webhook-timestamp': timestamp,
					},
					body: batch,
				})
				expect(events.status).toBe(200)

				// Within a minute of the kill every email of the backlog has gone.
				await expect
					.poll(
						async () =>
							(
								await sql<{ n: number }[]>`
									select count(*)::int as n from emails
									where to_email like ${`dora-${runId}-%`} and status not in ('sent', 'delivered')`
							)[0]!.n,
						{ timeout: Math.max(1_000, 60_000 - (Date.now() - killedAt)), interval: 500 },
					)
					.toBe(0)

				const sends = new Map<string, number>()
				for (const mail of sendgrid.accepted()) {
					const emailId = mail.body.custom_args?.email_id
					if (emailId) sends.set(emailId, (sends.get(emailId) ?? 0) + 1)
				}
				const doubled = [...sends].filter(([, n]) => n > 1).map(([id]) => id)
				await annotate(
					`${doubled.length} of ${backlog.length} emails went twice (each cut off in flight, no provider event)`,
				)
				for (const { id } of backlog) expect(sends.get(id), `email ${id} was sent`).toBeGreaterThanOrEqual(1)
				const inFlightIds = new Set(inFlight.map((e) => e.id))
				for (const id of doubled) {
					expect(inFlightIds.has(id), `email ${id} went twice without being in flight at the kill`).toBe(true)
					expect(reported.has(id), `email ${id} went twice although SendGrid had reported on it`).toBe(false)
				}
				expect(restarted.log).not.toMatch(/Error/)
				await restarted.stop()
			} finally {
				await sendgrid.close()
			}
		},
	)
})
