declare module '@remix-run/node' {
	interface AppLoadContext {
		/** Per-request nonce allowed by the Content-Security-Policy for inline scripts. */
		cspNonce: string
		/** The client's address (behind one proxy), for rate limits. */
		clientIp: string
	}
}
export {}
