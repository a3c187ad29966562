/**
 * A promise that rejected with nobody to hear it (a library's, on a connection
 * reset) is logged with its stack and the process goes on serving, as Node's
 * own `--unhandled-rejections=warn` does, instead of Node's default of exiting.
 * The fault suite (PostgreSQL restarted under webhook load) once saw a web
 * process die of a bare `read ECONNRESET` rejection: every request in flight
 * died with it, and webhooks went unanswered until a supervisor restarted it.
 * The request that met the reset has already answered 5xx, so Stripe delivers
 * its event again. A thrown exception nobody caught still ends the process:
 * its state may be broken half-way, and the supervisor starts a clean one.
 */
export function logUnhandledRejections(processName: string) {
	process.on('unhandledRejection', (reason) => {
		console.error(
			`[${processName}] an unhandled promise rejection, logged and survived:`,
			reason instanceof Error ? (reason.stack ?? reason.message) : reason,
		)
	})
}
