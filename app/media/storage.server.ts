import { randomUUID } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { getEnv, type Env } from '#app/config/env.server.ts'

/**
 * Where public files (cover images, profile photos) are kept: a folder on
 * local disk by default, served by Express at /uploads; S3-compatible storage
 * as soon as S3_BUCKET is set. Files are written once under a random key and
 * never changed, so they may be cached for ever.
 */

/** Served with this header from disk and stored with it on S3. */
export const PUBLIC_FILE_CACHE_CONTROL = 'public, max-age=31536000, immutable'

// Keys are made by us (fixed folders and random ids), never from a person's
// file name; the pattern still guards the disk path against `..` and friends.
const SAFE_KEY = /^(?:[a-z0-9_-]+\/)*[a-z0-9_-]+(?:\.[a-z0-9]+)?$/i

function assertSafeKey(key: string) {
	if (!SAFE_KEY.test(key) || key.length > 200)
		throw new Error(`Refusing to store a file under the unsafe key ${JSON.stringify(key)}`)
}

/** The folder local uploads live in: DATA_DIR/uploads. */
export function localUploadsDir(): string {
	return path.resolve(getEnv().DATA_DIR, 'uploads')
}

/** The file on disk behind a local public URL (`/uploads/<key>`), or null for anything else. */
export function localUploadPath(publicUrl: string): string | null {
	if (!publicUrl.startsWith('/uploads/')) return null
	const key = publicUrl.slice('/uploads/'.length)
	return SAFE_KEY.test(key) ? path.join(localUploadsDir(), key) : null
}

/** Stores a file anyone may read and returns its public URL. */
export async function putPublicFile(key: string, body: Buffer, contentType: string): Promise<string> {
	assertSafeKey(key)
	const env = getEnv()
	if (env.S3_BUCKET) {
		const { PutObjectCommand } = await loadS3Sdk()
		const client = await s3Client(env)
		await client.send(
			new PutObjectCommand({
				Bucket: env.S3_BUCKET,
				Key: key,
				Body: body,
				ContentType: contentType,
				CacheControl: PUBLIC_FILE_CACHE_CONTROL,
			}),
		)
		return `${s3PublicBaseUrl(env)}/${key}`
	}
	const file = path.join(localUploadsDir(), key)
	await mkdir(path.dirname(file), { recursive: true })
	// Written aside and renamed, so a half-written file is never served.
	const partial = `${file}.${randomUUID()}.partial`
	try {
		await writeFile(partial, body)
		await rename(partial, file)
	} catch (error) {
		await rm(partial, { force: true })
		throw error
	}
	return `/uploads/${key}`
}

/**
 * The origin public files are served from when it is not this site (S3), so
 * the Content-Security-Policy can allow images from it; null for local disk.
 */
export function remoteUploadsOrigin(env: Env = getEnv()): string | null {
	return env.S3_BUCKET ? new URL(s3PublicBaseUrl(env)).origin : null
}

function s3PublicBaseUrl(env: Env): string {
	if (env.S3_PUBLIC_URL) return env.S3_PUBLIC_URL.replace(/\/+$/, '')
	// Without a configured public URL, the bucket's own address (path-style on
	// other providers, as the client below uses).
	if (env.S3_ENDPOINT) return `${env.S3_ENDPOINT.replace(/\/+$/, '')}/${env.S3_BUCKET}`
	return `https://${env.S3_BUCKET}.s3.${env.S3_REGION}.amazonaws.com`
}

let s3Sdk: Promise<typeof import('@aws-sdk/client-s3')> | undefined

// The SDK is loaded only once S3 is configured: a site on local disk (and
// every test run without S3) never loads its few hundred modules.
function loadS3Sdk() {
	s3Sdk ??= import('@aws-sdk/client-s3')
	return s3Sdk
}

let cachedClient: { config: string; client: S3Client } | undefined

// One client per configuration: it keeps connections alive between uploads,
// and tests that change the environment get a fresh one.
async function s3Client(env: Env): Promise<S3Client> {
	const config = JSON.stringify([env.S3_REGION, env.S3_ENDPOINT, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY])
	const { S3Client } = await loadS3Sdk()
	if (cachedClient?.config !== config) {
		cachedClient?.client.destroy()
		cachedClient = {
			config,
			client: new S3Client({
				region: env.S3_REGION,
				endpoint: env.S3_ENDPOINT,
				// MinIO and most self-hosted stores do not have per-bucket host names.
				forcePathStyle: Boolean(env.S3_ENDPOINT),
				credentials:
					env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
						? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
						: undefined,
			}),
		}
	}
	return cachedClient.client
}
