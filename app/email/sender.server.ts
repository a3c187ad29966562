import { randomUUID } from 'node:crypto'
import sendgridClient from '@sendgrid/client'
import { MailService } from '@sendgrid/mail'
import { getEnv } from '#app/config/env.server.ts'
import { devMailbox } from '#db/schema.ts'
import { db } from '#db/index.server.ts'

export type OutgoingEmail = {
	to: string
	subject: string
	html: string
	text: string
	/** Our `emails.id`, sent to SendGrid as a custom arg so its events can be matched. */
	emailId: string
	category: string
	headers?: Record<string, string>
}

/** Thrown for answers that will not improve on retry (a 4xx from the provider). */
export class PermanentEmailError extends Error {
	name = 'PermanentEmailError'
}

let mailService: { service: MailService; key: string; base: string } | undefined

function sendgrid(key: string, base: string) {
	if (mailService?.key === key && mailService.base === base) return mailService.service
	const service = new MailService()
	// A client of our own (the package's default instance is shared process-wide).
	const client = new (sendgridClient.constructor as new () => typeof sendgridClient)()
	// setApiKey resets the base URL, so point the client at its host afterwards.
	client.setApiKey(key)
	client.setDefaultRequest('baseUrl', base)
	service.setClient(client)
	mailService = { service, key, base }
	return service
}

/**
 * The one email sender. With SENDGRID_API_KEY it sends through SendGrid
 * (at SENDGRID_API_BASE); without it the message is stored in the development
 * mailbox shown at /dev/mail. Returns the provider's message id.
 */
export async function sendEmail(email: OutgoingEmail): Promise<{ messageId: string }> {
	const env = getEnv()
	const from = { email: env.EMAIL_FROM, name: env.EMAIL_FROM_NAME ?? env.CHARITY_NAME }
	if (!env.SENDGRID_API_KEY) {
		const [row] = await db()
			.insert(devMailbox)
			.values({
				emailId: email.emailId,
				fromEmail: from.email,
				toEmail: email.to,
				subject: email.subject,
				html: email.html,
				text: email.text,
				headers: email.headers ?? {},
			})
			.returning({ id: devMailbox.id })
		return { messageId: `dev-${row!.id}` }
	}
	try {
		const [response] = await sendgrid(env.SENDGRID_API_KEY, env.SENDGRID_API_BASE).send({
			to: email.to,
			from,
			subject: email.subject,
			text: email.text,
			html: email.html,
			headers: email.headers,
			categories: [email.category],
			customArgs: { email_id: email.emailId },
		})
		const header = (response.headers as Record<string, string | string[] | undefined>)['x-message-id']
		return { messageId: (Array.isArray(header) ? header[0] : header) ?? `sendgrid-${randomUUID()}` }
	} catch (error) {
		const code = (error as { code?: number }).code
		if (typeof code === 'number' && code >= 400 && code < 500 && code !== 429) {
			throw new PermanentEmailError(`SendGrid refused the message (${code}): ${(error as Error).message}`)
		}
		throw error
	}
}
