import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { type AddressInfo } from 'node:net'

export type RecordedStripeRequest = {
	method: string
	path: string
	headers: http.IncomingHttpHeaders
	/** Form fields exactly as the SDK encoded them (`line_items[0][price_data][unit_amount]` …). */
	form: Record<string, string>
}

/** The stand-in's records, holding the fields of Stripe's objects that the app reads. */
type StandInSession = {
	id: string
	object: 'checkout.session'
	mode?: string
	url: string
	amount_total: number
	currency?: string
	customer_email?: string
	metadata: Record<string, string>
	payment_intent: string | null
	payment_status: 'unpaid' | 'paid'
	status: 'open' | 'complete'
	success_url?: string
	cancel_url?: string
	created: number
}
type StandInCharge = {
	id: string
	object: 'charge'
	amount: number
	amount_refunded: number
	currency?: string
	payment_intent: string | null
	refunded: boolean
	metadata: Record<string, string>
}
type StandInRefund = {
	id: string
	object: 'refund'
	amount: number
	charge: string
	status: 'succeeded'
	created: number
}

/** The fields the SDK sent as `name[key]`, as one object (Stripe's metadata encoding). */
function bracketed(form: Record<string, string>, name: string) {
	const prefix = `${name}[`
	return Object.fromEntries(
		Object.entries(form)
			.filter(([key]) => key.startsWith(prefix) && key.endsWith(']'))
			.map(([key, value]) => [key.slice(prefix.length, -1), value]),
	)
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

/**
 * A local HTTP server speaking the slice of Stripe's API the app uses, so
 * tests drive the real `stripe` SDK: Checkout Sessions (create with
 * idempotency keys, list), refunds (create with idempotency keys, list) and charges (retrieve).
 */
export async function startStripeStandIn() {
	const requests: RecordedStripeRequest[] = []
	const sessions = new Map<string, StandInSession>()
	const byIdempotencyKey = new Map<string, StandInSession>()
	const charges = new Map<string, StandInCharge>()
	const refunds: StandInRefund[] = []
	const refundsByIdempotencyKey = new Map<string, StandInRefund>()

	/** Stripe's side of a refund on a completed session's payment. */
	function refundSession(sessionId: string, amount: number) {
		const session = sessions.get(sessionId)!
		const chargeId = `ch_for_${session.payment_intent}`
		const existing = charges.get(chargeId)
		const charge: StandInCharge = existing ?? {
			id: chargeId,
			object: 'charge',
			amount: session.amount_total,
			amount_refunded: 0,
			currency: session.currency,
			payment_intent: session.payment_intent,
			refunded: false,
			metadata: session.metadata,
		}
		charge.amount_refunded += amount
		charge.refunded = charge.amount_refunded >= charge.amount
		charges.set(chargeId, charge)
		refunds.push({
			id: id('re'),
			object: 'refund',
			amount,
			charge: chargeId,
			status: 'succeeded',
			created: Math.floor(Date.now() / 1000),
		})
		return { ...charge }
	}

	const list = (data: unknown[], url: string) => ({ object: 'list', data, has_more: false, url })
	const server = http.createServer((req, res) => {
		let raw = ''
		req.on('data', (chunk) => (raw += chunk))
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://stand-in')
			const form = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : raw))
			requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, form })
			const send = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') })
				res.end(JSON.stringify(body))
			}
			if (req.headers.authorization !== 'Bearer sk_test_standin') {
				return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } })
			}
			if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
				const key = String(req.headers['idempotency-key'] ?? '')
				if (key && byIdempotencyKey.has(key)) return send(200, byIdempotencyKey.get(key))
				const sessionId = id('cs_test')
				const session: StandInSession = {
					id: sessionId,
					object: 'checkout.session',
					mode: form.mode,
					url: `https://checkout.stripe.com/c/pay/${sessionId}`,
					amount_total:
						Number(form['line_items[0][price_data][unit_amount]']) * Number(form['line_items[0][quantity]'] ?? 1),
					currency: form['line_items[0][price_data][currency]'],
					customer_email: form.customer_email,
					metadata: bracketed(form, 'metadata'),
					payment_intent: null,
					payment_status: 'unpaid',
					status: 'open',
					success_url: form.success_url,
					cancel_url: form.cancel_url,
					created: Math.floor(Date.now() / 1000),
				}
				sessions.set(sessionId, session)
				if (key) byIdempotencyKey.set(key, session)
				return send(200, session)
			}
			if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions')
				return send(200, list([...sessions.values()], url.pathname))
			if (req.method === 'GET' && url.pathname === '/v1/refunds') return send(200, list(refunds, url.pathname))
			if (req.method === 'POST' && url.pathname === '/v1/refunds') {
				const key = String(req.headers['idempotency-key'] ?? '')
				const known = key ? refundsByIdempotencyKey.get(key) : undefined
				if (known) return send(200, known)
				const session = [...sessions.values()].find((s) => s.payment_intent && s.payment_intent === form.payment_intent)
				if (!session) return send(400, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } })
				const charge = refundSession(session.id, Number(form.amount ?? session.amount_total))
				const refund = refunds.at(-1)!
				if (key) refundsByIdempotencyKey.set(key, refund)
				return send(200, { ...refund, payment_intent: charge.payment_intent, metadata: bracketed(form, 'metadata') })
			}
			const charge = /^\/v1\/charges\/([^/]+)$/.exec(url.pathname)
			if (req.method === 'GET' && charge) {
				const found = charges.get(charge[1]!)
				return found
					? send(200, found)
					: send(404, { error: { type: 'invalid_request_error', message: 'No such charge' } })
			}
			send(404, {
				error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` },
			})
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const { port } = server.address() as AddressInfo
	return {
		apiBase: `http://127.0.0.1:${port}`,
		secretKey: 'sk_test_standin',
		requests,
		sessions,
		/** Stripe's side of a payment completing (what a missed webhook would have told us). */
		completeSession(sessionId: string) {
			const session = sessions.get(sessionId)!
			session.status = 'complete'
			session.payment_status = 'paid'
			session.payment_intent = id('pi')
			return session
		},
		/** Stripe's side of a refund on a completed session's payment. */
		refund: refundSession,
		/** The charges Stripe holds (with their cumulative refunds), by id. */
		charges,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
