import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

/** Creates an empty database with a unique name on the server DATABASE_URL points at. */
export async function createFreshDatabase(baseUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
	try {
		await admin.unsafe(`create database "${name}"`)
	} finally {
		await admin.end()
	}
	const url = new URL(baseUrl)
	url.pathname = `/${name}`
	return {
		url: url.toString(),
		async drop() {
			const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
			try {
				await admin.unsafe(`drop database if exists "${name}" with (force)`)
			} finally {
				await admin.end()
			}
		},
	}
}
