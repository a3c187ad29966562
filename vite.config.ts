/// <reference types="vitest/config" />
import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { CorpusFirstSequencer } from './tests/support/sequencer.ts'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	build: { target: 'es2022', cssMinify: true },
	resolve: {
		alias: [
			{
				// ALTCHA ships a minified build of its widget without exporting it; the
				// donation check serves that one as it is (30 KB gzipped instead of 51).
				find: /^altcha-widget-minified(?=\?|$)/,
				replacement: fileURLToPath(new URL('./node_modules/altcha/dist/external/altcha.min.js', import.meta.url)),
			},
		],
	},

	server: { port: 3000 },
	plugins: [
		tailwindcss(),
		!process.env.VITEST &&
			remix({
				ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/*.server.ts'],
				serverModuleFormat: 'esm',
				future: {
					v3_fetcherPersist: true,
					v3_relativeSplatPath: true,
					v3_throwAbortReason: true,
					v3_lazyRouteDiscovery: true,
					v3_singleFetch: true,
					v3_routeConfig: true,
				},
			}),
	],
	test: {
		// Test files mostly wait on PostgreSQL, HTTP and Chromium, so more files
		// run at once than there are cores; each file has its own database.
		maxWorkers: 4,
		sequence: { sequencer: CorpusFirstSequencer },
		projects: [
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['app/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					globalSetup: ['tests/support/global-setup.ts'],
					setupFiles: ['tests/support/setup-file.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
				},
			},
			{
				extends: true,
				test: {
					// Faults: the app's own processes against a PostgreSQL cluster of the test's own.
					name: 'faults',
					include: ['tests/faults/**/*.test.ts'],
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000,
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 120_000,
				},
			},
		],
	},
})
