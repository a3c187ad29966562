declare module '@remix-run/node' {
	interface AppLoadContext {
		/** Per-request nonce allowed by the Content-Security-Policy for inline scripts. */
		cspNonce: string
		/** The client's address (req.ip: the socket, or what a proxy trusted by TRUST_PROXY says), for every per-IP limit. */
		clientIp: string
	}
}
export {}
