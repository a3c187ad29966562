import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getPublicCampaign } from '#app/campaigns/campaigns.server.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { processCoverUpload } from '#app/media/images.server.ts'
import { campaignQrSvg } from '#app/sharing/qr.server.ts'
import { campaignShareImage, shareOverlaySvg } from '#app/sharing/share-image.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { seedDemoData } from '#db/seed.server.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sharing-test-'))
let app: Awaited<ReturnType<typeof startHttpApp>>

beforeAll(async () => {
	app = await startHttpApp({ uploadsDir: path.join(dataDir, 'uploads') })
})
beforeEach(() => {
	resetTestEnv({ DATA_DIR: dataDir })
})
afterAll(async () => {
	await app?.close()
	rmSync(dataDir, { recursive: true, force: true })
})

const campaignUrl = 'http://localhost:3000/f/amara-turns-30'
const brandQr = { errorCorrectionLevel: 'M', margin: 2, color: { dark: '#0b4f6c', light: '#ffffff' } } as const

async function fetchImage(pathname: string) {
	const response = await fetch(app.origin + pathname)
	return { response, body: Buffer.from(await response.arrayBuffer()) }
}

describe('QR codes', () => {
	test('the SVG QR code encodes the campaign address in the brand colour, cached for a day', async () => {
		await seedDemoData()
		const { response, body } = await fetchImage('/f/amara-turns-30/qr.svg')
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
		expect(response.headers.get('cache-control')).toBe('public, max-age=86400')
		expect(response.headers.get('content-disposition')).toBeNull()
		expect(body.toString('utf8')).toBe(await QRCode.toString(campaignUrl, { type: 'svg', ...brandQr }))
		expect(body.toString('utf8')).toContain('stroke="#0b4f6c"')
	})

	test('the PNG QR code is a 600×600 picture of the same address', async () => {
		await seedDemoData()
		const { response, body } = await fetchImage('/f/amara-turns-30/qr.png')
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('image/png')
		expect(response.headers.get('cache-control')).toBe('public, max-age=86400')
		expect(await sharp(body).metadata()).toMatchObject({ format: 'png', width: 600, height: 600 })
		expect(body.equals(await QRCode.toBuffer(campaignUrl, { type: 'png', width: 600, ...brandQr }))).toBe(true)
	})

	test('?download=1 asks the browser to save the QR code under the campaign’s name', async () => {
		await seedDemoData()
		for (const format of ['svg', 'png']) {
			const response = await fetch(`${app.origin}/f/amara-turns-30/qr.${format}?download=1`)
			expect(response.status).toBe(200)
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="amara-turns-30-qr.${format}"`)
		}
	})

	test('a pale brand colour falls back to near-black so the code still scans', async () => {
		// Asked of the module directly: the served build keeps the environment it started with.
		resetTestEnv({ DATA_DIR: dataDir, CHARITY_PRIMARY_COLOR: '#ffd966' })
		expect(await campaignQrSvg(campaignUrl)).toContain('stroke="#111111"')
		resetTestEnv({ DATA_DIR: dataDir, CHARITY_PRIMARY_COLOR: '#7a1f5c' })
		expect(await campaignQrSvg(campaignUrl)).toContain('stroke="#7a1f5c"')
	})
})

describe('share image', () => {
	test('the share image is a 1200×630 PNG, cached for five minutes', async () => {
		await seedDemoData()
		const { response, body } = await fetchImage('/f/amara-turns-30/share.png')
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('image/png')
		expect(response.headers.get('cache-control')).toBe('public, max-age=300')
		expect(await sharp(body).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 })
	})

	test('the share image shows the title, organiser and progress but no donor', async () => {
		await seedDemoData()
		const campaign = (await getPublicCampaign('amara-turns-30'))!
		const svg = shareOverlaySvg(campaign, getCharity(), { hasLogo: true })
		expect(svg).toContain('Amara&apos;s 30th: freedom')
		expect(svg).toContain('Organised by Amara Okafor')
		expect(svg).toMatch(/£[\d,]+ raised of £1,000/)
		expect(svg).toContain('Fundraising for International Justice Mission')
		for (const donor of ['Tom Becker', 'Priya Shah', 'Jo', 'Nadia Haddad', 'Grace Mensah'])
			expect(svg).not.toContain(donor)
	})

	test('a title with <script> and & stays inert text and still makes a valid image', async () => {
		const owner = await createPerson(db(), { firstName: 'Eve', lastName: '<b>Hacker</b> & co' })
		const title = '<script>alert("x")</script> & friends\u0007 ]]> <!-- run -->'
		await createCampaign(db(), { ownerId: owner.id, slug: 'tricky-title', title })
		const campaign = (await getPublicCampaign('tricky-title'))!
		const svg = shareOverlaySvg(campaign, getCharity(), { hasLogo: false })
		expect(svg).not.toContain('<script')
		expect(svg).not.toContain('<b>')
		expect(svg).toContain('&lt;script&gt;')
		expect(svg).toContain('&amp; friends')
		const { response, body } = await fetchImage('/f/tricky-title/share.png')
		expect(response.status).toBe(200)
		expect(await sharp(body).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 })
	})

	test('an uploaded cover is used as the share image’s background', async () => {
		const green = await sharp({
			create: { width: 1600, height: 900, channels: 3, background: { r: 30, g: 170, b: 60 } },
		})
			.jpeg()
			.toBuffer()
		const upload = await processCoverUpload(new File([new Uint8Array(green)], 'garden.jpg', { type: 'image/jpeg' }))
		expect(upload.ok).toBe(true)
		if (!upload.ok) return
		const owner = await createPerson(db())
		await createCampaign(db(), {
			ownerId: owner.id,
			slug: 'green-garden',
			title: 'Garden party',
			coverImage: upload.image.url,
		})
		const { body } = await fetchImage('/f/green-garden/share.png')
		// The top right is left bright by the shade and not covered by text.
		const { data, info } = await sharp(body)
			.extract({ left: 1100, top: 20, width: 1, height: 1 })
			.raw()
			.toBuffer({ resolveWithObject: true })
		expect(info.channels).toBeGreaterThanOrEqual(3)
		expect(data[1]!).toBeGreaterThan(data[0]! + 60)
		expect(data[1]!).toBeGreaterThan(data[2]! + 60)
	})

	test('a cover on another host (S3) is not fetched: the kind’s illustration stands in', async () => {
		const png = await campaignShareImage({
			slug: 'remote-cover',
			title: 'Remote cover',
			kind: 'celebration',
			organiserName: 'Sam Supporter',
			raisedMinor: 1000,
			goalMinor: 50_000,
			currency: 'GBP',
			coverImage: 'http://127.0.0.1:9/covers/unreachable.webp',
		})
		expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 })
	})
})

describe('what the public may not see', () => {
	test('an unknown slug, a draft and a hidden campaign 404 on the QR codes and the share image', async () => {
		const owner = await createPerson(db())
		await createCampaign(db(), { ownerId: owner.id, slug: 'secret-draft', status: 'draft', publishedAt: null })
		await createCampaign(db(), { ownerId: owner.id, slug: 'hidden-one', status: 'hidden' })
		for (const slug of ['no-such-campaign', 'secret-draft', 'hidden-one']) {
			for (const file of ['qr.svg', 'qr.png', 'share.png']) {
				const response = await fetch(`${app.origin}/f/${slug}/${file}`)
				expect(response.status, `${slug}/${file}`).toBe(404)
				expect(response.headers.get('content-type'), `${slug}/${file}`).toMatch(/^text\/plain/)
			}
		}
	})
})

describe('uploaded files', () => {
	test('an uploaded file is served with a long cache and nosniff; an unknown one is a plain 404', async () => {
		const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#c2410c' } })
			.png()
			.toBuffer()
		const upload = await processCoverUpload(new File([new Uint8Array(photo)], 'cover.png', { type: 'image/png' }))
		expect(upload.ok).toBe(true)
		if (!upload.ok) return
		const served = await fetch(app.origin + upload.image.url)
		expect(served.status).toBe(200)
		expect(served.headers.get('content-type')).toBe('image/webp')
		expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
		expect(served.headers.get('x-content-type-options')).toBe('nosniff')
		expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({
			format: 'webp',
			width: 1200,
			height: 630,
		})

		const missingPaths = [
			'/uploads/covers/00000000-0000-0000-0000-000000000000.webp',
			'/uploads/',
			'/uploads/covers',
			'/uploads/..%2f..%2fpackage.json',
		]
		for (const missing of missingPaths) {
			const response = await fetch(app.origin + missing)
			expect(response.status, missing).toBe(404)
			expect(await response.text(), missing).toBe('Not found')
		}
	})
})

describe('request size limits', () => {
	test('a multipart upload of a few MB reaches the routes, one over 21 MB is refused, forms stay at 256 KB', async () => {
		const multipart = (bytes: number) => {
			const form = new FormData()
			form.append('photo', new File([new Uint8Array(bytes)], 'photo.jpg', { type: 'image/jpeg' }))
			return fetch(app.origin + '/fundraise', {
				method: 'POST',
				headers: { origin: app.origin, 'sec-fetch-site': 'same-origin' },
				body: form,
				redirect: 'manual',
			})
		}
		const withinLimit = await multipart(3 * 1024 * 1024)
		expect(withinLimit.status).not.toBe(413)
		expect(withinLimit.status).toBeLessThan(500)
		expect((await multipart(21 * 1024 * 1024 + 1)).status).toBe(413)
		expect((await app.postForm('/fundraise', { note: 'x'.repeat(300_000) })).status).toBe(413)
	})
})

describe('embeddable progress widget', () => {
	test('a public campaign’s card can be framed by other sites; ordinary pages cannot', async () => {
		await seedDemoData()
		const widget = await fetch(`${app.origin}/f/amara-turns-30/widget`)
		expect(widget.status).toBe(200)
		expect(widget.headers.get('content-type')).toContain('text/html')
		expect(widget.headers.get('content-security-policy')).toContain('frame-ancestors *')
		expect(widget.headers.get('x-frame-options')).toBeNull()
		const html = await widget.text()
		expect(html).toContain('Amara&#39;s 30th: freedom instead of presents')
		expect(html).toMatch(/aria-valuenow="\d+"/)
		expect(html).toContain('/f/amara-turns-30/donate')
		expect(html).not.toContain('<script')
		const page = await fetch(`${app.origin}/f/amara-turns-30`)
		expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
	})

	test('drafts, hidden and unknown campaigns have no widget', async () => {
		const owner = await createPerson(db())
		await createCampaign(db(), { ownerId: owner.id, status: 'draft', slug: 'widget-draft' })
		await createCampaign(db(), { ownerId: owner.id, status: 'hidden', slug: 'widget-hidden' })
		for (const slug of ['widget-draft', 'widget-hidden', 'no-such-campaign']) {
			expect((await fetch(`${app.origin}/f/${slug}/widget`)).status).toBe(404)
		}
	})
})
