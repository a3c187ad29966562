import { newFormToken } from '#app/utils/form-token.server.ts'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
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
	statusOf,
	type AppProcess,
} from '#tests/support/app-process.ts'
import { ownPostgresCluster } from '#tests/support/own-postgres.ts'
import { startSendGridStandIn } from '#tests/support/sendgrid-standin.ts'

const cluster = ownPostgresCluster(await freePort())
/** Three processes to start: only with `npm run test:faults`. */
const full = Boolean(process.env.FAULTS_FULL)

describe.skipIf(!cluster || !full)('two web processes and a worker on one database', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-faults-'))
	let sendgrid: Awaited<ReturnType<typeof startSendGridStandIn>>
	let sql: ReturnType<typeof databaseOf>
	let webA: AppProcess
	let webB: AppProcess
	let worker: AppProcess

	beforeAll(async () => {
		cluster!.init()
		cluster!.start()
		sql = databaseOf(cluster!.url)
		sendgrid = await startSendGridStandIn()
		const env = {
			...faultAppEnv(cluster!.url, dataDir),
			SENDGRID_API_KEY: sendgrid.apiKey,
			SENDGRID_API_BASE: sendgrid.baseUrl,
			SIGNUP_RATE_LIMIT_PER_HOUR: '6',
			RUN_WORKER: 'false',
		}
		// The first process migrates and seeds; the others start on a database that is ready.
		webA = await startAppProcess({ env })
		;[webB, worker] = await Promise.all([
			startAppProcess({ env }),
			startAppProcess({ script: 'server/worker.ts', env: { ...env, RUN_WORKER: 'true' } }),
		])
	})

	afterAll(async () => {
		for (const process of [webA, webB, worker]) await process?.stop()
		await sendgrid?.close()
		await sql?.end()
		cluster!.destroy()
		fs.rmSync(dataDir, { recursive: true, force: true })
	})

	test('each completion delivered to both at once counts once, totals are exact and every email goes once', async () => {
		const slug = 'new-year-polar-dip'
		const [before] = await sql<
			{ raised: string }[]
		>`select raised_minor::text as raised from campaigns where slug = ${slug}`
		const donations = [
			...(await startDonations(webA.origin, sql, slug, 20)),
			...(await startDonations(webB.origin, sql, slug, 20)),
		]
		const events = donations.map(completedEvent)
		// Stripe's duplicates reach both processes at the same moment, four gifts at a time.
		let next = 0
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				for (let i = next++; i < events.length; i = next++) {
					await Promise.all([deliverStripeEvent(webA.origin, events[i]!), deliverStripeEvent(webB.origin, events[i]!)])
				}
			}),
		)
		expect((await deliverUntilAcknowledged([webA.origin, webB.origin], events)).unacknowledged).toBe(0)

		const { drift, counted } = await moneyReport(
			sql,
			donations.map((d) => d.id),
		)
		expect(drift).toEqual([])
		for (const donation of counted) expect(donation).toMatchObject({ status: 'succeeded', movements: 1, receipts: 1 })
		const [after] = await sql<
			{ raised: string }[]
		>`select raised_minor::text as raised from campaigns where slug = ${slug}`
		const given = donations.reduce((sum, d) => sum + d.amountMinor + d.coverFeeMinor, 0)
		expect(Number(after!.raised) - Number(before!.raised)).toBe(given)

		// The worker sends what the web processes queued, each email once.
		const unsent = async () =>
			(await sql<{ n: number }[]>`select count(*)::int as n from emails where status in ('queued', 'sending')`)[0]!.n
		await expect.poll(unsent, { timeout: 30_000, interval: 250 }).toBe(0)
		const receipts = await sql<{ id: string }[]>`
			select id from emails where cause_key in ${sql(donations.map((d) => `receipt:${d.id}`))} and status = 'sent'`
		expect(receipts).toHaveLength(donations.length)
		const sends = new Map<string, number>()
		for (const mail of sendgrid.accepted()) {
			const emailId = mail.body.custom_args?.email_id
			if (emailId) sends.set(emailId, (sends.get(emailId) ?? 0) + 1)
		}
		expect([...sends].filter(([, n]) => n > 1)).toEqual([])
		for (const { id } of receipts) expect(sends.get(id)).toBe(1)
	})

	test('the sign-up limit per IP counts posts to either process', async () => {
		const statuses: number[] = []
		for (let i = 0; i < 8; i++) {
			const web = i % 2 === 0 ? webA : webB
			const signedUp = await postForm(web.origin, '/fundraise', {
				firstName: 'Lena',
				lastName: 'Limit',
				email: `lena-${i}@example.com`,
				idea: 'birthday',
				formToken: newFormToken(),
			})
			statuses.push(signedUp.status)
		}
		// SIGNUP_RATE_LIMIT_PER_HOUR is 6: the seventh and eighth are refused, whichever process they reach.
		expect(statuses).toEqual([302, 302, 302, 302, 302, 302, 429, 429])
	})

	test('a session made on one web process is valid on the other', async () => {
		const email = 'staff@demo.example.org'
		const asked = await postForm(webA.origin, '/login', { email, redirectTo: '/account' })
		expect(asked.status).toBe(302)
		// The code goes out through the worker, as every email does.
		const codeMail = () =>
			sendgrid
				.accepted()
				.find(
					(mail) => mail.body.personalizations[0]?.to[0]?.email === email && /sign-in code/i.test(mail.body.subject),
				)
		await expect.poll(codeMail, { timeout: 30_000, interval: 250 }).toBeTruthy()
		const text = codeMail()!.body.content.find((part) => part.type === 'text/plain')!.value
		const code = /\b(\d{6})\b/.exec(text)![1]!
		const verified = await postForm(webA.origin, asked.location!, { email, code })
		expect(verified.status).toBe(302)
		const cookie = verified.cookies.find((c) => c.startsWith('__session='))!.split(';')[0]!
		expect(await statusOf(`${webB.origin}/account`)).toBe(302)
		expect(await statusOf(`${webB.origin}/account`, { cookie })).toBe(200)
		expect(await statusOf(`${webB.origin}/staff`, { cookie })).toBe(200)
	})
})
