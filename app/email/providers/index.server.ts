import { type EmailProvider, type ProviderEventWebhook } from '../provider.ts'
import { devMailboxProvider } from './dev-mailbox.server.ts'
import { sendGridProvider } from './sendgrid.server.ts'

/** Every real provider, in order of preference; the first whose settings are given sends the mail. */
const providers: readonly EmailProvider[] = [sendGridProvider]

/** The provider that sends mail: the first configured one (SENDGRID_API_KEY → SendGrid), else the development mailbox. */
export function emailProvider(): EmailProvider {
	return providers.find((provider) => provider.isConfigured()) ?? devMailboxProvider
}

/**
 * The event webhook of the provider named in /webhooks/<name>, or null. Not
 * only the sending provider's: events about mail sent before a switch still arrive.
 */
export function emailProviderEvents(name: string | undefined): ProviderEventWebhook | null {
	return providers.find((provider) => provider.name === name)?.events ?? null
}
