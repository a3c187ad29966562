import { randomUUID } from 'node:crypto'
import { and, asc, eq, sql } from 'drizzle-orm'
import { queueEmail } from '#app/email/outbox.server.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, eventRegistrations, people, type Event, type Person } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'

export type MessageAudience = 'all' | 'zero'

/**
 * Staff's message to an event's participants (all, or those whose page is
 * still at zero): one email per participant through the outbox, all queued in
 * one transaction with the audit row, once per form token — a resent form
 * queues nothing more. It goes as coaching mail, so whoever turned off
 * fundraising tips (or everything) is not sent it.
 */
export async function messageParticipants(
	event: Event,
	staff: Person,
	message: { audience: MessageAudience; subject: string; body: string },
	token: string | null,
) {
	return createOnce({ token, action: 'event-message', personId: staff.id }, async (tx) => {
		const messageId = randomUUID()
		const recipients = await tx
			.select({
				registrationId: eventRegistrations.id,
				personId: people.id,
				email: people.email,
				firstName: people.firstName,
				pageId: campaigns.id,
				pageSlug: campaigns.slug,
			})
			.from(eventRegistrations)
			.innerJoin(people, eq(people.id, eventRegistrations.personId))
			.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
			.where(
				and(
					eq(eventRegistrations.eventId, event.id),
					message.audience === 'zero' ? sql`${campaigns.raisedMinor} <= 0` : undefined,
				),
			)
			.orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
		let queued = 0
		for (const to of recipients) {
			const id = await queueEmail(tx, {
				template: 'event-message',
				causeKey: `event-message:${messageId}:${to.registrationId}`,
				to: to.email,
				personId: to.personId,
				campaignId: to.pageId,
				category: 'coaching',
				data: {
					firstName: to.firstName,
					eventName: event.name,
					eventSlug: event.slug,
					pageSlug: to.pageSlug,
					subject: message.subject,
					body: message.body,
				},
			})
			if (id) queued++
		}
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'event.message',
			subjectType: 'event',
			subjectId: event.id,
			data: { messageId, audience: message.audience, subject: message.subject, recipients: recipients.length, queued },
		})
		return { id: messageId }
	})
}

/** How many participants each choice of the message form reaches (before opt-outs). */
export async function messageAudienceCounts(eventId: string) {
	const [row] = await db()
		.select({
			all: sql<number>`count(*)::int`.mapWith(Number),
			zero: sql<number>`(count(*) filter (where ${campaigns.raisedMinor} <= 0))::int`.mapWith(Number),
		})
		.from(eventRegistrations)
		.innerJoin(campaigns, eq(campaigns.id, eventRegistrations.campaignId))
		.where(eq(eventRegistrations.eventId, eventId))
	return row ?? { all: 0, zero: 0 }
}
