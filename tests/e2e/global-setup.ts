import { execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type TestProject } from 'vitest/node'
import { createFreshDatabase } from '../support/test-database.ts'
import { freePort } from '../support/free-port.ts'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The line the server's log ends with when it exited before the tests were over. */
export const SERVER_EXITED = '[e2e] the app server exited'

declare module 'vitest' {
	export interface ProvidedContext {
		/** Base URL of the app server the end-to-end tests drive. */
		e2eBaseUrl: string
		/** Path of the Chromium binary, or null when none could be found or installed. */
		chromiumPath: string | null
		/** The app server's output so far, ending with a line saying so if it exited. */
		e2eServerLogFile: string
	}
}

/** Finds Debian's Chromium, installing it when running as root with apt; else explains how. */
function ensureChromium(): string | null {
	if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH
	const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')
	if (canInstall) {
		console.log('[e2e] Chromium is missing; installing it with apt-get (Debian package "chromium")…')
		try {
			execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
				stdio: 'inherit',
			})
		} catch {
			// reported below
		}
		if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH
	}
	const howTo = `End-to-end tests need Chromium at ${CHROMIUM_PATH}. Install it with "sudo apt-get install -y chromium" (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`
	if (process.env.CI) throw new Error(howTo)
	console.warn(`\n[e2e] ${howTo}\n[e2e] Skipping the end-to-end tests on this machine.\n`)
	return null
}

/**
 * Starts the built app as a person would run it: its own process, database
 * and worker. It does not wait for the app to be up: Vitest runs the global
 * setups one after another before any test, so the unit and integration
 * tests start while the app migrates and seeds, and each end-to-end file
 * waits for /healthz before its first test (`waitForApp` in browser.ts).
 */
export default async function setup(project: TestProject) {
	const chromiumPath = ensureChromium()
	project.provide('chromiumPath', chromiumPath)
	if (!chromiumPath) {
		project.provide('e2eBaseUrl', '')
		project.provide('e2eServerLogFile', '')
		return
	}
	const port = await freePort()
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-e2e-'))
	const fresh = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL, 'e2e') : null
	let log = ''
	const server = spawn(process.execPath, ['build/main.mjs'], {
		env: {
			...process.env,
			NODE_ENV: 'test',
			PORT: String(port),
			HOST: '127.0.0.1',
			APP_URL: `http://127.0.0.1:${port}`,
			DATABASE_URL: fresh?.url ?? '',
			DATA_DIR: dataDir,
			SEED_DEMO_DATA: 'true',
			// Gift Aid gifts are claimable at once, so a test can claim the gift it has just made.
			GIFT_AID_CLAIM_AFTER_DAYS: '0',
			SENDGRID_API_KEY: '',
			STRIPE_SECRET_KEY: '',
			LOG_REQUESTS: 'false',
			SIGNUP_RATE_LIMIT_PER_HOUR: '1000',
			// Low enough that a test can trip a fundraiser's donation limit with a short burst; a light check keeps it quick.
			DONATION_CAMPAIGN_STARTS_PER_MINUTE: '5',
			DONATION_CHALLENGE_DIFFICULTY: '300',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	const logFile = path.join(dataDir, 'server.log')
	const record = (chunk: Buffer | string) => {
		const text = chunk.toString()
		log += text
		fs.appendFileSync(logFile, text)
	}
	fs.writeFileSync(logFile, '')
	server.stdout.on('data', record)
	server.stderr.on('data', record)
	const exited = new Promise((resolve) => server.once('exit', resolve))
	let stopping = false
	server.once('exit', (code, signal) => {
		if (!stopping) record(`\n${SERVER_EXITED} (${signal ?? `code ${code}`})\n`)
	})
	project.provide('e2eBaseUrl', `http://127.0.0.1:${port}`)
	project.provide('e2eServerLogFile', logFile)
	return async () => {
		stopping = true
		server.kill('SIGTERM')
		await exited
		await fresh?.drop()
		fs.rmSync(dataDir, { recursive: true, force: true })
		if (/\b(error|exception)\b/i.test(log) && process.env.E2E_SHOW_SERVER_LOG !== '0') {
			console.log(`[e2e] app server output:\n${log}`)
		}
	}
}
