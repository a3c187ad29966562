import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

type FreshDatabase = { url: string; drop: () => Promise<void> }

async function onServer<T>(baseUrl: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
	try {
		return await work(admin)
	} finally {
		await admin.end()
	}
}

function uniqueName(prefix: string) {
	return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
}

function databaseHandle(baseUrl: string, name: string): FreshDatabase {
	const url = new URL(baseUrl)
	url.pathname = `/${name}`
	return {
		url: url.toString(),
		drop: () =>
			onServer(baseUrl, (admin) => admin.unsafe(`drop database if exists "${name}" with (force)`)).then(
				() => undefined,
			),
	}
}

/** Creates an empty database with a unique name on the server DATABASE_URL points at. */
export async function createFreshDatabase(baseUrl: string, prefix: string): Promise<FreshDatabase> {
	const name = uniqueName(prefix)
	await onServer(baseUrl, (admin) => admin.unsafe(`create database "${name}"`))
	return databaseHandle(baseUrl, name)
}

/**
 * Copies an already migrated database (PostgreSQL's CREATE DATABASE … TEMPLATE),
 * so each test file starts from its own fresh schema in a fraction of a migration's time.
 */
export async function copyDatabase(serverUrl: string, templateUrl: string, prefix: string): Promise<FreshDatabase> {
	const template = new URL(templateUrl).pathname.slice(1)
	const name = uniqueName(prefix)
	// Nobody may be connected to a template while it is copied, so the copy is
	// asked for from the server's own database; a copy that meets another
	// file's connection for an instant tries again.
	for (let attempt = 1; ; attempt++) {
		try {
			await onServer(serverUrl, (admin) => admin.unsafe(`create database "${name}" template "${template}"`))
			return databaseHandle(serverUrl, name)
		} catch (error) {
			if (attempt >= 20 || !String((error as Error).message).includes('is being accessed by other users')) throw error
			await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
		}
	}
}
