/**
 * Largest webhook body we read. Stripe's and SendGrid's events are a few
 * kilobytes (a SendGrid batch of a thousand events stays well under this).
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024

export type WebhookBody = { ok: true; rawBody: string; signature: string } | { ok: false; response: Response }

function refused(status: number, error: string): WebhookBody {
	// Closing the connection spares the server the rest of a body it will not read.
	return { ok: false, response: Response.json({ error }, { status, headers: { Connection: 'close' } }) }
}

/**
 * Reads a provider's signed webhook body, exactly as sent (the signature
 * covers those bytes). Refused before a byte is read when the signature
 * header is missing (400) or the declared length is over the cap (413); a
 * body sent without a length (chunked) is read only up to the cap.
 */
export async function readSignedWebhookBody(request: Request, signatureHeader: string): Promise<WebhookBody> {
	const signature = request.headers.get(signatureHeader)
	if (!signature) return refused(400, `missing ${signatureHeader} header`)
	const declared = Number(request.headers.get('content-length') ?? 'NaN')
	if (declared > MAX_WEBHOOK_BODY_BYTES) return refused(413, `body over ${MAX_WEBHOOK_BODY_BYTES} bytes`)
	const chunks: Uint8Array[] = []
	let size = 0
	if (request.body) {
		const reader = request.body.getReader()
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			size += value.byteLength
			if (size > MAX_WEBHOOK_BODY_BYTES) {
				reader.releaseLock()
				return refused(413, `body over ${MAX_WEBHOOK_BODY_BYTES} bytes`)
			}
			chunks.push(value)
		}
	}
	// Decoded as request.text() would, so signatures check exactly as before.
	return { ok: true, rawBody: new TextDecoder().decode(Buffer.concat(chunks)), signature }
}
