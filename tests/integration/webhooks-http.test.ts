import { generateKeyPairSync, sign } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { MAX_WEBHOOK_BODY_BYTES } from '#app/utils/webhook-body.server.ts'
import { db } from '#db/index.server.ts'
import { emailEvents, suppressions } from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
beforeEach(() => {
	resetTestEnv({ SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') })
})

const SIGNATURES = {
	'/webhooks/stripe': { 'stripe-signature': 't=1,v1=0000' },
	'/webhooks/sendgrid': {
		'x-twilio-email-event-webhook-signature': 'MEUCIQDforged',
		'x-twilio-email-event-webhook-timestamp': '1',
	},
} as const
type WebhookPath = keyof typeof SIGNATURES

/**
 * Starts a POST, sends `firstBytes` of its body and leaves the request open:
 * the answer can only come before the body is complete if the server
 * answered without reading it.
 */
function answerWhileBodyIsStillComing(path: string, headers: Record<string, string>, firstBytes: number) {
	const port = Number(new URL(app.origin).port)
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/json', ...headers } },
			(res) => {
				let body = ''
				res.on('data', (chunk) => (body += chunk))
				res.on('end', () => {
					req.destroy()
					resolve({ status: res.statusCode!, body })
				})
			},
		)
		req.on('error', (error: NodeJS.ErrnoException) => {
			// The server closing the connection on a refused body is expected once the answer is in.
			if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error)
		})
		req.write(Buffer.alloc(firstBytes, 0x20))
	})
}

describe('webhook bodies', () => {
	for (const path of Object.keys(SIGNATURES) as WebhookPath[]) {
		test(`${path} refuses a declared body over 1 MB with 413 before reading it`, async () => {
			const answer = await answerWhileBodyIsStillComing(
				path,
				{ ...SIGNATURES[path], 'content-length': String(256 * 1024 * 1024) },
				64 * 1024,
			)
			expect(answer.status).toBe(413)
		})

		test(`${path} stops reading a chunked body at 1 MB and answers 413`, async () => {
			const answer = await answerWhileBodyIsStillComing(
				path,
				{ ...SIGNATURES[path], 'transfer-encoding': 'chunked' },
				MAX_WEBHOOK_BODY_BYTES + 64 * 1024,
			)
			expect(answer.status).toBe(413)
		})

		test(`${path} refuses a request without its signature header with 400 before reading the body`, async () => {
			const answer = await answerWhileBodyIsStillComing(path, { 'content-length': String(256 * 1024 * 1024) }, 1024)
			expect(answer.status).toBe(400)
			expect(answer.body).toContain('signature')
		})
	}
})

function signedBatch(events: unknown[], timestamp = Math.floor(Date.now() / 1000)) {
	const body = JSON.stringify(events)
	const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64')
	return fetch(`${app.origin}/webhooks/sendgrid`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-twilio-email-event-webhook-signature': signature,
			'x-twilio-email-event-webhook-timestamp': String(timestamp),
		},
		body,
	})
}

const bounce = (overrides: Record<string, unknown> = {}) => ({
	email: 'gone@example.com',
	event: 'bounce',
	timestamp: Math.floor(Date.now() / 1000),
	sg_message_id: 'msg-1.filter0001',
	sg_event_id: 'ev-1',
	reason: '550 mailbox unavailable',
	...overrides,
})

describe('SendGrid event batches', () => {
	test('a correctly signed batch from a year ago is refused with 400 and records nothing', async () => {
		const response = await signedBatch([bounce()], Math.floor(Date.now() / 1000) - 365 * 86_400)
		expect(response.status).toBe(400)
		expect(await response.json()).toEqual({ error: 'timestamp more than 300 seconds from now' })
		// Signed ten minutes ahead is as suspect as ten minutes late.
		expect((await signedBatch([bounce()], Math.floor(Date.now() / 1000) + 600)).status).toBe(400)
		expect(await db().select().from(emailEvents)).toHaveLength(0)
		expect(await db().select().from(suppressions)).toHaveLength(0)
	})

	test('a batch signed a minute ago is accepted', async () => {
		const response = await signedBatch([bounce()], Math.floor(Date.now() / 1000) - 60)
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ received: 1, recorded: 1, skipped: 0 })
	})

	test('malformed events are skipped and counted, the good ones recorded, never a 500', async () => {
		const response = await signedBatch([
			bounce({ timestamp: 'yesterday', sg_event_id: 'a' }),
			bounce({ timestamp: 1e20, sg_event_id: 'b' }),
			bounce({ email: 'gone\u0000@example.com', sg_event_id: 'c' }),
			bounce({ email: { $ne: null }, sg_event_id: 'd' }),
			bounce({ reason: 'has a \u0000 inside', sg_event_id: 'e' }),
			bounce({ event: ['bounce'], sg_event_id: 'f' }),
			'not an event',
			null,
			bounce({ email: 'real@example.com', sg_event_id: 'g' }),
		])
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ received: 9, recorded: 1, skipped: 8 })
		expect((await db().select().from(emailEvents)).map((e) => e.event)).toEqual(['bounce'])
		expect((await db().select().from(suppressions)).map((s) => s.emailKey)).toEqual(['real@example.com'])
	})
})
