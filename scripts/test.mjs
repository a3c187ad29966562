// `npm test`: builds the app if needed, runs every Vitest project (unit,
// integration, end-to-end, faults) and closes with one plain "N passed, N
// failed" line.
//
// Vitest runs the projects whose files go one at a time (end-to-end, faults)
// after the others and one file at a time between them, although the two have
// nothing in common: the end-to-end files share one app server and database,
// the fault files each start their own PostgreSQL cluster and app processes.
// So the whole suite runs as two Vitest processes: one runs the unit and
// integration files in parallel and then the end-to-end files one by one; the
// other runs the fault files one by one beside the end-to-end files (from the
// moment the first of those has finished, so after every integration file),
// and its output is shown when the first process is done. With arguments (a
// project, files, options) one Vitest process runs just what was asked.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const resultsFile = 'test-results/vitest.json'
fs.rmSync(resultsFile, { force: true })

/**
 * Runs Vitest on `args` with its JSON results in `jsonFile`, and resolves to
 * its exit status. Its output goes straight to ours, or line by line to
 * `onLine` when given.
 */
function vitest(args, jsonFile, onLine) {
	fs.rmSync(jsonFile, { force: true })
	const child = spawn(
		'npx',
		['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...args],
		{
			stdio: ['ignore', onLine ? 'pipe' : 'inherit', onLine ? 'pipe' : 'inherit'],
			// Colours as if Vitest wrote to our terminal itself.
			env: onLine && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
		},
	)
	if (onLine) {
		for (const stream of [child.stdout, child.stderr]) {
			let partial = ''
			stream.on('data', (chunk) => {
				const lines = (partial + chunk).split('\n')
				partial = lines.pop()
				for (const line of lines) onLine(line)
			})
			stream.on('end', () => partial && onLine(partial))
		}
	}
	return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)))
}

function readResults(file) {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null
}

/** Vitest JSON reports as one: the counts added up, the files listed together. */
function mergeResults(reports) {
	const present = reports.filter(Boolean)
	if (present.length === 0) return null
	const merged = { ...present[0], testResults: [], success: true }
	for (const key of Object.keys(merged)) if (key.startsWith('num')) merged[key] = 0
	for (const report of present) {
		for (const [key, value] of Object.entries(report)) if (key.startsWith('num')) merged[key] += value
		merged.testResults.push(...report.testResults)
		merged.success &&= report.success
		merged.startTime = Math.min(merged.startTime, report.startTime)
	}
	return merged
}

const asked = process.argv.slice(2)
let status
let results
if (asked.length > 0) {
	status = await vitest(asked, resultsFile)
	results = readResults(resultsFile)
} else {
	const mainFile = 'test-results/vitest-main.json'
	const faultsFile = 'test-results/vitest-faults.json'
	let startFaults = () => {}
	const faultsMayStart = new Promise((resolve) => (startFaults = resolve))
	const main = vitest(['--project', 'integration', '--project', 'e2e'], mainFile, (line) => {
		console.log(line)
		if (line.includes('tests/e2e/')) startFaults()
	})
	void main.then(startFaults)
	const faultsOutput = []
	const faults = faultsMayStart.then(() =>
		vitest(['--project', 'faults'], faultsFile, (line) => faultsOutput.push(line)),
	)
	const mainStatus = await main
	const faultsStatus = await faults
	console.log(`\n== fault tests (run beside the end-to-end tests)\n${faultsOutput.join('\n')}`)
	status = mainStatus || faultsStatus
	results = mergeResults([readResults(mainFile), readResults(faultsFile)])
	if (results) fs.writeFileSync(resultsFile, JSON.stringify(results))
}

let summary = 'no test results were written'
if (results) {
	const skipped = results.numPendingTests + (results.numTodoTests ?? 0)
	summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`
	if (results.numTotalTests === 0) summary += ' (no test ran)'
}
console.log(`\n${summary}`)
process.exit(status)
