import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { renderStory } from '#app/campaigns/story.server.ts'
import { PUBLIC_PAGE_CACHE_CONTROL } from '#app/utils/page-cache.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns } from '#db/schema.ts'
import { seedDemoData } from '#db/seed.server.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>

beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

const publicPages = ['/', '/f/amara-turns-30', '/guide/25-tips']

describe('caching of public pages', () => {
	test('an anonymous visitor gets the campaign, landing and guide pages as a shared cache may keep them, varying on Cookie', async () => {
		await seedDemoData()
		for (const pathname of publicPages) {
			const response = await app.get(pathname)
			expect(response.status, pathname).toBe(200)
			expect(response.headers.get('cache-control'), pathname).toBe(PUBLIC_PAGE_CACHE_CONTROL)
			expect(response.headers.get('vary'), pathname).toMatch(/\bCookie\b/i)
			expect(response.headers.get('set-cookie'), pathname).toBeNull()
		}
	})

	test('someone signed in gets the same pages as private, never stored', async () => {
		await seedDemoData()
		const cookie = await app.signIn('staff@demo.example.org')
		for (const pathname of publicPages) {
			const response = await app.get(pathname, cookie)
			expect(response.status, pathname).toBe(200)
			expect(response.headers.get('cache-control'), pathname).toBe('private, no-store')
		}
	})

	test('a visitor whose session cookie is forged or expired is never served a public copy', async () => {
		await seedDemoData()
		for (const pathname of publicPages) {
			const response = await app.get(pathname, '__session=not-a-signed-value')
			expect(response.headers.get('cache-control'), pathname).toBe('private, no-store')
		}
	})

	test('pages that are not public stay uncacheable for anonymous visitors', async () => {
		await seedDemoData()
		const donate = await app.get('/f/amara-turns-30/donate')
		expect(donate.headers.get('cache-control') ?? '').not.toMatch(/\bpublic\b/)
	})
})

describe('the pages people land on without React', () => {
	test.each([
		['the campaign page', '/f/amara-turns-30'],
		['the landing page', '/'],
		['the donate page', '/f/amara-turns-30/donate'],
	])(
		'%s ships no Remix scripts or modulepreload links, only our own enhancement script with the CSP nonce',
		async (_name, path) => {
			await seedDemoData()
			const response = await app.get(path)
			const html = await response.text()
			expect(html).not.toMatch(/rel="modulepreload"/)
			expect(html).not.toMatch(/__remixContext/)
			expect(html).not.toMatch(/<script[^>]*type="module"/)
			const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
			expect(nonce).toBeTruthy()
			expect(html).toContain(`<script nonce="${nonce}" src="/enhance.js" defer="">`)
			const script = await app.get('/enhance.js')
			expect(script.status).toBe(200)
			expect(script.headers.get('content-type')).toMatch(/javascript/)
		},
	)

	test('the donate page loads its own small form script from our origin, with the nonce', async () => {
		await seedDemoData()
		const response = await app.get('/f/amara-turns-30/donate')
		const html = await response.text()
		const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
		const tag = /<script[^>]*src="\/assets\/enhance-[^"]+\.js"[^>]*>/.exec(html)?.[0] ?? ''
		expect(tag).toContain(`nonce="${nonce}"`)
		const src = /src="([^"]+)"/.exec(tag)?.[1]
		expect(src).toBeTruthy()
		const script = await app.get(src!)
		expect(script.status).toBe(200)
		expect(script.headers.get('content-type')).toMatch(/javascript/)
		// A classic script: nothing for Remix to load beside it.
		expect(await script.text()).not.toMatch(/^import\b/m)
	})

	test('other pages still hydrate', async () => {
		await seedDemoData()
		const html = await (await app.get('/guide/25-tips')).text()
		expect(html).toMatch(/rel="modulepreload"/)
		expect(html).toMatch(/__remixContext/)
	})
})

describe('stored story HTML', () => {
	test('the page shows the story HTML stored with the campaign instead of rendering the Markdown on each view', async () => {
		const owner = await createPerson(db(), {})
		const campaign = await createCampaign(db(), { ownerId: owner.id, story: 'Plain **story**' })
		await db()
			.update(campaigns)
			.set({ storyHtml: '<p>Stored <strong>render</strong></p>' })
			.where(eq(campaigns.id, campaign.id))
		const html = await (await app.get(`/f/${campaign.slug}`)).text()
		expect(html).toContain('<p>Stored <strong>render</strong></p>')
	})

	test('a campaign saved before stories were stored rendered is rendered once on its first view and kept', async () => {
		const owner = await createPerson(db(), {})
		const campaign = await createCampaign(db(), { ownerId: owner.id, story: 'Hello **bold** <script>x</script>' })
		expect(campaign.storyHtml).toBeNull()
		const html = await (await app.get(`/f/${campaign.slug}`)).text()
		const expected = renderStory('Hello **bold** <script>x</script>')
		expect(html).toContain(expected)
		const [row] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id))
		expect(row!.storyHtml).toBe(expected)
	})
})
