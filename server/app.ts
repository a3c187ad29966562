import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
// The adapter's own request builder (URL from the trusted host, body, and a signal that aborts when the
// client goes away); only its response writing is replaced, below. Not re-exported by the package index.
import { createRemixRequest } from '@remix-run/express/dist/server.js'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import onHeaders from 'on-headers'
import helmet from 'helmet'
import morgan from 'morgan'
import { type TrustProxy } from '#app/config/env.server.ts'
import { carriesSignedSession, SESSION_COOKIE_NAME } from '#app/people/session.server.ts'

export type AppOptions = {
	/** The Remix server build, or a function returning it (development, through Vite). */
	build: ServerBuild | (() => Promise<ServerBuild>)
	production: boolean
	/** Proxies whose X-Forwarded-For names the client (TRUST_PROXY); false → the socket's address. */
	trustProxy: TrustProxy
	logRequests: boolean
	/** Static files of the client build (production) — omitted when Vite serves them. */
	clientBuildDir?: string
	/** Extra middleware before Remix, e.g. Vite's dev server. */
	before?: express.RequestHandler[]
	/** Answers GET /healthz: resolves when the database answers. */
	checkHealth: () => Promise<void>
	/** Folder of uploaded files kept on local disk (DATA_DIR/uploads), served at /uploads. */
	uploadsDir?: string
	/** Another origin uploaded images are served from (S3 or a CDN), allowed in the CSP. */
	uploadsOrigin?: string | null
}

/** Largest request body a form may send. */
const MAX_FORM_BODY_BYTES = 256 * 1024
/**
 * Largest multipart body. Photos over 8 MB are refused by the form itself,
 * beside the field; this leaves room for that up to a typical phone photo.
 */
const MAX_UPLOAD_BODY_BYTES = 21 * 1024 * 1024
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Every page and form is a GET or a POST; nothing here answers PUT, DELETE, TRACE and the like. */
const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST'])
/** Control characters (C0, DEL, C1): no address of ours holds one, and PostgreSQL refuses NUL outright. */
const CONTROL_CHARACTER = /\p{Cc}/u

/**
 * Features no page of ours uses, turned off for the page and anything it
 * embeds. Stripe Checkout is a redirect to Stripe's own page, so `payment`
 * stays off here too.
 */
const PERMISSIONS_POLICY = [
	'camera=()',
	'microphone=()',
	'geolocation=()',
	'payment=()',
	'usb=()',
	'serial=()',
	'bluetooth=()',
	'hid=()',
	'midi=()',
	'magnetometer=()',
	'gyroscope=()',
	'accelerometer=()',
	'display-capture=()',
	'browsing-topics=()',
].join(', ')

function refuse(res: Response, status: number, message: string) {
	res.status(status).set('cache-control', 'no-store').type('text/plain').send(message)
}

/** Odd methods (TRACE, PUT, PROPFIND …) get a plain 405 before any route sees them. */
function refuseUnservedMethods(req: Request, res: Response, next: NextFunction) {
	if (SERVED_METHODS.has(req.method)) return next()
	res.set('allow', 'GET, HEAD, POST')
	refuse(res, 405, 'That method is not allowed here.')
}

/**
 * Refuses addresses no route can answer — invalid percent-encoding, control
 * characters in the path or the query, an unusable Host — with a 400, so
 * they never reach a route, a static file handler or the database as a 500.
 */
function refuseMalformedAddresses(req: Request, res: Response, next: NextFunction) {
	const [rawPath = '', rawQuery = ''] = req.originalUrl.split(/\?(.*)/s)
	let path: string
	try {
		path = decodeURIComponent(rawPath)
	} catch {
		return refuse(res, 400, 'That address is not valid.')
	}
	if (CONTROL_CHARACTER.test(path)) return refuse(res, 400, 'That address is not valid.')
	for (const [name, value] of new URLSearchParams(rawQuery)) {
		if (CONTROL_CHARACTER.test(name) || CONTROL_CHARACTER.test(value)) {
			return refuse(res, 400, 'That address is not valid.')
		}
	}
	// The public address is APP_URL; a client's X-Forwarded-Host would only
	// change the host (and port) the request URL is built from.
	delete req.headers['x-forwarded-host']
	try {
		new URL(`http://${req.get('host') ?? 'localhost'}`)
	} catch {
		return refuse(res, 400, 'That Host header is not valid.')
	}
	next()
}

/**
 * Rejects cross-site mutations. Browsers send Sec-Fetch-Site (and Origin) on
 * every form post; a post from another site is refused before it reaches a
 * route. Provider webhooks are signed instead and skip this check.
 */
function rejectCrossSiteMutations(req: Request, res: Response, next: NextFunction) {
	if (SAFE_METHODS.has(req.method) || req.path.startsWith('/webhooks/')) return next()
	// One-click unsubscribes (RFC 8058) are posted by mail providers from their
	// own origin, or none ("null"); the signed token in the address is the
	// authority, so the Origin means nothing here and is not passed on (Remix
	// would abort the action over it).
	if (req.path === '/email/unsubscribe') {
		delete req.headers.origin
		return next()
	}
	const fetchSite = req.get('sec-fetch-site')
	if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
		return res.status(403).type('text/plain').send('Cross-site form submissions are not allowed.')
	}
	const origin = req.get('origin')
	if (origin) {
		let originHost: string | null = null
		try {
			originHost = new URL(origin).host
		} catch {
			originHost = null
		}
		if (originHost !== req.get('host')) {
			return res.status(403).type('text/plain').send('Cross-site form submissions are not allowed.')
		}
	}
	next()
}

/** Refuses oversized bodies up front, so no route ever reads them. */
function limitBodySize(req: Request, res: Response, next: NextFunction) {
	if (SAFE_METHODS.has(req.method) || req.path.startsWith('/webhooks/')) return next()
	const length = Number(req.get('content-length') ?? 'NaN')
	if (req.get('transfer-encoding') && Number.isNaN(length)) {
		return res.status(411).type('text/plain').send('Please send a Content-Length with the request.')
	}
	const multipart = (req.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
	if (length > (multipart ? MAX_UPLOAD_BODY_BYTES : MAX_FORM_BODY_BYTES)) {
		return res.status(413).type('text/plain').send('That request is too large.')
	}
	next()
}

function hasSessionCookie(cookieHeader: string | null) {
	return (cookieHeader ?? '').split(';').some((pair) => pair.trim().startsWith(`${SESSION_COOKIE_NAME}=`))
}

function setsSessionCookie(header: ReturnType<Response['getHeader']>) {
	const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)]
	return cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE_NAME}=`))
}

/**
 * A response to someone signed in — or one that signs someone in or out —
 * may hold their data (a dashboard's donor emails, the staff area): no
 * browser or shared cache may keep it. Decided per request from the session,
 * not for every response, so anonymous public pages can be made cacheable.
 */
function noStoreForSessions(req: Request, res: Response, next: NextFunction) {
	const cookieHeader = req.get('cookie') ?? null
	carriesSignedSession(cookieHeader).then((signedIn) => {
		// Just before the headers go out, when the route has set its own.
		onHeaders(res, () => {
			const cacheControl = String(res.getHeader('cache-control') ?? '')
			// A route that already said no-store (the CSV exports) is kept as it is.
			const mayBeStored = !/\bno-store\b/.test(cacheControl)
			// A page marked public is public only for a visitor with no session
			// cookie at all (even an expired or forged one) and when it sets none.
			const publicForSomeoneElse =
				/\bpublic\b/.test(cacheControl) && (hasSessionCookie(cookieHeader) || res.getHeader('set-cookie') !== undefined)
			if (mayBeStored && (signedIn || setsSessionCookie(res.getHeader('set-cookie')) || publicForSomeoneElse))
				res.setHeader('Cache-Control', 'private, no-store')
		})
		next()
	}, next)
}

/** Every file under `dir` as a URL path ("/images/logo.svg"), leaving out the folder `skip`. */
function listFiles(dir: string, skip: string): Set<string> {
	const files = new Set<string>()
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue
		const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep)
		if (relative[0] === skip) continue
		files.add(`/${relative.join('/')}`)
	}
	return files
}

/**
 * Writes a Remix response's body to the client at the client's pace. Remix's
 * Express adapter writes each chunk as soon as it is read and never waits
 * for the socket, so a slow or departed client made a streamed export read
 * the whole ledger into this process's memory. Here the next chunk is read
 * only when the socket (or the gzip stream in front of it) has room, each
 * chunk is flushed through compression as the adapter does, and a client
 * that goes away cancels the body at once, which ends an export and frees
 * its slot even while it waits for a query.
 */
async function sendBody(res: Response, body: ReadableStream<Uint8Array>) {
	const reader = body.getReader()
	const stop = () => void reader.cancel().catch(() => {})
	if (res.destroyed) return stop()
	let wake: (() => void) | null = null
	// One listener each for the whole response: compression hands 'drain' listeners to its gzip stream,
	// where removing them through `res` does nothing, so a listener per wait would pile up.
	res.on('drain', () => wake?.())
	res.once('close', () => {
		if (!res.writableFinished) stop()
		wake?.()
	})
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (res.destroyed) return stop()
			if (done) {
				res.end()
				return
			}
			if (!res.write(value)) await new Promise<void>((resolve) => (wake = resolve))
			wake = null
			// compression adds flush(): without it a streamed chunk waits in gzip's buffer.
			;(res as Response & { flush?: () => void }).flush?.()
		}
	} catch (error) {
		stop()
		res.destroy(error as Error)
		throw error
	}
}

const isWidgetPath = (path: string) => /^\/f\/[a-z0-9-]+\/widget$/.test(path)

export function createApp(options: AppOptions) {
	const app = express()
	app.disable('x-powered-by')
	// req.ip is the one source of the client's address (every per-IP limit reads
	// it through the load context); only configured proxies may set it.
	app.set('trust proxy', options.trustProxy)
	// Level 3 (zlib's fast strategy) instead of 6: measured on the campaign
	// page, gzip was the largest single cost of a request, and the HTML comes
	// out only a few per cent larger.
	// Provider webhooks get a few bytes of JSON back, which a provider's
	// server never needs compressed: under a burst of deliveries gzip's
	// set-up was a measurable share of each webhook's CPU time.
	app.use(
		compression({ level: 3, filter: (req, res) => !req.path.startsWith('/webhooks/') && compression.filter(req, res) }),
	)

	if (options.logRequests) {
		app.use(
			morgan(':method :url :status :res[content-length] - :response-time ms', {
				skip: (req) => req.url === '/healthz',
			}),
		)
	}

	app.use((_req, res, next) => {
		res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
		next()
	})
	app.use(
		helmet({
			contentSecurityPolicy: {
				useDefaults: false,
				directives: {
					'default-src': ["'self'"],
					'base-uri': ["'self'"],
					'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
					'style-src': ["'self'", "'unsafe-inline'"],
					'img-src': ["'self'", 'data:', 'blob:', ...(options.uploadsOrigin ? [options.uploadsOrigin] : [])],
					'font-src': ["'self'"],
					'connect-src': options.production ? ["'self'"] : ["'self'", 'ws:'],
					// A donation form posts here and is redirected on to Stripe Checkout.
					'form-action': ["'self'", 'https://checkout.stripe.com'],
					// Only the progress widget may be framed by other sites.
					'frame-ancestors': [(req) => (isWidgetPath((req as Request).path) ? '*' : "'none'")],
					'object-src': ["'none'"],
					...(options.production ? { 'upgrade-insecure-requests': [] } : {}),
				},
			},
			crossOriginEmbedderPolicy: false,
			// frame-ancestors in the CSP decides framing; X-Frame-Options cannot allow the widget.
			xFrameOptions: false,
			referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
			strictTransportSecurity: options.production ? { maxAge: 63072000, includeSubDomains: true } : false,
		}),
	)
	app.use((_req, res, next) => {
		res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
		next()
	})
	app.use(refuseUnservedMethods)
	app.use(refuseMalformedAddresses)

	// Express 4 ignores a handler's promise, so both outcomes are answered here.
	app.get('/healthz', (_req, res) => {
		void options.checkHealth().then(
			() => res.set('cache-control', 'no-store').json({ status: 'ok', database: 'ok' }),
			(error: Error) =>
				res.status(503).set('cache-control', 'no-store').json({ status: 'error', database: error.message }),
		)
	})

	app.use(rejectCrossSiteMutations)
	app.use(limitBodySize)

	for (const handler of options.before ?? []) app.use(handler)

	// Images are embedded by mail clients and webmail on other origins.
	app.use(['/images', '/uploads'], (_req, res, next) => {
		res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin')
		next()
	})

	if (options.uploadsDir) {
		// Uploads are written once under a random name and never changed. Only
		// files we re-encoded ourselves are stored, and nosniff (helmet) keeps
		// browsers to the stated type.
		app.use(
			'/uploads',
			express.static(options.uploadsDir, { immutable: true, maxAge: '1y', index: false, redirect: false }),
		)
	}
	// An unknown upload is a plain 404, not a page render (or a 500).
	app.use('/uploads', (_req, res) => {
		res.status(404).set('cache-control', 'no-store').type('text/plain').send('Not found')
	})

	if (options.clientBuildDir) {
		// Fingerprinted assets never change; everything else is cached briefly.
		app.use('/assets', express.static(path.join(options.clientBuildDir, 'assets'), { immutable: true, maxAge: '1y' }))
		const serveBuildFile = express.static(options.clientBuildDir, { maxAge: '1h', index: false, redirect: false })
		// The build's other files (public/: images, enhance.js, the favicon) are
		// known when it starts; asking the disk about every page's address first
		// (a stat and an ENOENT error per page view) was measurable on the campaign page.
		const buildFiles = listFiles(options.clientBuildDir, 'assets')
		app.use((req, res, next) => {
			let pathname: string
			try {
				pathname = decodeURIComponent(req.path)
			} catch {
				return next()
			}
			if (buildFiles.has(pathname)) serveBuildFile(req, res, next)
			else next()
		})
	}

	app.use(noStoreForSessions)
	const handleRemixRequest = createRequestHandler(options.build, options.production ? 'production' : 'development')
	// As @remix-run/express's handler, but the body is sent at the client's pace (sendBody). The request's
	// signal aborts when the client goes away before the response is done.
	const serveRemix = async (req: Request, res: Response) => {
		// A client gone before Remix is asked (while a middleware waited) would never abort its request's signal.
		if (res.destroyed) return
		const response = await handleRemixRequest(createRemixRequest(req, res), {
			cspNonce: res.locals.cspNonce as string,
			clientIp: req.ip ?? 'unknown',
		})
		res.statusMessage = response.statusText
		res.status(response.status)
		for (const [key, value] of response.headers.entries()) res.append(key, value)
		if (response.body) await sendBody(res, response.body)
		else res.end()
	}
	// Express 4 ignores a handler's promise, so its errors are handed on here.
	app.all('*', (req, res, next) => void serveRemix(req, res).catch(next))

	app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
		console.error('[server] unhandled error', error)
		if (!res.headersSent) res.status(500).type('text/plain').send('Something went wrong on our side. Please try again.')
	})
	return app
}
