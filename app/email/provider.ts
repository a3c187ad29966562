/**
 * The seam between our outbox and whoever carries the mail. The outbox, the
 * event webhook and the event recorder speak only these types; each provider
 * (app/email/providers/) turns them into its own API and back.
 */

/** One rendered email, ready to go. */
export type ProviderMessage = {
	to: string
	from: { email: string; name: string }
	subject: string
	html: string
	text: string
	/** Extra headers (the RFC 8058 one-click unsubscribe pair); empty for most transactional mail. */
	headers: Record<string, string>
	/** Labels for the provider's statistics (the template's name). */
	categories: string[]
	/** Our `emails.id`: the provider carries it back on its events, which is how they are matched. */
	emailId: string
}

/** Thrown by `send` for an answer that will not improve on retry (the provider refused the message). Any other error is temporary and retried. */
export class PermanentEmailError extends Error {
	name = 'PermanentEmailError'
}

/** What a provider can tell us about an email, in our words. */
export type ProviderEventKind =
	/** The provider accepted it and will try to deliver it. */
	| 'processed'
	/** The receiving server asked to try again later; the provider keeps trying. */
	| 'deferred'
	/** The receiving server accepted it. */
	| 'delivered'
	/** The receiving server refused it for good; the address is suppressed. */
	| 'bounce'
	/** The provider would not send it (an address it suppresses, for one); the address is suppressed. */
	| 'dropped'
	/** The recipient marked it as spam; the address is suppressed. */
	| 'spamreport'
	/** The recipient unsubscribed through the provider's own link; everything optional stops. */
	| 'unsubscribe'
	/** The recipient undid an unsubscribe at the provider (recorded; our own preferences decide). */
	| 'resubscribe'
	/** The recipient opened it. */
	| 'open'
	/** The recipient followed a link in it. */
	| 'click'
	/** Anything else the provider reports: kept for staff, and proof that the provider has the email. */
	| 'other'

/** One event, normalised by the provider that reported it. */
export type ProviderEvent = {
	/** Our `emails.id` as the provider carried it back (not yet checked to be one), or null. */
	emailId: string | null
	/** The provider's id of the message, as `send` returned it, to match events that lack our id. */
	providerMessageId: string | null
	event: ProviderEventKind
	occurredAt: Date
	/** The recipient's address. */
	email: string | null
	/** Why it bounced or was dropped, in the provider's words. */
	reason: string | null
	/** The link followed, for a click. */
	url: string | null
	/** The same for every delivery of this event (providers resend events, sometimes under new ids). */
	dedupeKey: string
	/** The event as the provider sent it, kept for staff. */
	payload: Record<string, unknown>
}

/** Why a webhook request is refused (answered 400, so the provider retries it only if it was its fault). */
export type ProviderEventsRefusal = { ok: false; error: string }

/** A provider's signed event webhook, answered at /webhooks/<provider name>. */
export type ProviderEventWebhook = {
	/** Header carrying the signature: a request without it is refused before its body is read. */
	signatureHeader: string
	/** Checks the signature (and its freshness) over the exact bytes received. */
	verifyEvents(rawBody: string, headers: Headers): { ok: true } | ProviderEventsRefusal
	/** The events of a verified body; an event that does not fit is skipped and counted, never an error. */
	parseEvents(
		rawBody: string,
	): { ok: true; received: number; events: ProviderEvent[]; skipped: number } | ProviderEventsRefusal
}

export type EmailProvider = {
	/** Names it in logs and in its webhook's path. */
	name: string
	/** How the start-up line describes where email goes. */
	label: string
	/** Whether the configuration asks for this provider (its key is set). */
	isConfigured(): boolean
	/** Sends one message; returns the provider's id for it, or throws (a PermanentEmailError when retrying cannot help). */
	send(message: ProviderMessage): Promise<{ messageId: string }>
	/** Its event webhook, when it reports on the emails it carried. */
	events?: ProviderEventWebhook
}
