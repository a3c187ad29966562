import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

// Built by `npm run bench` into bench/anchor/build with the app's own Remix and Vite.
export default defineConfig({
	root: import.meta.dirname,
	build: { target: 'es2022' },
	plugins: [
		remix({
			appDirectory: 'app',
			buildDirectory: 'build',
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
})
