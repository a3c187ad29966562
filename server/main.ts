import path from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import { type ServerBuild } from '@remix-run/node'
import { remoteUploadsOrigin } from '#app/media/storage.server.ts'
import { createApp } from './app.ts'
import { listenAnnouncement } from './listen-address.ts'
import { logUnhandledRejections } from './process-guards.ts'
import { loadEnvOrExit, startServices } from './services.ts'

logUnhandledRejections('server')

// V8 lets its old generation grow to up to 4× what survived the last full collection before it collects
// again: with 60 MB live, an app serving pages at a steady pace reached 410 MB (RSS) from 250 within a
// minute, all of it garbage (pages alone, no export; `scripts/bench-scale.ts` measures an export beside
// page views). 1.5× keeps that under 300 MB; the collections it adds are incremental and cost no
// measurable CPU per page (14.2 ms against 15.1 ms a page over 1,500 views). V8 reads the factor at each
// collection, so it may be set here rather than on every command line that starts the app.
v8.setFlagsFromString('--heap-growing-percent=50')

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const env = loadEnvOrExit()
const dev = process.argv.includes('--dev')
// The built app renders with React's production build even when the
// configuration is development's (no NODE_ENV set: `npm start` on a laptop).
// The configuration was read above and is kept, so this changes only libraries.
if (!dev && !process.env.NODE_ENV) process.env.NODE_ENV = 'production'

const services = await startServices({ runWorkers: env.RUN_WORKER })

let build: ServerBuild | (() => Promise<ServerBuild>)
const before = []
if (dev) {
	const vite = await import('vite')
	const viteServer = await vite.createServer({ root, server: { middlewareMode: true } })
	before.push(viteServer.middlewares)
	build = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
} else {
	build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
}

const app = createApp({
	build,
	production: env.NODE_ENV === 'production',
	trustProxy: env.TRUST_PROXY,
	logRequests: env.LOG_REQUESTS,
	clientBuildDir: dev ? undefined : path.join(root, 'build/client'),
	before,
	uploadsDir: path.resolve(env.DATA_DIR, 'uploads'),
	uploadsOrigin: remoteUploadsOrigin(env),
	checkHealth: async () => {
		await services.database.sql.executeSql('select 1')
	},
})

const server = app.listen(env.PORT, env.HOST, () => {
	const { level, message } = listenAnnouncement(env, dev ? 'development with Vite' : 'built app')
	console[level](message)
})

let stopping = false
async function shutdown(signal: string) {
	if (stopping) return
	stopping = true
	console.log(`[server] ${signal}: shutting down`)
	server.close()
	await services.stop().catch((error) => console.error('[server] error while stopping', error))
	process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
