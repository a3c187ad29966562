// `npm test`: builds the app if needed, runs every Vitest project (unit,
// integration, end-to-end) and closes with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const resultsFile = 'test-results/vitest.json'
fs.rmSync(resultsFile, { force: true })
const run = spawnSync(
	'npx',
	[
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${resultsFile}`,
		...process.argv.slice(2),
	],
	{ stdio: 'inherit' },
)

let summary = 'no test results were written'
if (fs.existsSync(resultsFile)) {
	const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
	const skipped = results.numPendingTests + (results.numTodoTests ?? 0)
	summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`
	if (results.numTotalTests === 0) summary += ' (no test ran)'
}
console.log(`\n${summary}`)
process.exit(run.status ?? 1)
