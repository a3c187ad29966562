import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { contactMessages } from '#db/schema.ts'

export type ContactMessageInput = {
	topic: 'help' | 'media'
	name: string
	email: string
	organisation: string | null
	phone: string | null
	message: string
}

export type ContactMessageResult = { status: 'created' | 'repeated'; messageId: string } | { status: 'stale' }

/**
 * Stores a contact or media message for staff and queues their notification
 * email with it, once per form token: the same form sent twice (a double
 * click, a resent page) stores one message and answers like the first.
 */
export async function recordContactMessage(
	input: ContactMessageInput,
	formToken: string | null,
): Promise<ContactMessageResult> {
	const recorded = await createOnce(
		{ token: formToken, action: `contact-${input.topic}`, personId: null },
		async (tx) => {
			const [row] = await tx.insert(contactMessages).values(input).returning({ id: contactMessages.id })
			await queueEmail(tx, {
				template: 'contact-notification',
				causeKey: `contact-notification:${row!.id}`,
				to: getEnv().STAFF_NOTIFY_EMAIL,
				data: { ...input, messageId: row!.id },
			})
			return { id: row!.id }
		},
	)
	if (recorded.status === 'created' || recorded.status === 'repeated')
		return { status: recorded.status, messageId: recorded.id }
	return { status: 'stale' }
}
