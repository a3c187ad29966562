import { generateKeyPairSync, sign } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { newFormToken } from '#app/utils/form-token.server.ts'
import {
	postCampaignUpdate,
	publishCampaign,
	saveCampaignDetails,
	endCampaignEarly,
} from '#app/campaigns/manage.server.ts'
import { recordSucceededDonation } from '#app/donations/webhooks.server.ts'
import { deliverQueuedEmail, queueEmail } from '#app/email/outbox.server.ts'
import { unsubscribe, unsubscribeToken } from '#app/email/preferences.server.ts'
import { recordProviderEvents } from '#app/email/provider-events.server.ts'
import { emailProviderEvents } from '#app/email/providers/index.server.ts'
import { releaseDueEmails } from '#app/email/sequences.server.ts'
import {
	confirmTipsConsent,
	recordLearnMoreSignup,
	tipsConfirmationToken,
	type LearnMoreSignup,
} from '#app/people/signups.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { campaigns, donations, emailEvents, emails, people, suppressions, type Campaign } from '#db/schema.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startSendGridStandIn } from '#tests/support/sendgrid-standin.ts'

const DAY = 86_400_000
const signup = {
	firstName: 'Esther',
	lastName: 'Ndlovu',
	email: 'esther@example.com',
	idea: 'challenge' as const,
	emailConsent: true,
}

/** A learn-more sign-up whose address then confirmed the ticked consent from the welcome email. */
async function signUpConfirmed(input: LearnMoreSignup) {
	const recorded = await recordLearnMoreSignup(input)
	expect(await confirmTipsConsent(tipsConfirmationToken(recorded.signupId))).toMatchObject({ status: 'confirmed' })
	return recorded
}

async function emailsFor(to: string) {
	const rows = await db().select().from(emails).where(eq(emails.toEmail, to))
	return Object.fromEntries(rows.map((r) => [r.template, r]))
}

async function statusOf(causeKey: string) {
	const [row] = await db().select({ status: emails.status }).from(emails).where(eq(emails.causeKey, causeKey))
	return row?.status ?? null
}

/** A donation that succeeds now, through the same function the webhook uses. */
async function give(campaign: Campaign, amountMinor: number, extra: Partial<typeof donations.$inferInsert> = {}) {
	return db().transaction(async (tx) => {
		const [donation] = await tx
			.insert(donations)
			.values({
				campaignId: campaign.id,
				donorName: 'A friend',
				donorEmail: `friend${amountMinor}@example.com`,
				amountMinor,
				currency: 'GBP',
				status: 'pending',
				...extra,
			})
			.returning()
		await recordSucceededDonation(tx, donation!, `pi_${donation!.id}`)
		return donation!
	})
}

async function draftFor(ownerEmail: string, overrides: Partial<typeof campaigns.$inferInsert> = {}) {
	const [owner] = await db().select().from(people).where(eq(people.email, ownerEmail))
	const person = owner ?? (await createPerson(db(), { email: ownerEmail, firstName: 'Esther' }))
	return createCampaign(db(), { ownerId: person.id, status: 'draft', goalMinor: 10_000, ...overrides })
}

describe('the learn-more sequence', () => {
	test('each step is released at its time and not before', async () => {
		const started = Date.now()
		await signUpConfirmed(signup)
		const rows = await emailsFor('esther@example.com')
		expect(rows['signup-welcome']!.status).toBe('queued')
		for (const [template, day] of [
			['signup-day2', 2],
			['signup-day5', 5],
			['signup-day9', 9],
		] as const) {
			const sendAfter = rows[template]!.sendAfter!.getTime()
			expect(sendAfter - started).toBeGreaterThanOrEqual(day * DAY - 5_000)
			expect(sendAfter - started).toBeLessThanOrEqual(day * DAY + 5_000)
		}
		const day2 = rows['signup-day2']!.sendAfter!.getTime()
		expect(await releaseDueEmails(new Date(day2 - 60_000))).toEqual({ released: 0, cancelled: 0 })
		expect(await releaseDueEmails(new Date(day2 + 1_000))).toEqual({ released: 1, cancelled: 0 })
		expect(await statusOf(`signup-day2:${rows['signup-day2']!.personId}`)).toBe('queued')
		expect(await statusOf(`signup-day5:${rows['signup-day5']!.personId}`)).toBe('scheduled')
		expect(await releaseDueEmails(new Date(started + 9 * DAY + 60_000))).toEqual({ released: 2, cancelled: 0 })
	})

	test('without consent only the requested welcome is sent', async () => {
		await recordLearnMoreSignup({ ...signup, emailConsent: false })
		expect(Object.keys(await emailsFor('esther@example.com'))).toEqual(['signup-welcome'])
	})

	test('with consent ticked but not yet confirmed, only the requested welcome is sent', async () => {
		await recordLearnMoreSignup(signup)
		expect(Object.keys(await emailsFor('esther@example.com'))).toEqual(['signup-welcome'])
	})

	test('publishing a campaign stops the sign-up sequence and starts the campaign one', async () => {
		const { personId } = await signUpConfirmed(signup)
		const draft = await draftFor('esther@example.com')
		await publishCampaign(draft)
		for (const step of ['signup-day2', 'signup-day5', 'signup-day9'])
			expect(await statusOf(`${step}:${personId}`)).toBe('cancelled')
		expect(await statusOf(`campaign-live:${draft.id}`)).toBe('queued')
		expect(await statusOf(`campaign-nudge:${draft.id}`)).toBe('scheduled')
		expect(await releaseDueEmails(new Date(Date.now() + 10 * DAY))).toMatchObject({ released: 1 })
		expect(await statusOf(`signup-day9:${personId}`)).toBe('cancelled')
	})

	test('a hold-out share of people receive only transactional email, and their arm is recorded', async () => {
		resetTestEnv({ COACHING_HOLDOUT_PERCENT: '100' })
		const { personId } = await signUpConfirmed(signup)
		const [person] = await db().select().from(people).where(eq(people.id, personId))
		expect(person!.coachingArm).toBe('holdout')
		const rows = await emailsFor('esther@example.com')
		expect(rows['signup-welcome']!.status).toBe('queued')
		expect(rows['signup-day2']!.status).toBe('cancelled')
		resetTestEnv({ COACHING_HOLDOUT_PERCENT: '0' })
		await signUpConfirmed({ ...signup, email: 'coached@example.com' })
		const [coached] = await db().select().from(people).where(eq(people.email, 'coached@example.com'))
		expect(coached!.coachingArm).toBe('coached')
	})
})

describe('unsubscribing', () => {
	test('stops every pending email of that kind at once; transactional email still goes', async () => {
		const { personId } = await signUpConfirmed(signup)
		await unsubscribe('ESTHER@example.com', 'coaching')
		for (const step of ['signup-day2', 'signup-day5', 'signup-day9'])
			expect(await statusOf(`${step}:${personId}`)).toBe('cancelled')
		expect(await statusOf(`signup-welcome:${personId}`)).toBe('queued')
		const later = await db().transaction((tx) =>
			queueEmail(tx, {
				template: 'signup-day2',
				causeKey: 'later-coaching',
				to: 'esther@example.com',
				data: { firstName: 'E' },
				category: 'coaching',
			}),
		)
		expect(later).toBeNull()
		expect(await statusOf('later-coaching')).toBe('cancelled')
	})

	test('tokens are signed: a forged one is refused', async () => {
		const { readUnsubscribeToken } = await import('#app/email/preferences.server.ts')
		const token = unsubscribeToken('esther@example.com', 'coaching')
		expect(readUnsubscribeToken(token)).toEqual({ email: 'esther@example.com', scope: 'coaching' })
		const [payload] = token.split('.')
		const forged = Buffer.from(JSON.stringify({ e: 'someone@example.com', s: 'all' })).toString('base64url')
		expect(readUnsubscribeToken(`${forged}.${token.split('.')[1]}`)).toBeNull()
		expect(readUnsubscribeToken(`${payload}.AAAA`)).toBeNull()
	})
})

describe('the campaign sequence', () => {
	test('milestones are sent once each, only the highest when one gift crosses several', async () => {
		const campaign = await publishCampaign(await draftFor('esther@example.com'))
		await give(campaign, 6_000) // 0 → 60 %: crosses 25 and 50
		expect(await statusOf(`first-donation:${campaign.id}`)).toBe('queued')
		expect(await statusOf(`milestone-25:${campaign.id}`)).toBe('cancelled')
		expect(await statusOf(`milestone-50:${campaign.id}`)).toBe('queued')
		await give(campaign, 500) // 65 %: nothing new
		await give(campaign, 4_000) // 105 %: crosses 75 and 100
		expect(await statusOf(`milestone-75:${campaign.id}`)).toBe('cancelled')
		expect(await statusOf(`milestone-100:${campaign.id}`)).toBe('queued')
		const milestone100 = (await emailsFor('esther@example.com'))['milestone']
		expect(milestone100).toBeDefined()
		await give(campaign, 5_000)
		const all = await db()
			.select()
			.from(emails)
			.where(and(eq(emails.campaignId, campaign.id), eq(emails.template, 'milestone')))
		expect(all).toHaveLength(4)
		expect(all.filter((e) => e.status === 'queued')).toHaveLength(2)
		expect(await db().select().from(emails).where(eq(emails.template, 'first-donation'))).toHaveLength(1)
	})

	test('the no-donation nudge goes after three days only when nobody has given', async () => {
		const quiet = await publishCampaign(await draftFor('esther@example.com', { slug: 'quiet-one' }))
		const busy = await publishCampaign(await draftFor('esther@example.com', { slug: 'busy-one' }))
		await give(busy, 1_000)
		expect(await releaseDueEmails(new Date(Date.now() + 3 * DAY - 60_000))).toEqual({ released: 0, cancelled: 0 })
		await releaseDueEmails(new Date(Date.now() + 3 * DAY + 60_000))
		expect(await statusOf(`campaign-nudge:${quiet.id}`)).toBe('queued')
		expect(await statusOf(`campaign-nudge:${busy.id}`)).toBe('cancelled')
	})

	test('"last days" three days before the end, then the summary when it ends', async () => {
		const endsOn = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10)
		const campaign = await publishCampaign(await draftFor('esther@example.com', { endsOn }))
		const endOfDay = new Date(`${endsOn}T23:59:59Z`).getTime()
		await releaseDueEmails(new Date(endOfDay - 3 * DAY - 60_000))
		expect(await statusOf(`campaign-last-days:${campaign.id}`)).toBe('scheduled')
		await releaseDueEmails(new Date(endOfDay - 3 * DAY + 1_000))
		expect(await statusOf(`campaign-last-days:${campaign.id}`)).toBe('queued')
		expect(await statusOf(`campaign-ended:${campaign.id}`)).toBe('scheduled')
		await releaseDueEmails(new Date(endOfDay + 2_000))
		expect(await statusOf(`campaign-ended:${campaign.id}`)).toBe('queued')
		const [closed] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id))
		expect(closed!.status).toBe('ended')
	})

	test('moving the end date moves its emails; ending early sends the summary now', async () => {
		const endsOn = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10)
		const campaign = await publishCampaign(await draftFor('esther@example.com', { endsOn }))
		const later = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10)
		await saveCampaignDetails(campaign, {
			title: campaign.title,
			goal: '100',
			endsOn: later,
			story: campaign.story,
			slug: campaign.slug,
			coverAlt: '',
		})
		const [lastDays] = await db()
			.select()
			.from(emails)
			.where(eq(emails.causeKey, `campaign-last-days:${campaign.id}`))
		expect(lastDays!.sendAfter!.toISOString().slice(0, 10)).toBe(
			new Date(Date.parse(`${later}T23:59:59Z`) - 3 * DAY).toISOString().slice(0, 10),
		)
		const [current] = await db().select().from(campaigns).where(eq(campaigns.id, campaign.id))
		await endCampaignEarly(current!)
		expect(await statusOf(`campaign-last-days:${campaign.id}`)).toBe('cancelled')
		await releaseDueEmails(new Date(Date.now() + 1_000))
		expect(await statusOf(`campaign-ended:${campaign.id}`)).toBe('queued')
	})

	test('an update reaches donors who asked for updates, once per address', async () => {
		const campaign = await publishCampaign(await draftFor('esther@example.com'))
		await give(campaign, 1_000, { donorEmail: 'fan@example.com', updatesOptIn: true })
		await give(campaign, 1_200, { donorEmail: 'FAN@example.com', updatesOptIn: true })
		await give(campaign, 1_300, { donorEmail: 'quiet@example.com', updatesOptIn: false })
		const [owner] = await db().select().from(people).where(eq(people.email, 'esther@example.com'))
		await postCampaignUpdate(campaign, owner!, 'Training run done: 18 miles!', newFormToken())
		const updates = await db().select().from(emails).where(eq(emails.template, 'campaign-update'))
		expect(updates).toHaveLength(1)
		expect(updates[0]).toMatchObject({ category: 'updates', status: 'queued' })
		expect(updates[0]!.toEmail.toLowerCase()).toBe('fan@example.com')
	})
})

describe('SendGrid', () => {
	let sendgrid: Awaited<ReturnType<typeof startSendGridStandIn>>
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
	const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64')

	beforeEach(async () => {
		sendgrid = await startSendGridStandIn()
		resetTestEnv({
			SENDGRID_API_KEY: sendgrid.apiKey,
			SENDGRID_API_BASE: sendgrid.baseUrl,
			SENDGRID_WEBHOOK_PUBLIC_KEY: publicKeyBase64,
		})
	})
	afterEach(async () => {
		await sendgrid.close()
	})

	/** A batch through SendGrid's webhook as the route hands it over: the body and its two signed headers. */
	function handleSendGridWebhook(body: string, signature: string | null, timestamp: string) {
		const headers = new Headers({ 'x-twilio-email-event-webhook-timestamp': timestamp })
		if (signature) headers.set('x-twilio-email-event-webhook-signature', signature)
		return recordProviderEvents(emailProviderEvents('sendgrid')!, body, headers)
	}

	function signed(events: object[]) {
		const body = JSON.stringify(events)
		const timestamp = String(Math.floor(Date.now() / 1000))
		return { body, timestamp, signature: sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64') }
	}

	test('coaching emails carry one-click unsubscribe headers, a category and our email id', async () => {
		await signUpConfirmed(signup)
		await releaseDueEmails(new Date(Date.now() + 2 * DAY + 60_000))
		const [day2] = await db().select().from(emails).where(eq(emails.template, 'signup-day2'))
		expect((await deliverQueuedEmail(day2!.id, { isLastAttempt: false })).outcome).toBe('sent')
		const request = sendgrid.accepted()[0]!
		expect(request.body.categories).toEqual(['signup-day2'])
		expect(request.body.custom_args).toEqual({ email_id: day2!.id })
		const unsubscribeUrl = /^<(https?:\/\/[^>]+\/email\/unsubscribe\?t=[^>]+)>$/.exec(
			request.body.headers?.['List-Unsubscribe'] ?? '',
		)?.[1]
		expect(unsubscribeUrl).toBeDefined()
		expect(request.body.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
		const text = request.body.content.find((c) => c.type === 'text/plain')?.value
		expect(text).toContain(unsubscribeUrl)
		expect(text).toContain('1 Example Street')
	})

	test('receipts and sign-in codes carry no unsubscribe header', async () => {
		const { welcomeEmailId } = await recordLearnMoreSignup({ ...signup, emailConsent: false })
		const contact = await db().transaction((tx) =>
			queueEmail(tx, {
				template: 'contact-notification',
				causeKey: 'staff-1',
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
		await deliverQueuedEmail(contact!, { isLastAttempt: false })
		await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: false })
		const [staff, welcome] = sendgrid.accepted()
		expect(staff!.body.headers).toBeUndefined()
		// The welcome leads into coaching, so it offers the way out of coaching.
		expect(welcome!.body.headers?.['List-Unsubscribe']).toMatch(/email\/unsubscribe/)
	})

	test('the event webhook is verified; bounces suppress, deliveries are recorded, duplicates are harmless', async () => {
		const { welcomeEmailId } = await signUpConfirmed(signup)
		await deliverQueuedEmail(welcomeEmailId!, { isLastAttempt: false })
		const [sent] = await db().select().from(emails).where(eq(emails.id, welcomeEmailId!))
		const base = {
			email: 'esther@example.com',
			timestamp: Math.floor(Date.now() / 1000),
			sg_message_id: `${sent!.providerMessageId}.filter0001`,
			email_id: welcomeEmailId,
		}
		const delivered = signed([
			{ ...base, event: 'delivered', sg_event_id: 'ev1' },
			{ ...base, event: 'open', sg_event_id: 'ev2' },
		])
		expect((await handleSendGridWebhook(delivered.body, delivered.signature, delivered.timestamp)).status).toBe(200)
		expect((await db().select().from(emails).where(eq(emails.id, welcomeEmailId!)))[0]!.status).toBe('delivered')

		const forged = signed([{ ...base, event: 'bounce', sg_event_id: 'ev3' }])
		expect(
			(await handleSendGridWebhook(forged.body.replace('bounce', 'spamreport'), forged.signature, forged.timestamp))
				.status,
		).toBe(400)
		expect((await handleSendGridWebhook(forged.body, null, forged.timestamp)).status).toBe(400)
		expect(await db().select().from(suppressions)).toHaveLength(0)

		const bounce = signed([{ ...base, event: 'bounce', sg_event_id: 'ev3', reason: '550 mailbox unavailable' }])
		expect(await handleSendGridWebhook(bounce.body, bounce.signature, bounce.timestamp)).toMatchObject({
			status: 200,
			body: { recorded: 1 },
		})
		// The same event again, even under a new sg_event_id, changes nothing.
		const again = signed([{ ...base, event: 'bounce', sg_event_id: 'ev3-retry', reason: '550 mailbox unavailable' }])
		expect(await handleSendGridWebhook(again.body, again.signature, again.timestamp)).toMatchObject({
			status: 200,
			body: { recorded: 0 },
		})
		expect(await db().select().from(emailEvents)).toHaveLength(3)
		expect(await db().select().from(suppressions)).toEqual([
			expect.objectContaining({ emailKey: 'esther@example.com', reason: 'bounce' }),
		])
		// Pending coaching to the bounced address stops.
		expect((await emailsFor('esther@example.com'))['signup-day2']!.status).toBe('cancelled')
	})

	test('the event webhook endpoint answers 400 to a bad signature and 200 to a signed batch', async () => {
		const { startHttpApp } = await import('#tests/support/http-app.ts')
		const app = await startHttpApp()
		try {
			const { welcomeEmailId } = await signUpConfirmed(signup)
			const batch = signed([
				{
					email: 'esther@example.com',
					event: 'open',
					timestamp: Math.floor(Date.now() / 1000),
					sg_message_id: 'm.1',
					email_id: welcomeEmailId,
				},
			])
			const post = (signature: string) =>
				fetch(`${app.origin}/webhooks/sendgrid`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-twilio-email-event-webhook-signature': signature,
						'x-twilio-email-event-webhook-timestamp': batch.timestamp,
					},
					body: batch.body,
				})
			expect((await post('MEUCIQDforged')).status).toBe(400)
			const accepted = await post(batch.signature)
			expect(accepted.status).toBe(200)
			expect(await accepted.json()).toEqual({ received: 1, recorded: 1, skipped: 0 })
		} finally {
			await app.close()
		}
	})

	test('a SendGrid 5xx on a coaching email is retried by the queue and sent once', async () => {
		const { startWorkers, stopWorkers } = await import('#app/jobs/workers.server.ts')
		await signUpConfirmed(signup)
		sendgrid.failNext(502)
		await releaseDueEmails(new Date(Date.now() + 2 * DAY + 60_000))
		// Only the welcome (already queued) and day 2 are on the queue; drop the welcome to watch day 2 alone.
		await db().update(emails).set({ status: 'cancelled' }).where(eq(emails.template, 'signup-welcome'))
		await startWorkers({ pollingIntervalSeconds: 0.5 })
		try {
			await expect
				.poll(async () => (await emailsFor('esther@example.com'))['signup-day2']!.status, {
					timeout: 20_000,
					interval: 200,
				})
				.toBe('sent')
			expect(sendgrid.requests.map((r) => r.status)).toEqual([502, 202])
		} finally {
			await stopWorkers()
		}
	})
})
