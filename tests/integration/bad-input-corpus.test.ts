import http from 'node:http'
import path from 'node:path'
import { type ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createSessionFor } from '#app/people/session.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, emails, people } from '#db/schema.ts'
import { seedDemoData } from '#db/seed.server.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

/**
 * Sends a corpus of hostile and malformed input to every route of the built
 * app — in the path, the query, every form field and the headers, signed out
 * and signed in — and expects no 5xx. A 500 to a bad request is a bug: it
 * hides what was wrong from the person, makes providers retry for days, and
 * may leave half-written rows.
 */

/** Raw (already percent-encoded) values for a path segment. */
const BAD_SEGMENTS = ['a%00b', '%FF', '%E2%88%95%E2%88%95evil.example', 'constructor', '%0D%0Ax', 'x'.repeat(2000)]

/** Raw (already percent-encoded) values for a query parameter, sent in every parameter at once. */
const BAD_QUERY_VALUES = [
	'a%00b',
	'%2F%E2%88%95%E2%88%95evil.example',
	'%2F%2Fevil.example',
	'constructor',
	'__proto__',
	'toString',
	'1e309%0D%0A',
]

/** Query parameters the routes read, plus one they do not. */
const QUERY_PARAMS = [
	'redirectTo',
	'done',
	'session_id',
	't',
	'token',
	'email',
	'q',
	'status',
	'page',
	'from',
	'to',
	'unreviewed',
	'kind',
	'idea',
	'cancelled',
	'download',
	'sent',
	'saved',
	'published',
	'unknown',
]

/** Values for form fields (decoded; they are encoded when sent), each sent in every field of a form at once. */
const BAD_FIELD_VALUES = [
	'a\u0000b',
	'constructor',
	'__proto__',
	'toString',
	'line\r\nSet-Cookie: x=1',
	'/\u2215\u2215evil.example',
	'99999999999999999999999',
	'x'.repeat(20_000),
]

/** Sent in one field at a time, the others as a person would fill them in, so it reaches as deep as good input does. */
const BAD_SINGLE_FIELD_VALUES = ['a\u0000b', 'constructor']

const BAD_HEADERS: Record<string, string>[] = [
	{ 'x-forwarded-host': 'evil.example' },
	{ 'x-forwarded-for': 'not-an-ip, 999.1.1.1' },
	{ cookie: '__session=%00; __session=garbage.garbage' },
	{ 'content-type': 'application/x-www-form-urlencoded; charset=utf-16' },
]

const ODD_METHODS = ['TRACE', 'PROPFIND']

type Role = 'signed out' | 'supporter' | 'staff'
type Sent = { role: Role; method: string; path: string; headers?: Record<string, string>; body?: string }
type Answer = { status: number; body: string; clearsSession: boolean }

let app: Awaited<ReturnType<typeof startHttpApp>>
let port: number
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })

beforeAll(async () => {
	app = await startHttpApp({ trustProxy: ['loopback'] })
	port = Number(new URL(app.origin).port)
})
afterAll(async () => {
	agent.destroy()
	await app?.close()
})
beforeEach(() => {
	// The corpus is sent from many "clients" (see forwardedFor) and its forms
	// are meant to reach their schemas rather than a rate limit.
	resetTestEnv({
		SIGNUP_RATE_LIMIT_PER_HOUR: '100000',
		DONATION_ATTEMPTS_PER_HOUR: '100000',
		DONATION_FAILURES_PER_3_MINUTES: '100000',
	})
})

let clientCounter = 0
/** A new client address per request, so per-IP limits do not end the corpus early. */
function forwardedFor() {
	clientCounter++
	return `10.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`
}

/** A raw HTTP request: any method, any bytes in the path, any header. */
function send(request: Sent, cookie?: string): Promise<Answer> {
	const headers: Record<string, string> = {
		'x-forwarded-for': forwardedFor(),
		...(request.body !== undefined
			? {
					'content-type': 'application/x-www-form-urlencoded',
					origin: app.origin,
					'sec-fetch-site': 'same-origin',
					'content-length': String(Buffer.byteLength(request.body)),
				}
			: {}),
		...(cookie ? { cookie } : {}),
		...request.headers,
	}
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent },
			(res) => {
				const chunks: Buffer[] = []
				res.on('data', (chunk: Buffer) => chunks.push(chunk))
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						clearsSession: (res.headers['set-cookie'] ?? []).some((c) => c.startsWith('__session=;')),
					}),
				)
				res.on('error', reject)
			},
		)
		req.on('error', reject)
		req.end(request.body)
	})
}

type Form = { action: string; fields: Map<string, string> }

function decodeEntities(text: string) {
	return text
		.replace(/&amp;/g, '&')
		.replace(/&quot;/g, '"')
		.replace(/&#x27;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
}

function attribute(tag: string, name: string) {
	const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
	return match ? decodeEntities(match[1]!) : null
}

/** A plausible value for an empty field, so the other fields of a post pass and the bad one reaches deep. */
function plausibleValue(name: string, type: string | null) {
	if (type === 'email' || /email/i.test(name)) return `corpus-${clientCounter}@example.com`
	if (type === 'number' || /amount|goal|minor/i.test(name)) return '10'
	if (type === 'date' || /date/i.test(name)) return '2030-01-01'
	if (type === 'checkbox') return 'on'
	if (/code/i.test(name)) return '123456'
	return 'Corpus text that is long enough'
}

/** The POST forms on a page, each with the values a person submitting it unchanged would send. */
function postFormsOf(html: string, pagePath: string): Form[] {
	const forms: Form[] = []
	for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
		const [, formTag, inner] = match
		if ((attribute(formTag!, 'method') ?? 'get').toLowerCase() !== 'post') continue
		const action = attribute(formTag!, 'action') ?? pagePath
		const fields = new Map<string, string>()
		for (const tag of inner!.matchAll(/<(input|textarea|select|button)\b[^>]*>/g)) {
			const name = attribute(tag[0], 'name')
			if (!name) continue
			const type = attribute(tag[0], 'type')
			if (tag[1] === 'button') {
				// The first named button is the one a person presses.
				if (!fields.has(name)) fields.set(name, attribute(tag[0], 'value') ?? '')
				continue
			}
			if (type === 'file' || type === 'submit') continue
			if (fields.has(name)) continue
			const value = attribute(tag[0], 'value')
			if (type === 'hidden') fields.set(name, value ?? '')
			else if (type === 'radio' || type === 'checkbox') fields.set(name, value ?? 'on')
			else if (tag[1] === 'select') {
				const option = /<option\b[^>]*value="([^"]+)"/.exec(inner!.slice(tag.index))
				fields.set(name, option ? decodeEntities(option[1]!) : '')
			} else fields.set(name, value || plausibleValue(name, type))
		}
		// Honeypots stay empty, or the post is quietly dropped.
		fields.set('website_address', '')
		forms.push({ action: action.startsWith('/') ? action : pagePath, fields })
	}
	return forms
}

function encodeForm(fields: Map<string, string>) {
	return new URLSearchParams([...fields]).toString()
}

function describeRequest(request: Sent, answer: Answer) {
	const body = request.body && request.body.length > 200 ? request.body.slice(0, 200) + '…' : request.body
	return `${request.role}: ${request.method} ${request.path.slice(0, 200)}${request.headers ? ' ' + JSON.stringify(request.headers) : ''}${body !== undefined ? ` body=${body}` : ''} → ${answer.status} ${answer.body.slice(0, 160).replace(/\s+/g, ' ')}`
}

type RouteFixtures = { slug: string; campaignId: string; emailId: string }

/** Every route's path pattern from the built app's route manifest, with its parents' segments. */
async function routePatterns() {
	const build = (await import(/* @vite-ignore */ path.resolve('build/server/index.js'))) as ServerBuild
	const fullPath = (id: string): string => {
		const route = build.routes[id]!
		const parent = route.parentId && route.parentId !== 'root' ? fullPath(route.parentId) : ''
		return [parent, route.path ?? ''].filter(Boolean).join('/')
	}
	return Object.keys(build.routes)
		.filter((id) => id !== 'root')
		.map((id) => ({ id, pattern: '/' + fullPath(id), hasAction: 'action' in build.routes[id]!.module }))
}

function fillPattern(pattern: string, fixtures: RouteFixtures, bad?: { param: string; value: string }) {
	return pattern.replace(/:(\w+)|\*/g, (whole, param: string | undefined) => {
		const name = param ?? '*'
		if (bad && bad.param === name) return bad.value
		if (name === 'slug') return fixtures.slug
		if (name === 'campaignId') return fixtures.campaignId
		if (name === 'id') return fixtures.emailId
		if (name === 'sessionId') return 'cs_test_corpus'
		return 'no-such-page'
	})
}

/**
 * Who sends the corpus to a route: the whole corpus from whoever may use it,
 * a few requests from those it turns away (they stop at the same check).
 */
function rolesFor(pattern: string): { full: Role[]; turnedAway: Role[] } {
	if (pattern.startsWith('/staff')) return { full: ['staff'], turnedAway: ['signed out', 'supporter'] }
	if (/^\/(dashboard|account|start\/)/.test(pattern)) return { full: ['supporter'], turnedAway: ['signed out'] }
	return { full: ['signed out'], turnedAway: [] }
}

/** Runs requests a few at a time: the corpus is large and the server answers most of them quickly. */
async function inParallel<T>(items: T[], run: (item: T) => Promise<unknown>, width = 4) {
	let next = 0
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < items.length) await run(items[next++]!)
		}),
	)
}

async function runCorpus() {
	await seedDemoData()
	const [owner] = await db().select().from(people).where(eq(people.email, 'lucy-and-james-wedding@demo.example.org'))
	const [staff] = await db().select().from(people).where(eq(people.email, 'staff@demo.example.org'))
	const [campaign] = await db().select().from(campaigns).where(eq(campaigns.ownerId, owner!.id))
	const cookies: Partial<Record<Role, string>> = {
		supporter: await app.signIn(owner!.email),
		staff: await app.signIn(staff!.email),
	}
	const [anyEmail] = await db().select().from(emails).limit(1)
	const fixtures: RouteFixtures = { slug: campaign!.slug, campaignId: campaign!.id, emailId: anyEmail!.id }
	const personOf = { supporter: owner!.id, staff: staff!.id }

	const failures: string[] = []
	let sentCount = 0
	const check = async (request: Sent) => {
		const answer = await send(request, request.role === 'signed out' ? undefined : cookies[request.role])
		sentCount++
		if (answer.status >= 500 || answer.status === 0) failures.push(describeRequest(request, answer))
		// The corpus signs itself out now and then (the header's sign-out form); it carries on signed in.
		if (request.role !== 'signed out' && answer.clearsSession) {
			const setCookie = await createSessionFor(personOf[request.role], new Request(app.origin))
			cookies[request.role] = setCookie.split(';')[0]!
		}
	}
	/** Forms already sent, by action and fields: the header's sign-out form is on every page. */
	const formsSent = new Set<string>()

	for (const { pattern, hasAction } of await routePatterns()) {
		const goodPath = fillPattern(pattern, fixtures)
		const { full, turnedAway } = rolesFor(pattern)
		const quick: Sent[] = turnedAway.flatMap((role) => [
			{ role, method: 'GET', path: `${goodPath}?done=constructor&redirectTo=%2F%E2%88%95%E2%88%95evil.example` },
			...(hasAction
				? [
						{ role, method: 'POST', path: goodPath, body: 'intent=constructor' },
						{ role, method: 'POST', path: goodPath, body: '' },
					]
				: []),
		])
		await inParallel(quick, check)
		for (const role of full) {
			const requests: Sent[] = []
			// The path: each parameter with every bad segment.
			for (const param of [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*')) {
				for (const value of BAD_SEGMENTS) {
					const badPath = fillPattern(pattern, fixtures, { param, value })
					requests.push({ role, method: 'GET', path: badPath })
					if (hasAction && /constructor|00/.test(value))
						requests.push({ role, method: 'POST', path: badPath, body: '' })
				}
			}
			// The query: each bad value in every parameter any route reads.
			for (const value of BAD_QUERY_VALUES) {
				requests.push({
					role,
					method: 'GET',
					path: `${goodPath}?${QUERY_PARAMS.map((name) => `${name}=${value}`).join('&')}`,
				})
			}
			requests.push({ role, method: 'GET', path: `${goodPath}?done=a&done=b&page=1&page=2` })
			// Headers and odd methods.
			for (const headers of BAD_HEADERS.slice(0, 3)) requests.push({ role, method: 'GET', path: goodPath, headers })
			for (const method of ODD_METHODS) requests.push({ role, method, path: goodPath })
			if (hasAction) {
				// Bodies that are empty or not a form at all, and foreign origins.
				requests.push({ role, method: 'POST', path: goodPath, body: '' })
				requests.push({
					role,
					method: 'POST',
					path: goodPath,
					headers: { 'content-type': 'text/plain' },
					body: 'hello',
				})
				requests.push({ role, method: 'POST', path: goodPath, headers: { origin: 'null' }, body: '' })
				for (const headers of BAD_HEADERS)
					requests.push({ role, method: 'POST', path: goodPath, headers, body: 'intent=x' })
			}
			await inParallel(requests, check)

			// Every field of every form on the page, with every bad value, the other fields as a person would send them.
			const page = await send(
				{ role, method: 'GET', path: goodPath },
				role === 'signed out' ? undefined : cookies[role],
			)
			const forms = page.status === 200 ? postFormsOf(page.body, goodPath) : []
			if (hasAction && forms.length === 0) forms.push({ action: goodPath, fields: new Map([['intent', 'save']]) })
			const posts: Sent[] = []
			for (const form of forms) {
				const key = `${role} ${form.action} ${[...form.fields.keys()].sort().join(',')}`
				if (formsSent.has(key)) continue
				formsSent.add(key)
				const names = [...new Set([...form.fields.keys(), 'intent'])]
				for (const value of BAD_FIELD_VALUES) {
					posts.push({
						role,
						method: 'POST',
						path: form.action,
						body: encodeForm(new Map(names.map((name) => [name, value]))),
					})
				}
				for (const name of names) {
					for (const value of BAD_SINGLE_FIELD_VALUES) {
						const fields = new Map(form.fields)
						fields.set(name, value)
						posts.push({ role, method: 'POST', path: form.action, body: encodeForm(fields) })
					}
				}
			}
			await inParallel(posts, check)
		}
	}
	// Paths no route has, and the static file handlers.
	const strays: Sent[] = ['TRACE', 'TRACK', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'MKCOL', 'SEARCH'].map(
		(method) => ({ role: 'signed out', method, path: '/' }),
	)
	for (const badPath of [
		'/%FF',
		'/assets/%FF',
		'/uploads/%FF',
		'/%00',
		'/images/%00',
		'/f/%00',
		'/%E2%88%95',
		'//evil.example/..',
		'/assets/..%2F..%2Fpackage.json',
	]) {
		strays.push(
			{ role: 'signed out', method: 'GET', path: badPath },
			{ role: 'signed out', method: 'POST', path: badPath, body: '' },
		)
	}
	await inParallel(strays, check)
	return { failures, sentCount }
}

describe('the bad-input corpus', () => {
	test('no route answers 5xx to bad input signed out, as a supporter or as staff', async () => {
		const { failures, sentCount } = await runCorpus()
		expect(sentCount).toBeGreaterThan(1000)
		expect(failures, `${failures.length} of ${sentCount} requests answered 5xx:\n${failures.join('\n')}`).toEqual([])
	}, 300_000)
})
