import { db } from '#db/index.server.ts'
import { devMailbox } from '#db/schema.ts'
import { type EmailProvider, type ProviderMessage } from '../provider.ts'

/**
 * The development mailbox: with no provider configured, mail stays in the
 * database and is shown at /dev/mail (app/email/dev-mailbox.server.ts reads it).
 * Nothing reports on it, so it has no event webhook.
 */
async function send(message: ProviderMessage): Promise<{ messageId: string }> {
	const [row] = await db()
		.insert(devMailbox)
		.values({
			emailId: message.emailId,
			fromEmail: message.from.email,
			toEmail: message.to,
			subject: message.subject,
			html: message.html,
			text: message.text,
			headers: message.headers,
		})
		.returning({ id: devMailbox.id })
	return { messageId: `dev-${row!.id}` }
}

export const devMailboxProvider: EmailProvider = {
	name: 'dev-mailbox',
	label: 'development mailbox (/dev/mail)',
	// The fallback: chosen when no other provider is.
	isConfigured: () => true,
	send,
}
