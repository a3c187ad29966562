import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { type AddressInfo } from 'node:net'

export type RecordedMail = {
	method: string
	path: string
	headers: http.IncomingHttpHeaders
	body: any
	status: number
}

/**
 * A local HTTP server speaking SendGrid's v3 mail/send API: records what it
 * receives and can be told to fail, so tests drive the real @sendgrid/mail.
 */
export async function startSendGridStandIn() {
	const requests: RecordedMail[] = []
	let failures: number[] = []
	const server = http.createServer((req, res) => {
		let raw = ''
		req.on('data', (chunk) => (raw += chunk))
		req.on('end', () => {
			let body: any = null
			try {
				body = JSON.parse(raw)
			} catch {
				body = raw
			}
			const forcedStatus = failures.shift()
			const authorised = req.headers.authorization === 'Bearer SG.test-key'
			const status = !authorised ? 401 : req.url !== '/v3/mail/send' ? 404 : (forcedStatus ?? 202)
			requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status })
			if (status === 202) {
				res.writeHead(202, { 'x-message-id': `sg-${randomUUID()}` })
				res.end()
			} else {
				res.writeHead(status, { 'content-type': 'application/json' })
				res.end(JSON.stringify({ errors: [{ message: `stand-in answered ${status}` }] }))
			}
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const { port } = server.address() as AddressInfo
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		apiKey: 'SG.test-key',
		requests,
		/** The next responses will carry these statuses, in order. */
		failNext(...statuses: number[]) {
			failures = statuses
		},
		accepted: () => requests.filter((r) => r.status === 202),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
