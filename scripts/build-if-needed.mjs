// Builds the app when there is no build yet or a source file is newer than it,
// so `npm start` and `npm test` work straight after `npm install`.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

// The older of the two builds: the Remix app and the bundled server entry points.
const markers = ['build/server/index.js', 'build/main.mjs', 'build/worker.mjs']
function newestMtime(dir) {
	let newest = 0
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name)
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full))
		else newest = Math.max(newest, fs.statSync(full).mtimeMs)
	}
	return newest
}
const sources = ['app', 'emails', 'public', 'db', 'server', 'vite.config.ts', 'package.json']
	.filter((p) => fs.existsSync(p))
	.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs))
const builtAt = Math.min(...markers.map((marker) => (fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0)))
if (builtAt === 0 || Math.max(...sources) > builtAt) {
	console.log('[build] building the app…')
	execSync('npm run build', { stdio: 'inherit' })
}
