// What the benches share: percentiles and the line that says which commit ran on which machine.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

/** The value below which `p` per cent of `sorted` (ascending) lie; NaN for none. */
export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/** The commit being measured (short hash), or "unknown" outside a git checkout. */
export function benchCommit(): string {
	try {
		return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim()
	} catch {
		return 'unknown'
	}
}

/** The machine, for a heading: cores, CPU model, memory and Node version. */
export function benchMachine(): string {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
	return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`
}

/** A heading's date: now, to the minute, in UTC. */
export function benchWhen(): string {
	return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

const clockTicksPerMs = 100 / 1000 // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used, in ms, from /proc; 0 once it has gone. */
export function processCpuMs(pid: number): number {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
		return (Number(fields[11]) + Number(fields[12])) / clockTicksPerMs
	} catch {
		return 0
	}
}

/** CPU time this process's waited-for children (pgbench) have used, in ms. */
export function childrenCpuMs(): number {
	const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
	return (Number(fields[13]) + Number(fields[14])) / clockTicksPerMs
}

/** The ids of this machine's PostgreSQL processes (server, backends, WAL writer, checkpointer…). */
function postgresPids(): number[] {
	return fs.readdirSync('/proc').flatMap((entry) => {
		if (!/^\d+$/.test(entry)) return []
		try {
			return fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres' ? [Number(entry)] : []
		} catch {
			return []
		}
	})
}

/**
 * The CPU time, in ms, PostgreSQL's processes spent while `work` ran: on a
 * quiet machine, what the database spent on it. Sampled every 200 ms, so
 * backends that come and go with the work (pgbench's) count up to their last
 * sample.
 */
export async function postgresCpuDuring<T>(work: () => Promise<T> | T): Promise<{ result: T; postgresMs: number }> {
	const seen = new Map<number, { first: number; last: number }>()
	const sample = () => {
		for (const pid of postgresPids()) {
			const ms = processCpuMs(pid)
			const known = seen.get(pid)
			if (known) known.last = ms
			else seen.set(pid, { first: ms, last: ms })
		}
	}
	sample()
	const newAtStart = new Set(seen.keys())
	const timer = setInterval(sample, 200)
	try {
		const result = await work()
		sample()
		let postgresMs = 0
		// A backend first seen after the start was new: all of its time counts.
		for (const [pid, { first, last }] of seen) postgresMs += newAtStart.has(pid) ? last - first : last
		return { result, postgresMs }
	} finally {
		clearInterval(timer)
	}
}
