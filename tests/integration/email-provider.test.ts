import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getDevMail } from '#app/email/dev-mailbox.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { emailProvider, emailProviderEvents } from '#app/email/providers/index.server.ts'
import { db } from '#db/index.server.ts'
import { devMailbox, emailEvents } from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

beforeEach(() => {
	resetTestEnv()
})

/** A queued email row for the provider to carry (the mailbox refers to it). */
async function queuedEmailId() {
	const id = await db().transaction((tx) =>
		queueEmail(tx, {
			template: 'contact-notification',
			causeKey: `provider-test-${Math.random()}`,
			to: 'staff@example.org',
			category: 'staff',
			data: {
				topic: 'help',
				name: 'A',
				email: 'a@example.org',
				organisation: null,
				phone: null,
				message: 'Hello there, help please',
				messageId: 'm1',
			},
		}),
	)
	return id!
}

describe('choosing the email provider', () => {
	test('mail goes through SendGrid when SENDGRID_API_KEY is set and to the development mailbox otherwise', () => {
		expect(emailProvider().name).toBe('dev-mailbox')
		resetTestEnv({ SENDGRID_API_KEY: 'SG.some-key' })
		expect(emailProvider()).toMatchObject({ name: 'sendgrid', label: 'SendGrid' })
		resetTestEnv({ SENDGRID_API_KEY: '' })
		expect(emailProvider().name).toBe('dev-mailbox')
	})

	test("a provider's event webhook is found by its name, whichever provider sends, and only where it has one", () => {
		// Events about mail SendGrid carried still arrive after a switch to the mailbox.
		expect(emailProviderEvents('sendgrid')?.signatureHeader).toBe('x-twilio-email-event-webhook-signature')
		expect(emailProviderEvents('dev-mailbox')).toBeNull()
		expect(emailProviderEvents('postmark')).toBeNull()
		expect(emailProviderEvents(undefined)).toBeNull()
	})
})

describe('the development mailbox as a provider', () => {
	test('keeps the message with its sender, headers and our email id, and answers its row as the message id', async () => {
		const emailId = await queuedEmailId()
		const { messageId } = await emailProvider().send({
			to: 'grace@example.com',
			from: { email: 'hello@justice.example.org', name: 'Justice Fundraising' },
			subject: 'Hello',
			html: '<p>Hello</p>',
			text: 'Hello',
			headers: { 'List-Unsubscribe': '<https://example.org/u>' },
			categories: ['contact-notification'],
			emailId,
		})
		const [stored] = await db().select().from(devMailbox).where(eq(devMailbox.emailId, emailId))
		expect(messageId).toBe(`dev-${stored!.id}`)
		expect(stored).toMatchObject({
			fromEmail: 'hello@justice.example.org',
			toEmail: 'grace@example.com',
			subject: 'Hello',
			html: '<p>Hello</p>',
			text: 'Hello',
			headers: { 'List-Unsubscribe': '<https://example.org/u>' },
		})
		// The /dev/mail viewer reads what the provider stored.
		expect((await getDevMail(stored!.id))?.subject).toBe('Hello')
	})
})

describe("SendGrid's events in our words", () => {
	test('group unsubscribes are unsubscribes, the message id loses its filter suffix, unknown events are kept as other', () => {
		const parsed = emailProviderEvents('sendgrid')!.parseEvents(
			JSON.stringify([
				{
					event: 'group_unsubscribe',
					email: 'a@example.org',
					timestamp: 1_700_000_000,
					sg_message_id: 'abc.filter0001',
					email_id: 'our-id',
				},
				{ event: 'bounce', email: 'b@example.org', reason: '550 mailbox unavailable' },
				{ event: 'constructor', url: 'https://example.org/x' },
				{ event: 42 },
			]),
		)
		expect(parsed).toMatchObject({ ok: true, received: 4, skipped: 1 })
		const events = parsed.ok ? parsed.events : []
		expect(events.map((e) => e.event)).toEqual(['unsubscribe', 'bounce', 'other'])
		expect(events[0]).toMatchObject({
			emailId: 'our-id',
			providerMessageId: 'abc',
			email: 'a@example.org',
			occurredAt: new Date(1_700_000_000_000),
			payload: { event: 'group_unsubscribe' },
		})
		expect(events[1]).toMatchObject({ emailId: null, providerMessageId: null, reason: '550 mailbox unavailable' })
		expect(events[2]!.url).toBe('https://example.org/x')
		expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(3)
	})
})

describe('the event webhook over HTTP', () => {
	let app: Awaited<ReturnType<typeof startHttpApp>>
	beforeAll(async () => {
		app = await startHttpApp()
	})
	afterAll(async () => {
		await app?.close()
	})

	test('a provider without an event webhook, or none of that name, answers 404 and records nothing', async () => {
		for (const name of ['dev-mailbox', 'postmark']) {
			const response = await fetch(`${app.origin}/webhooks/${name}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': 'MEUCIQDforged' },
				body: JSON.stringify([{ event: 'bounce', email: 'gone@example.com' }]),
			})
			expect(response.status).toBe(404)
		}
		expect((await fetch(`${app.origin}/webhooks/postmark`)).status).toBe(404)
		expect((await fetch(`${app.origin}/webhooks/sendgrid`)).status).toBe(405)
		expect(await db().select().from(emailEvents)).toHaveLength(0)
	})
})
