import { Transform } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './utils/nonce.tsx'

const ABORT_DELAY = 5_000

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : undefined
	// Bots and no-JS clients get the whole document at once; browsers get it streamed.
	const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
			</NonceProvider>,
			{
				nonce,
				[readyEvent]() {
					shellRendered = true
					const body = joinedWrites()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
					// A page that finished needs no abort (nor the error it throws on a closed stream).
					body.once('close', () => clearTimeout(abortTimer))
				},
				onShellError(error: unknown) {
					reject(error instanceof Error ? error : new Error('The page shell failed to render', { cause: error }))
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		const abortTimer = setTimeout(abort, ABORT_DELAY)
	})
}

/**
 * React writes a page in pieces of about 2 KB, and each piece went on alone
 * through a web stream, gzip and the socket (measured on the campaign page:
 * a fifth of its CPU, more than rendering it). What React writes in one go —
 * the whole page, for ours, which defer nothing — leaves as one chunk; what
 * comes later (a deferred boundary) still streams.
 */
function joinedWrites() {
	let pending: Uint8Array[] = []
	let scheduled = false
	const release = () => {
		scheduled = false
		if (pending.length === 0) return
		const chunk = Buffer.concat(pending)
		pending = []
		stream.push(chunk)
	}
	const stream = new Transform({
		transform(chunk: Uint8Array, _encoding, done) {
			pending.push(chunk)
			if (!scheduled) {
				scheduled = true
				setImmediate(release)
			}
			done()
		},
		flush(done) {
			release()
			done()
		},
	})
	return stream
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	// Unknown URLs and refused input are answered, not errors of ours.
	if (isRouteErrorResponse(error) && error.status < 500) return
	console.error('[remix] unhandled error', error)
}
