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
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_REQUESTS: 'false', SEED_DEMO_DATA: 'true' },
	stdio: 'ignore',
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; i < 200; i++) {
	try {
		if ((await fetch(`${base}/healthz`)).ok) break
	} catch {}
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
server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
fs.rmSync(dataDir, { recursive: true, force: true })
