import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { type AddressInfo } from 'node:net'

/** The parts of a v3 mail/send body that the tests read. */
export type SendGridMailBody = {
	from: { email: string; name?: string }
	personalizations: { to: { email: string; name?: string }[] }[]
	subject: string
	content: { type: string; value: string }[]
	headers?: Record<string, string>
	categories?: string[]
	custom_args?: Record<string, string>
}

export type RecordedMail = {
	method: string
	path: string
	headers: http.IncomingHttpHeaders
	/** The JSON body as the SDK sent it (a body that is not JSON is kept as its text). */
	body: SendGridMailBody
	status: number
}

/**
 * A local HTTP server speaking SendGrid's v3 mail/send API: records what it
 * receives and can be told to fail, so tests drive the real @sendgrid/mail.
 * With `answerDelayMs` each answer waits a random time up to that long after
 * the message is recorded, as SendGrid has a message once it has read it: a
 * sender that dies while waiting leaves a message the provider accepted.
 */
export async function startSendGridStandIn(options: { answerDelayMs?: number } = {}) {
	const requests: RecordedMail[] = []
	let failures: number[] = []
	/** While set, every request is answered with this status (an outage), after any `failNext` statuses. */
	let outageStatus: number | null = null
	const server = http.createServer((req, res) => {
		let raw = ''
		req.on('data', (chunk) => (raw += chunk))
		req.on('end', () => {
			let body: SendGridMailBody
			try {
				body = JSON.parse(raw) as SendGridMailBody
			} catch {
				body = raw as unknown as SendGridMailBody
			}
			const forcedStatus = failures.shift() ?? outageStatus ?? undefined
			const authorised = req.headers.authorization === 'Bearer SG.test-key'
			const status = !authorised ? 401 : req.url !== '/v3/mail/send' ? 404 : (forcedStatus ?? 202)
			requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status })
			const answer = () => {
				if (status === 202) {
					res.writeHead(202, { 'x-message-id': `sg-${randomUUID()}` })
					res.end()
				} else {
					res.writeHead(status, { 'content-type': 'application/json' })
					res.end(JSON.stringify({ errors: [{ message: `stand-in answered ${status}` }] }))
				}
			}
			if (options.answerDelayMs) setTimeout(answer, Math.random() * options.answerDelayMs)
			else answer()
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
		/** Answers every request with `status` (503: SendGrid unavailable) until called again with null. */
		outage(status: number | null) {
			outageStatus = status
		},
		accepted: () => requests.filter((r) => r.status === 202),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
