import fs from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { SERVER_EXITED } from './global-setup.ts'

const require = createRequire(import.meta.url)
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

const errorsByPage = new WeakMap<Page, string[]>()

export const baseUrl = () => inject('e2eBaseUrl')
export const hasChromium = () => Boolean(inject('chromiumPath'))

/** Waits until the app the global setup started answers /healthz (it migrates and seeds first). */
async function waitForApp() {
	const deadline = Date.now() + 90_000
	const log = () => fs.readFileSync(inject('e2eServerLogFile'), 'utf8')
	while (Date.now() < deadline) {
		if (log().includes(SERVER_EXITED)) throw new Error(`The app server exited early:\n${log()}`)
		try {
			if ((await fetch(`${baseUrl()}/healthz`)).ok) return
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 250))
	}
	throw new Error(`The app server did not become healthy in time:\n${log()}`)
}

/** One headless Chromium per test file, as this machine runs it. */
export function useBrowser() {
	let browser: Browser | undefined
	beforeAll(async () => {
		if (!hasChromium()) return
		await waitForApp()
		browser = await chromium.launch({
			executablePath: inject('chromiumPath')!,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--no-first-run',
				'--disable-component-update',
				'--disable-sync',
			],
		})
	})
	afterAll(async () => {
		await browser?.close()
	})
	return {
		/**
		 * axe on a page as a browser without JavaScript shows it. axe needs
		 * scripts, so the HTML the JS-disabled `page` holds is served again, at
		 * its own address (so its styles, pictures and links resolve as before),
		 * to a JavaScript-enabled page of the same size, with its scripts taken
		 * out and its <noscript> parts shown, as they were — then axe runs there.
		 */
		async expectAccessibleWithoutJavaScript(page: Page) {
			const html = withoutScripts(await page.content())
			const address = page.url()
			const checker = await this.newPage({ viewport: page.viewportSize() })
			try {
				await checker.route(
					(url) => url.href === address,
					(route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
				)
				await checker.goto(address, { waitUntil: 'load' })
				await expectAccessible(checker)
			} finally {
				await checker.context().close()
			}
		},
		async newPage(options: BrowserContextOptions = {}): Promise<Page> {
			const context = await browser!.newContext({ baseURL: baseUrl(), ...options })
			const page = await context.newPage()
			const errors: string[] = []
			page.on('pageerror', (error) => errors.push(error.message))
			page.on('console', (message) => {
				if (message.type() === 'error') errors.push(message.text())
			})
			errorsByPage.set(page, errors)
			return page
		},
	}
}

/**
 * The HTML of a page seen without JavaScript, ready to be shown by a browser
 * with it: scripts and module preloads removed (so nothing changes the page),
 * <noscript> unwrapped (a scripting browser would not show its content).
 */
export function withoutScripts(html: string): string {
	return html
		.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
		.replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '')
		.replace(/<\/?noscript\b[^>]*>/gi, '')
}

/** Errors the page logged (script errors, CSP violations, failed hydration). */
export function pageErrors(page: Page): string[] {
	return errorsByPage.get(page) ?? []
}

/** Runs axe-core on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
	await page.evaluate(axeSource)
	const results = await page.evaluate(async () => {
		type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] }
		const axe = (
			window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: Violation[] }> } }
		).axe
		return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
	})
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.impact}: ${v.id} — ${v.help} (${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(', ')})`,
		)
	expect(serious, `axe violations on ${page.url()}`).toEqual([])
}
