import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * A PostgreSQL cluster of a test's own, on its own port, that the test may
 * stop and start at will (the shared server on 5432 is never touched).
 * Returns null when this machine has no PostgreSQL binaries.
 */
export function ownPostgresCluster(port: number) {
	const binDir = findPostgresBinDir()
	if (!binDir) return null
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundraising-pg-'))
	const dataDir = path.join(dir, 'data')
	// initdb refuses to run as root: run the cluster as the postgres user then.
	const asRoot = process.getuid?.() === 0
	if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir])
	const run = (tool: string, args: string[]) => {
		const command = path.join(binDir, tool)
		const result = asRoot
			? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
			: spawnSync(command, args, { encoding: 'utf8' })
		if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
	}
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		init() {
			run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync'])
		},
		start() {
			run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'])
		},
		/** Stops at once, as a crash or failover would: every connection is cut. */
		stop() {
			run('pg_ctl', ['-D', dataDir, '-m', process.env.PG_STOP_MODE ?? 'fast', '-w', 'stop'])
		},
		destroy() {
			try {
				this.stop()
			} catch {
				// already stopped
			}
			fs.rmSync(dir, { recursive: true, force: true })
		},
	}
}

function findPostgresBinDir(): string | null {
	const root = '/usr/lib/postgresql'
	if (!fs.existsSync(root)) return null
	const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))
	for (const version of versions) {
		const bin = path.join(root, version, 'bin')
		if (fs.existsSync(path.join(bin, 'initdb'))) return bin
	}
	return null
}
