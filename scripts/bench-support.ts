// What the benches share: percentiles and the line that says which commit ran on which machine.
import { execSync } from 'node:child_process'
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
