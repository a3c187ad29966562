import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { processCoverUpload, processProfilePhoto } from '#app/media/images.server.ts'
import { parseEnv } from '#app/config/env.server.ts'
import { putPublicFile, remoteUploadsOrigin } from '#app/media/storage.server.ts'
import { resetTestEnv } from '#tests/support/env.ts'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'media-test-'))
const uploadsDir = path.join(dataDir, 'uploads')

beforeEach(() => {
	rmSync(uploadsDir, { recursive: true, force: true })
	resetTestEnv({ DATA_DIR: dataDir })
})
afterAll(() => {
	rmSync(dataDir, { recursive: true, force: true })
})

const RED = { r: 220, g: 20, b: 20 }
const BLUE = { r: 20, g: 40, b: 220 }

/**
 * An 800×400 photo stored on its side, as phones do: red on top, blue below,
 * with EXIF orientation 6 ("turn 90° clockwise to show"), a copyright and a
 * GPS position. Shown the right way up it is 400×800 with blue on the left.
 */
async function phoneJpeg() {
	const stripes = Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="200" fill="rgb(${RED.r},${RED.g},${RED.b})"/><rect y="200" width="800" height="200" fill="rgb(${BLUE.r},${BLUE.g},${BLUE.b})"/></svg>`,
	)
	return sharp(stripes)
		.jpeg({ quality: 90 })
		.withMetadata({
			orientation: 6,
			exif: {
				IFD0: { Copyright: 'x' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
			},
		})
		.toBuffer()
}

/** A photo-like picture (noise, so it does not compress to nothing). */
function noisyImage(width: number, height: number) {
	return sharp({
		create: { width, height, channels: 3, background: '#8fb9a8', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
	})
}

const fileOf = (bytes: Buffer | string, name: string, type: string) =>
	new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type })

async function pixel(image: sharp.Sharp, x: number, y: number) {
	const { data, info } = await image.clone().raw().toBuffer({ resolveWithObject: true })
	const offset = (y * info.width + x) * info.channels
	return { r: data[offset]!, g: data[offset + 1]!, b: data[offset + 2]! }
}

function storedFiles() {
	return existsSync(uploadsDir)
		? readdirSync(uploadsDir, { recursive: true })
				.map(String)
				.filter((f) => f.endsWith('.webp'))
		: []
}

async function expectRefused(file: File, message: string | RegExp) {
	const result = await processCoverUpload(file)
	expect(result.ok).toBe(false)
	if (!result.ok) expect(result.error).toMatch(message)
	expect(storedFiles()).toEqual([])
}

describe('cover uploads', () => {
	test('a phone JPEG is turned the right way up, cropped to 1200×630 WebP and stored without its EXIF or GPS', async () => {
		const result = await processCoverUpload(fileOf(await phoneJpeg(), 'Holiday in Lisbon.jpg', 'image/jpeg'))
		expect(result.ok).toBe(true)
		if (!result.ok) return
		const { url, smallUrl, width, height } = result.image
		expect({ width, height }).toEqual({ width: 1200, height: 630 })
		expect(url).toMatch(/^\/uploads\/covers\/[0-9a-f-]{36}\.webp$/)
		expect(smallUrl).toMatch(/^\/uploads\/covers\/[0-9a-f-]{36}-small\.webp$/)
		expect(url).not.toContain('Lisbon')

		const stored = path.join(uploadsDir, url.slice('/uploads/'.length))
		expect(existsSync(stored)).toBe(true)
		const image = sharp(stored)
		const metadata = await image.metadata()
		expect(metadata).toMatchObject({ format: 'webp', width: 1200, height: 630 })
		expect(metadata.exif).toBeUndefined()
		expect(metadata.orientation).toBeUndefined()
		// Upright, the stripes stand side by side: blue left, red right.
		const left = await pixel(image, 100, 315)
		const right = await pixel(image, 1100, 315)
		expect(left.b).toBeGreaterThan(150)
		expect(left.r).toBeLessThan(80)
		expect(right.r).toBeGreaterThan(150)
		expect(right.b).toBeLessThan(80)

		const small = await sharp(path.join(uploadsDir, smallUrl.slice('/uploads/'.length))).metadata()
		expect(small).toMatchObject({ format: 'webp', width: 600, height: 315 })
		expect(small.exif).toBeUndefined()
	})

	test('PNG and WebP photos are accepted and stored as WebP under new random names', async () => {
		const png = await noisyImage(900, 500).png().toBuffer()
		const webp = await noisyImage(900, 500).webp().toBuffer()
		const first = await processCoverUpload(fileOf(png, 'cover.png', 'image/png'))
		const second = await processCoverUpload(fileOf(webp, 'cover.webp', 'image/webp'))
		expect(first.ok && second.ok).toBe(true)
		if (!first.ok || !second.ok) return
		expect(first.image.url).not.toBe(second.image.url)
		for (const url of [first.image.url, second.image.url]) {
			const metadata = await sharp(path.join(uploadsDir, url.slice('/uploads/'.length))).metadata()
			expect(metadata).toMatchObject({ format: 'webp', width: 1200, height: 630 })
		}
		expect(storedFiles()).toHaveLength(4)
	})

	test('a file with no declared type or a generic one is judged by its bytes', async () => {
		const jpeg = await noisyImage(400, 300).jpeg().toBuffer()
		expect((await processCoverUpload(fileOf(jpeg, 'photo', ''))).ok).toBe(true)
		expect((await processCoverUpload(fileOf(jpeg, 'photo.jpeg', 'application/octet-stream'))).ok).toBe(true)
	})

	test('a GIF is refused, saying which formats are welcome', async () => {
		const gif = await noisyImage(400, 300).gif().toBuffer()
		await expectRefused(
			fileOf(gif, 'party.gif', 'image/gif'),
			'That file is a GIF; please choose a JPEG, PNG or WebP image',
		)
	})

	test('a text file renamed .jpg is refused as not a real image', async () => {
		await expectRefused(
			fileOf('hello, I am not a photo', 'photo.jpg', 'image/jpeg'),
			'That file says it is a JPEG but it is not a real image',
		)
		await expectRefused(fileOf('just text', 'notes.txt', 'text/plain'), 'That file isn’t a JPEG, PNG or WebP image')
	})

	test('a PNG that says it is a JPEG, by type or by name, is refused as mislabelled', async () => {
		const png = await noisyImage(400, 300).png().toBuffer()
		const message =
			'That file says it is a JPEG but it is really a PNG; please save it again with the right type and try once more'
		await expectRefused(fileOf(png, 'cover.png', 'image/jpeg'), message)
		await expectRefused(fileOf(png, 'cover.jpg', ''), message)
		await expectRefused(fileOf(png, 'cover.png', 'text/plain'), /not labelled as an image/)
	})

	test('a file over 8 MB is refused with its size in the message', async () => {
		const big = Buffer.alloc(9_800_000)
		big.set([0xff, 0xd8, 0xff, 0xe0])
		await expectRefused(fileOf(big, 'huge.jpg', 'image/jpeg'), 'That file is 9.4 MB; please choose a photo under 8 MB')
		await expectRefused(fileOf(Buffer.alloc(0), 'empty.jpg', 'image/jpeg'), 'That file is empty; please choose a photo')
	})

	test('a truncated JPEG is refused as damaged', async () => {
		const jpeg = await noisyImage(1600, 900).jpeg({ quality: 90 }).toBuffer()
		const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6))
		// Its header is intact: only decoding it whole finds the damage.
		expect((await sharp(truncated).metadata()).format).toBe('jpeg')
		await expectRefused(
			fileOf(truncated, 'cut.jpg', 'image/jpeg'),
			'That JPEG is damaged or incomplete; please try another copy of the photo',
		)
	})

	test('a corrupt file with image magic bytes is refused as not a real image', async () => {
		const fake = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			Buffer.from('garbage'.repeat(50)),
		])
		await expectRefused(fileOf(fake, 'fake.png', 'image/png'), 'That file says it is a PNG but it is not a real image')
	})

	test('photos too small to look sharp, or too large to decode safely, are refused with their dimensions', async () => {
		await expectRefused(
			fileOf(await noisyImage(150, 80).png().toBuffer(), 'tiny.png', 'image/png'),
			'That photo is only 150 × 80 pixels; please choose one at least 200 × 100 pixels so it looks sharp',
		)
		const wide = await sharp({ create: { width: 12_001, height: 120, channels: 3, background: '#ffffff' } })
			.png()
			.toBuffer()
		await expectRefused(
			fileOf(wide, 'panorama.png', 'image/png'),
			'That photo is 12001 × 120 pixels; please choose one no larger than 12000 × 12000',
		)
	})
})

describe('profile photos', () => {
	test('a profile photo becomes a 400×400 WebP square without EXIF', async () => {
		const result = await processProfilePhoto(fileOf(await phoneJpeg(), 'me.jpg', 'image/jpeg'))
		expect(result.ok).toBe(true)
		if (!result.ok) return
		expect(result.image).toMatchObject({ width: 400, height: 400 })
		expect(result.image.url).toMatch(/^\/uploads\/people\/[0-9a-f-]{36}\.webp$/)
		const metadata = await sharp(path.join(uploadsDir, result.image.url.slice('/uploads/'.length))).metadata()
		expect(metadata).toMatchObject({ format: 'webp', width: 400, height: 400 })
		expect(metadata.exif).toBeUndefined()
	})

	test('a profile photo follows the same rules as a cover', async () => {
		const result = await processProfilePhoto(fileOf('not an image', 'me.png', 'image/png'))
		expect(result).toEqual({ ok: false, error: 'That file says it is a PNG but it is not a real image' })
	})
})

describe('storage', () => {
	test('keys that could leave the uploads folder are refused', async () => {
		for (const key of ['../escape.webp', 'covers/../../x.webp', '/etc/passwd', 'covers/.hidden', '']) {
			await expect(putPublicFile(key, Buffer.from('x'), 'image/webp'), key).rejects.toThrow(/unsafe key/)
		}
	})

	test('the Content-Security-Policy learns the bucket’s origin only when S3 is used', () => {
		expect(remoteUploadsOrigin(parseEnv({}))).toBeNull()
		expect(
			remoteUploadsOrigin(parseEnv({ S3_BUCKET: 'media', S3_PUBLIC_URL: 'https://cdn.example.org/photos/' })),
		).toBe('https://cdn.example.org')
		expect(remoteUploadsOrigin(parseEnv({ S3_BUCKET: 'media', S3_REGION: 'eu-west-2' }))).toBe(
			'https://media.s3.eu-west-2.amazonaws.com',
		)
		expect(remoteUploadsOrigin(parseEnv({ S3_BUCKET: 'media', S3_ENDPOINT: 'http://minio.local:9000' }))).toBe(
			'http://minio.local:9000',
		)
	})

	test('with S3_BUCKET set, files go to the bucket through PutObject and get public URLs', async () => {
		const puts: {
			method: string
			url: string
			contentType: string | undefined
			cacheControl: string | undefined
			body: Buffer
		}[] = []
		const s3 = http.createServer((req, res) => {
			const chunks: Buffer[] = []
			req.on('data', (chunk: Buffer) => chunks.push(chunk))
			req.on('end', () => {
				puts.push({
					method: req.method ?? '',
					url: req.url ?? '',
					contentType: req.headers['content-type'],
					cacheControl: req.headers['cache-control'],
					body: Buffer.concat(chunks),
				})
				res.writeHead(200, { ETag: '"stand-in"' })
				res.end()
			})
		})
		await new Promise<void>((resolve) => s3.listen(0, '127.0.0.1', resolve))
		try {
			const endpoint = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`
			resetTestEnv({
				DATA_DIR: dataDir,
				S3_BUCKET: 'campaign-media',
				S3_REGION: 'auto',
				S3_ENDPOINT: endpoint,
				S3_ACCESS_KEY_ID: 'test-key',
				S3_SECRET_ACCESS_KEY: 'test-secret',
				S3_PUBLIC_URL: 'https://media.example.org/',
			})
			const result = await processCoverUpload(fileOf(await phoneJpeg(), 'cover.jpg', 'image/jpeg'))
			expect(result.ok).toBe(true)
			if (!result.ok) return
			expect(result.image.url).toMatch(/^https:\/\/media\.example\.org\/covers\/[0-9a-f-]{36}\.webp$/)
			expect(puts).toHaveLength(2)
			const key = result.image.url.slice('https://media.example.org/'.length)
			// Path-style, as MinIO and R2 expect.
			expect(puts[0]).toMatchObject({
				method: 'PUT',
				contentType: 'image/webp',
				cacheControl: 'public, max-age=31536000, immutable',
			})
			expect(puts[0]!.url.split('?')[0]).toBe(`/campaign-media/${key}`)
			expect((await sharp(puts[0]!.body).metadata()).format).toBe('webp')
			// Nothing is written to local disk.
			expect(storedFiles()).toEqual([])
		} finally {
			await new Promise<void>((resolve) => s3.close(() => resolve()))
		}
	})
})
