import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { db } from '#db/index.server.ts'
import { contactMessages } from '#db/schema.ts'

export type ContactMessageInput = {
	topic: 'help' | 'media'
	name: string
	email: string
	organisation: string | null
	phone: string | null
	message: string
}

/** Stores a contact or media message for staff and queues their notification email with it. */
export async function recordContactMessage(input: ContactMessageInput) {
	return db().transaction(async (tx) => {
		const [row] = await tx.insert(contactMessages).values(input).returning({ id: contactMessages.id })
		await queueEmail(tx, {
			template: 'contact-notification',
			causeKey: `contact-notification:${row!.id}`,
			to: getEnv().STAFF_NOTIFY_EMAIL,
			data: { ...input, messageId: row!.id },
		})
		return { messageId: row!.id }
	})
}
