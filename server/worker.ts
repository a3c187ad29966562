import { logUnhandledRejections } from './process-guards.ts'
import { loadEnvOrExit, startServices } from './services.ts'

logUnhandledRejections('worker')

// A stand-alone job worker, for deployments that run workers apart from the
// web processes (set RUN_WORKER=false on those). Needs DATABASE_URL: the
// embedded database can be opened by one process only.
const env = loadEnvOrExit()
if (!env.DATABASE_URL) {
	console.error('npm run worker needs DATABASE_URL: the embedded database cannot be shared between processes.')
	process.exit(1)
}
const services = await startServices({ runWorkers: true })
console.log('[worker] processing jobs; stop with Ctrl+C')
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => void services.stop().then(() => process.exit(0)))
}
