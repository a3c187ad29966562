// Prints throughput and latency of the busiest public pages, served by the
// real built app on the configured database (embedded PGlite unless
// DATABASE_URL is set). Usage: npm run bench [-- requests concurrency]
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const total = Number(process.argv[2] ?? 400)
const concurrency = Number(process.argv[3] ?? 16)
const port = 3900 + Math.floor(Math.random() * 50)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-bench-'))
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_REQUESTS: 'false',
		SEED_DEMO_DATA: 'true',
		// The benchmark is one client making many gifts: lift the per-client limits.
		DONATION_ATTEMPTS_PER_HOUR: '100000',
		SIGNUP_RATE_LIMIT_PER_HOUR: '100000',
		STRIPE_SECRET_KEY: '',
	},
	stdio: 'ignore',
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; i < 200; i++) {
	try {
		if ((await fetch(`${base}/healthz`)).ok) break
	} catch {
		// Not listening yet: try again.
	}
	await new Promise((r) => setTimeout(r, 200))
}

async function measure(pathname: string) {
	const latencies: number[] = []
	let next = 0
	let failures = 0
	const started = performance.now()
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) {
				next++
				const t = performance.now()
				const response = await fetch(base + pathname)
				await response.arrayBuffer()
				if (!response.ok) failures++
				latencies.push(performance.now() - t)
			}
		}),
	)
	const seconds = (performance.now() - started) / 1000
	latencies.sort((a, b) => a - b)
	const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1)
	console.log(
		`${pathname.padEnd(24)} ${(total / seconds).toFixed(0).padStart(6)} req/s   p50 ${pct(50)} ms   p95 ${pct(95)} ms   p99 ${pct(99)} ms   failures ${failures}`,
	)
}

console.log(`${total} requests per page, ${concurrency} at a time, database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`)
await fetch(base + '/') // warm up
for (const pathname of ['/healthz', '/', '/f/amara-turns-30', '/guide/25-tips', '/fundraise']) await measure(pathname)
/** Runs `task` `count` times, `concurrency` at a time; returns operations per second and p95 latency. */
async function timed(count: number, task: (i: number) => Promise<void>) {
	const latencies: number[] = []
	let next = 0
	const started = performance.now()
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++
				const t = performance.now()
				await task(i)
				latencies.push(performance.now() - t)
			}
		}),
	)
	latencies.sort((a, b) => a - b)
	return { perSecond: count / ((performance.now() - started) / 1000), p95: latencies[Math.floor(latencies.length * 0.95)]! }
}

const raisedPence = async () => {
	const html = await (await fetch(`${base}/f/amara-turns-30`)).text()
	const text = /data-testid="campaign-raised">£([\d,.]+)</.exec(html)![1]!.replace(/,/g, '')
	const [pounds, pence = '0'] = text.split('.')
	return Number(pounds) * 100 + Number(pence.padEnd(2, '0'))
}
const gifts = Math.min(total, 200)
const before = await raisedPence()
const sessions: string[] = []
const form = (fields: Record<string, string>) => ({
	method: 'POST',
	redirect: 'manual' as const,
	headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'sec-fetch-site': 'same-origin' },
	body: new URLSearchParams(fields).toString(),
})
const started = await timed(gifts, async (i) => {
	const response = await fetch(`${base}/f/amara-turns-30/donate`, form({ amount: '2000', donorName: `Bench ${i}`, donorEmail: `bench${i}@example.org` }))
	sessions.push(response.headers.get('location')!.split('/').pop()!)
})
console.log(`${'start a donation (form → checkout)'.padEnd(36)} ${started.perSecond.toFixed(0).padStart(6)} /s   p95 ${started.p95.toFixed(1)} ms`)
const confirmed = await timed(sessions.length, async (i) => {
	const response = await fetch(`${base}/test-checkout/${sessions[i]}`, form({ outcome: 'succeeds' }))
	if (response.status !== 303) throw new Error(`checkout ${i} answered ${response.status}`)
})
console.log(`${'signed webhook → counted donation'.padEnd(36)} ${confirmed.perSecond.toFixed(0).padStart(6)} /s   p95 ${confirmed.p95.toFixed(1)} ms`)
const after = await raisedPence()
console.log(`campaign total moved by ${after - before} pence for ${sessions.length} gifts of 2000 (expected ${sessions.length * 2000})`)

server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
fs.rmSync(dataDir, { recursive: true, force: true })
