import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { ownPostgresCluster } from '#tests/support/own-postgres.ts'

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer()
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo
			server.close(() => resolve(port))
		})
		server.on('error', reject)
	})
}

async function statusOf(url: string): Promise<number> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(5_000) })
		await response.arrayBuffer()
		return response.status
	} catch {
		return 0
	}
}

async function postStatus(url: string, origin: string, fields: Record<string, string>): Promise<number> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' },
			body: new URLSearchParams(fields).toString(),
			signal: AbortSignal.timeout(5_000),
		})
		await response.arrayBuffer()
		return response.status
	} catch {
		return 0
	}
}

const cluster = ownPostgresCluster(await freePort())

describe.skipIf(!cluster)('PostgreSQL restarted under the app', () => {
	let app: ChildProcess
	let origin = ''
	let log = ''
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-faults-'))

	beforeAll(async () => {
		cluster!.init()
		cluster!.start()
		const port = await freePort()
		origin = `http://127.0.0.1:${port}`
		app = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
			env: {
				...process.env,
				NODE_ENV: 'test',
				PORT: String(port),
				HOST: '127.0.0.1',
				APP_URL: origin,
				DATABASE_URL: cluster!.url,
				DATA_DIR: dataDir,
				SEED_DEMO_DATA: 'true',
				LOG_REQUESTS: 'false',
				SENDGRID_API_KEY: '',
				STRIPE_SECRET_KEY: '',
				SIGNUP_RATE_LIMIT_PER_HOUR: '100000',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		app.stdout!.on('data', (chunk) => (log += chunk))
		app.stderr!.on('data', (chunk) => (log += chunk))
		const deadline = Date.now() + 60_000
		while ((await statusOf(`${origin}/healthz`)) !== 200) {
			if (app.exitCode !== null || Date.now() > deadline) throw new Error(`The app did not start:\n${log}`)
			await new Promise((resolve) => setTimeout(resolve, 250))
		}
	})

	afterAll(async () => {
		if (app && app.exitCode === null) {
			app.kill('SIGTERM')
			await new Promise((resolve) => app.once('exit', resolve))
		}
		cluster!.destroy()
		fs.rmSync(dataDir, { recursive: true, force: true })
	})

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
			for (let restart = 1; restart <= 3; restart++) {
				await new Promise((resolve) => setTimeout(resolve, 700))
				cluster!.stop()
				await new Promise((resolve) => setTimeout(resolve, 500))
				cluster!.start()
				await expect
					.poll(() => statusOf(`${origin}/healthz`), {
						timeout: 10_000,
						interval: 200,
						message: `healthy after restart ${restart}:\n${log.slice(-3000)}`,
					})
					.toBe(200)
				expect(app.exitCode, `the app exited during restart ${restart}:\n${log}`).toBeNull()
			}
		} finally {
			loading = false
			await Promise.all([...visitors, ...writers])
		}
		expect(app.exitCode, log).toBeNull()
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
		expect(log).not.toMatch(/Cannot read properties of null/)
	})
})
