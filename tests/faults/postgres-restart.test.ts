import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { newFormToken } from '#app/utils/form-token.server.ts'
import {
	completedEvent,
	databaseOf,
	deliverStripeEvent,
	deliverUntilAcknowledged,
	faultAppEnv,
	freePort,
	moneyReport,
	postStatus,
	startAppProcess,
	startDonations,
	statusOf,
	type AppProcess,
} from '#tests/support/app-process.ts'
import { ownPostgresCluster } from '#tests/support/own-postgres.ts'

const cluster = ownPostgresCluster(await freePort())

describe.skipIf(!cluster)('PostgreSQL restarted under the app', () => {
	let app: AppProcess
	let origin = ''
	let sql: ReturnType<typeof databaseOf>
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-faults-'))
	const log = () => app.log

	beforeAll(async () => {
		cluster!.init()
		cluster!.start()
		sql = databaseOf(cluster!.url)
		app = await startAppProcess({ env: faultAppEnv(cluster!.url, dataDir) })
		origin = app.origin
	})

	afterAll(async () => {
		await app?.stop()
		await sql?.end()
		cluster!.destroy()
		fs.rmSync(dataDir, { recursive: true, force: true })
	})

	/** Stops and starts the cluster three times; after each start /healthz must be 200 within 10 s. */
	async function restartThreeTimes() {
		for (let restart = 1; restart <= 3; restart++) {
			await new Promise((resolve) => setTimeout(resolve, 700))
			cluster!.stop()
			await new Promise((resolve) => setTimeout(resolve, 500))
			cluster!.start()
			await expect
				.poll(() => statusOf(`${origin}/healthz`), {
					timeout: 10_000,
					interval: 200,
					message: `healthy after restart ${restart}:\n${log().slice(-3000)}`,
				})
				.toBe(200)
			expect(app.exitCode, `the app exited during restart ${restart}:\n${log()}`).toBeNull()
		}
	}

	test('under page load the process never dies, reconnects by itself and is healthy again within 10 s', async () => {
		let loading = true
		const statuses: number[] = []
		// Eight visitors at once, reading the landing page, a campaign page and the health check.
		const visitors = Array.from({ length: 8 }, async (_, i) => {
			const paths = ['/', '/f/sofia-runs-london', '/healthz']
			for (let n = 0; loading && n < 5_000; n++) statuses.push(await statusOf(origin + paths[(i + n) % paths.length]))
		})
		// Four supporters signing up at once: each a transaction (person, sign-up, email, job).
		const signups: number[] = []
		const writers = Array.from({ length: 4 }, async (_, i) => {
			for (let n = 0; loading && n < 5_000; n++) {
				signups.push(
					await postStatus(`${origin}/fundraise`, origin, {
						firstName: 'Rae',
						lastName: 'Restart',
						email: `rae-${i}-${n}@example.com`,
						idea: 'birthday',
						formToken: newFormToken(),
					}),
				)
			}
		})
		try {
			await restartThreeTimes()
		} finally {
			loading = false
			await Promise.all([...visitors, ...writers])
		}
		expect(app.exitCode, log()).toBeNull()
		// Pages answered again after the last restart: the pool holds no poisoned connection.
		for (const page of ['/', '/f/sofia-runs-london']) expect(await statusOf(origin + page)).toBe(200)
		expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0)
		expect(signups.filter((s) => s === 302).length).toBeGreaterThan(0)
		expect(
			await postStatus(`${origin}/fundraise`, origin, {
				firstName: 'Rae',
				lastName: 'After',
				email: 'rae-after@example.com',
				idea: 'birthday',
				formToken: newFormToken(),
			}),
		).toBe(302)
		expect(log()).not.toMatch(/Cannot read properties of null/)
	})
	test('under webhook load the process never dies, is healthy again within 10 s, and after redelivery no gift is lost or doubled', async () => {
		const slug = 'amara-turns-30'
		const [before] = await sql<
			{ raised: string }[]
		>`select raised_minor::text as raised from campaigns where slug = ${slug}`
		const donations = await startDonations(origin, sql, slug, 50)
		const events = donations.map(completedEvent)
		// Six lanes deliver completions, round and round (duplicates included), while the cluster restarts.
		let loading = true
		let next = 0
		const statuses: number[] = []
		const lanes = Array.from({ length: 6 }, async () => {
			for (let n = 0; loading && n < 2_000; n++) {
				statuses.push(await deliverStripeEvent(origin, events[next++ % events.length]!))
				await new Promise((resolve) => setTimeout(resolve, 30))
			}
		})
		try {
			await restartThreeTimes()
		} finally {
			loading = false
			await Promise.all(lanes)
		}
		expect(app.exitCode, log()).toBeNull()
		expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0)
		// Stripe redelivers: every event again, until each is acknowledged.
		expect((await deliverUntilAcknowledged([origin], events)).unacknowledged).toBe(0)
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
		expect(log()).not.toMatch(/Cannot read properties of null/)
	})
})
