import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// A resolve hook that names every module of the AWS SDK the process loads.
const reportAwsModules = `export async function resolve(specifier, context, next) {
	const resolved = await next(specifier, context)
	if (resolved.url.includes('/@aws-sdk/')) process.stdout.write('aws-sdk: ' + specifier + '\\n')
	return resolved
}`

describe('the S3 client', () => {
	test('the built server does not load the AWS SDK when S3 is not configured', () => {
		const script = [
			`import { register } from 'node:module'`,
			`register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(reportAwsModules)}))`,
			`await import(${JSON.stringify(path.resolve('build/server/index.js'))})`,
			`console.log('server build imported')`,
		].join('\n')
		const env = { ...process.env }
		delete env.S3_BUCKET
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' })
		expect(output).toContain('server build imported')
		expect(output).not.toContain('aws-sdk:')
	})
})
