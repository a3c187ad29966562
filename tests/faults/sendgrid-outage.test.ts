import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { newFormToken } from '#app/utils/form-token.server.ts'
import {
	databaseOf,
	faultAppEnv,
	freePort,
	postForm,
	startAppProcess,
	type AppProcess,
} from '#tests/support/app-process.ts'
import { ownPostgresCluster } from '#tests/support/own-postgres.ts'
import { startSendGridStandIn } from '#tests/support/sendgrid-standin.ts'

const cluster = ownPostgresCluster(await freePort())
/** The minute-long outage with the default retry settings runs only with `npm run test:faults`. */
const full = Boolean(process.env.FAULTS_FULL)

describe.skipIf(!cluster)('SendGrid answering 503 for a while', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-faults-'))
	const running: AppProcess[] = []
	let sql: ReturnType<typeof databaseOf>

	beforeAll(() => {
		cluster!.init()
		cluster!.start()
		sql = databaseOf(cluster!.url)
	})

	afterEach(async () => {
		for (const app of running.splice(0)) await app.killHard()
	})

	afterAll(async () => {
		await sql?.end()
		cluster!.destroy()
		fs.rmSync(dataDir, { recursive: true, force: true })
	})

	/**
	 * Supporters sign up (each is sent a welcome) while SendGrid answers 503 to
	 * everything; once every email has been refused at least once and the
	 * outage has lasted `outageMs`, SendGrid recovers. Every email must then go
	 * exactly once, within `drainWithinMs` of the recovery.
	 */
	async function outage(options: {
		outageMs: number
		drainWithinMs: number
		env: Record<string, string>
		annotate: (message: string) => Promise<unknown>
	}) {
		const sendgrid = await startSendGridStandIn()
		try {
			const app = await startAppProcess({
				env: {
					...faultAppEnv(cluster!.url, dataDir),
					SENDGRID_API_KEY: sendgrid.apiKey,
					SENDGRID_API_BASE: sendgrid.baseUrl,
					...options.env,
				},
			})
			running.push(app)
			sendgrid.outage(503)
			const outageStarted = Date.now()
			const runId = Date.now().toString(36)
			for (let i = 0; i < 20; i++) {
				const signedUp = await postForm(app.origin, '/fundraise', {
					firstName: 'Olive',
					lastName: 'Outage',
					email: `olive-${runId}-${i}@example.com`,
					idea: 'birthday',
					formToken: newFormToken(),
				})
				expect(signedUp.status).toBe(302)
			}
			const queued = await sql<{ id: string }[]>`
				select id from emails where to_email like ${`olive-${runId}-%`} and template = 'signup-welcome'`
			expect(queued).toHaveLength(20)
			const ids = new Set(queued.map((e) => e.id))
			const refused = () =>
				new Set(sendgrid.requests.filter((r) => r.status === 503).map((r) => r.body.custom_args?.email_id)).size
			// The worker tried every one of them and was refused: the outage really delayed them.
			await expect.poll(refused, { timeout: 30_000, interval: 100 }).toBe(ids.size)
			const stillDown = options.outageMs - (Date.now() - outageStarted)
			if (stillDown > 0) await new Promise((resolve) => setTimeout(resolve, stillDown))
			const failedDuringOutage = await sql<{ n: number }[]>`
				select count(*)::int as n from emails where id in ${sql([...ids])} and status = 'failed'`
			expect(failedDuringOutage[0]!.n, 'no email given up on during the outage').toBe(0)
			sendgrid.outage(null)
			const recoveredAt = Date.now()

			await expect
				.poll(
					async () =>
						(
							await sql<{ n: number }[]>`
								select count(*)::int as n from emails where id in ${sql([...ids])} and status <> 'sent'`
						)[0]!.n,
					{ timeout: options.drainWithinMs, interval: 250 },
				)
				.toBe(0)
			const [last] = await sql<{ after: number; attempts: number }[]>`
				select extract(epoch from max(sent_at))::float8 * 1000 - ${recoveredAt} as after, max(attempts)::int as attempts
				from emails where id in ${sql([...ids])}`
			const summary = `${ids.size} emails refused ${sendgrid.requests.filter((r) => r.status === 503).length} times in all (at most ${last!.attempts - 1} times each), the last sent ${(last!.after / 1000).toFixed(1)} s after SendGrid recovered`
			console.log(`[sendgrid outage of ${options.outageMs / 1000} s] ${summary}`)
			await options.annotate(summary)

			const sends = new Map<string, number>()
			for (const mail of sendgrid.accepted()) {
				const emailId = mail.body.custom_args?.email_id
				if (emailId) sends.set(emailId, (sends.get(emailId) ?? 0) + 1)
			}
			for (const id of ids) expect(sends.get(id), `email ${id} accepted once`).toBe(1)
			expect(app.exitCode).toBeNull()
		} finally {
			await sendgrid.close()
		}
	}

	test('for a few seconds, with short retry delays: every email goes once, soon after it recovers', async ({
		annotate,
	}) => {
		await outage({ outageMs: 5_000, drainWithinMs: 20_000, env: { EMAIL_RETRY_DELAY_SECONDS: '1' }, annotate })
	})

	test.skipIf(!full)(
		'for a minute, with the default retry settings: no email lost or doubled, and the queue drains within 2 minutes of recovery',
		async ({ annotate }) => {
			await outage({ outageMs: 60_000, drainWithinMs: 120_000, env: {}, annotate })
		},
		240_000,
	)
})
