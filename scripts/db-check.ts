// `npm run db:check`: fails when db/schema.ts and the committed migrations disagree, that is when
// `drizzle-kit generate` would write a new migration, or when drizzle-kit's own `check` finds the
// migration history inconsistent (two branches' migrations colliding). Both run on a temporary copy
// of the migrations folder, so the repository's folder is never written to, pass or fail.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import config from '../drizzle.config.ts'

const { out: migrationsDir, schema } = config
if (!migrationsDir || typeof schema !== 'string') throw new Error('drizzle.config.ts needs `out` and one `schema` file')

/** Every file under `dir`, by relative path, with its content. */
function snapshot(dir: string): Map<string, string> {
	const files = new Map<string, string>()
	for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		const full = path.join(dir, file)
		if (fs.statSync(full).isFile()) files.set(file, fs.readFileSync(full, 'utf8'))
	}
	return files
}

function drizzleKit(args: string[]) {
	// No standard input: a question (such as "was this column renamed?") means the schema moved on without a migration.
	const run = spawnSync('npx', ['drizzle-kit', ...args], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 120_000,
	})
	return {
		ok: run.status === 0 && !run.error,
		output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`,
	}
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'db-check-'))
let problem: string | null = null
try {
	const copy = path.join(scratch, 'migrations')
	fs.cpSync(path.resolve(migrationsDir), copy, { recursive: true })
	const before = snapshot(copy)
	// drizzle-kit reads --out relative to the working directory, even when it is absolute.
	const out = path.relative(process.cwd(), copy)
	// Messages name the repository's folder, not the temporary copy.
	const shown = (text: string) => text.replaceAll(out, path.normalize(migrationsDir))

	const check = drizzleKit(['check', '--dialect', config.dialect, '--out', out])
	if (!check.ok) problem = `drizzle-kit check failed:\n${shown(check.output)}`

	const casing = config.casing ? ['--casing', config.casing] : []
	const generate = drizzleKit(['generate', '--dialect', config.dialect, '--schema', schema, '--out', out, ...casing])
	const after = snapshot(copy)
	const changed = [...after].filter(([file, text]) => before.get(file) !== text)
	if (!problem && changed.length > 0) {
		const sql = changed.filter(([file]) => file.endsWith('.sql')).map(([file, text]) => `-- ${file}\n${text}`)
		problem = [
			'db/schema.ts has changes that no committed migration holds. drizzle-kit would generate:',
			...sql,
			'Run `npx drizzle-kit generate --name <short_name>` and commit the migration with the schema.',
		].join('\n\n')
	} else if (!problem && !(generate.ok && /No schema changes/.test(generate.output))) {
		// drizzle-kit exits 0 on some errors, so only its own "nothing to do" counts as agreement.
		problem = `drizzle-kit generate did not confirm that the schema and migrations agree:\n${shown(generate.output)}`
	}
} finally {
	fs.rmSync(scratch, { recursive: true, force: true })
}

if (problem) {
	console.error(problem)
	process.exit(1)
}
console.log('db/schema.ts and db/migrations agree.')
