import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getPublicCampaign } from '#app/campaigns/campaigns.server.ts'
import { recordOfflineDonation } from '#app/donations/offline-gifts.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { processStripeEvent } from '#app/donations/webhooks.server.ts'
import { deliverQueuedEmail, queueEmail } from '#app/email/outbox.server.ts'
import { listEmailsForStaff, retryFailedEmail } from '#app/staff/emails.server.ts'
import {
	confirmOfflineGift,
	listPendingOfflineGifts,
	listRecentOfflineDecisions,
	rejectOfflineGift,
} from '#app/staff/offline-gifts.server.ts'
import { listStripeEventsNeedingAttention } from '#app/staff/payments.server.ts'
import { db } from '#db/index.server.ts'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import {
	auditLog,
	devMailbox,
	donations,
	emailEvents,
	emails,
	moneyMovements,
	type Campaign,
	type Person,
} from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'
import { testDatabase } from '#tests/support/setup-file.ts'

async function fundraiserWithCampaign(slug = 'bake-sale') {
	const owner = await createPerson(db(), { firstName: 'Nia', lastName: 'Okafor', email: 'nia@example.com' })
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug, title: 'Nia’s bake sale' })
	return { owner, campaign }
}

async function pendingGift(campaign: Campaign, owner: Person, amount = '12.34') {
	const recorded = await recordOfflineDonation(
		campaign,
		owner,
		{ amount, donorName: 'Cake stall', note: 'Cash tin, counted twice' },
		newFormToken(),
	)
	if (recorded.status !== 'created') throw new Error('gift not recorded')
	const [donation] = await db().select().from(donations).where(eq(donations.id, recorded.id))
	return donation!
}

async function raisedOf(slug: string) {
	return (await getPublicCampaign(slug))?.raisedMinor
}

async function donationStatus(id: string) {
	const [row] = await db().select({ status: donations.status }).from(donations).where(eq(donations.id, id))
	return row?.status
}

/** A real email, queued as the platform queues it, then given up on as the worker does after its last retry. */
async function failedEmail() {
	const emailId = await db().transaction((tx) =>
		queueEmail(tx, {
			template: 'donor-thanks',
			causeKey: `donor-thanks:test-${crypto.randomUUID()}`,
			to: 'hannah@example.com',
			data: {
				donorName: 'Hannah',
				fundraiserName: 'Nia',
				campaignTitle: 'Nia’s bake sale',
				campaignSlug: 'bake-sale',
				message: 'Thank you!',
			},
		}),
	)
	await db()
		.update(emails)
		.set({ status: 'failed', attempts: 3, lastError: 'SendGrid answered 500' })
		.where(eq(emails.id, emailId!))
	return emailId!
}

async function sendEmailJobsFor(emailId: string) {
	const { rows } = await testDatabase().sql.executeSql(
		`select id from pgboss.job where name = 'send-email' and data->>'emailId' = '${emailId}'`,
	)
	return rows.map((row) => (row as { id: string }).id)
}

describe('offline gifts', () => {
	test('a confirmation whose audit row cannot be written leaves the gift pending and uncounted', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const staff = await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const gift = await pendingGift(campaign, owner)
		// The database refuses the audit row, as a full disk or a dropped connection would at that moment.
		await testDatabase().sql.executeSql(`create function refuse_audit() returns trigger language plpgsql as $$
			begin raise exception 'audit log unavailable'; end $$`)
		await testDatabase().sql.executeSql(
			'create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()',
		)
		try {
			await expect(confirmOfflineGift(gift.id, staff)).rejects.toThrow(/insert into "audit_log"/)
		} finally {
			await testDatabase().sql.executeSql('drop trigger refuse_audit on audit_log')
			await testDatabase().sql.executeSql('drop function refuse_audit()')
		}
		expect(await donationStatus(gift.id)).toBe('pending_confirmation')
		expect(await raisedOf('bake-sale')).toBe(0)
		expect(await db().select().from(moneyMovements)).toEqual([])
		// Once the log works again the same gift can be confirmed, with its audit row.
		expect(await confirmOfflineGift(gift.id, staff)).toEqual({ ok: true })
		expect(await raisedOf('bake-sale')).toBe(1234)
		expect(await db().select().from(auditLog)).toHaveLength(1)
	})

	test('confirming a pending offline gift counts it once in the campaign total and writes an audit row', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const staff = await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const gift = await pendingGift(campaign, owner)
		expect(await listPendingOfflineGifts()).toEqual([
			expect.objectContaining({
				id: gift.id,
				campaignTitle: 'Nia’s bake sale',
				campaignSlug: 'bake-sale',
				fundraiserName: 'Nia Okafor',
				fundraiserEmail: 'nia@example.com',
				donorName: 'Cake stall',
				amountMinor: 1234,
				currency: 'GBP',
				note: 'Cash tin, counted twice',
			}),
		])
		expect(await raisedOf('bake-sale')).toBe(0)

		expect(await confirmOfflineGift(gift.id, staff)).toEqual({ ok: true })
		expect(await raisedOf('bake-sale')).toBe(1234)
		expect(await listPendingOfflineGifts()).toEqual([])
		const audit = await db().select().from(auditLog)
		expect(audit).toEqual([
			expect.objectContaining({
				actorId: staff.id,
				action: 'donation.confirm_offline',
				subjectType: 'donation',
				subjectId: gift.id,
			}),
		])
		expect(await listRecentOfflineDecisions(10)).toEqual([
			expect.objectContaining({
				donationId: gift.id,
				decision: 'confirmed',
				actorEmail: 'staff@example.org',
				amountMinor: 1234,
			}),
		])
	})

	test('confirming twice counts once and records one audit row', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const staff = await createPerson(db(), { role: 'staff' })
		const gift = await pendingGift(campaign, owner)
		const [first, second] = await Promise.all([confirmOfflineGift(gift.id, staff), confirmOfflineGift(gift.id, staff)])
		expect([first, second]).toContainEqual({ ok: true })
		expect([first, second]).toContainEqual({ ok: false, problem: 'already-confirmed' })
		expect(await confirmOfflineGift(gift.id, staff)).toEqual({ ok: false, problem: 'already-confirmed' })
		expect(await raisedOf('bake-sale')).toBe(1234)
		expect(await db().select().from(moneyMovements).where(eq(moneyMovements.donationId, gift.id))).toHaveLength(1)
		expect(await db().select().from(auditLog)).toHaveLength(1)
	})

	test('rejecting requires a reason, never changes totals, and a rejected gift cannot then be confirmed', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const staff = await createPerson(db(), { role: 'staff' })
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 5000 })
		const gift = await pendingGift(campaign, owner)
		expect(await raisedOf('bake-sale')).toBe(5000)

		await expect(rejectOfflineGift(gift.id, staff, '   ')).rejects.toThrow(/reason/)
		expect(await donationStatus(gift.id)).toBe('pending_confirmation')

		expect(await rejectOfflineGift(gift.id, staff, 'No cheque ever arrived')).toEqual({ ok: true })
		expect(await donationStatus(gift.id)).toBe('rejected')
		expect(await raisedOf('bake-sale')).toBe(5000)
		expect(await confirmOfflineGift(gift.id, staff)).toEqual({ ok: false, problem: 'already-rejected' })
		expect(await rejectOfflineGift(gift.id, staff, 'Again')).toEqual({ ok: false, problem: 'already-rejected' })
		expect(await donationStatus(gift.id)).toBe('rejected')
		expect(await raisedOf('bake-sale')).toBe(5000)
		expect(await db().select().from(moneyMovements).where(eq(moneyMovements.donationId, gift.id))).toEqual([])
		expect(await db().select().from(auditLog)).toEqual([
			expect.objectContaining({
				action: 'donation.reject_offline',
				subjectId: gift.id,
				reason: 'No cheque ever arrived',
				actorId: staff.id,
			}),
		])
		expect(await listRecentOfflineDecisions(10)).toEqual([
			expect.objectContaining({ decision: 'rejected', reason: 'No cheque ever arrived' }),
		])
	})

	test('an online donation or an unknown id is never confirmed or rejected as an offline gift', async () => {
		const { campaign } = await fundraiserWithCampaign()
		const staff = await createPerson(db(), { role: 'staff' })
		const online = await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 5000 })
		expect(await confirmOfflineGift(online.id, staff)).toEqual({ ok: false, problem: 'not-found' })
		expect(await rejectOfflineGift(online.id, staff, 'Not real')).toEqual({ ok: false, problem: 'not-found' })
		expect(await confirmOfflineGift('not-a-uuid', staff)).toEqual({ ok: false, problem: 'not-found' })
		expect(await donationStatus(online.id)).toBe('succeeded')
		expect(await raisedOf('bake-sale')).toBe(5000)
	})
})

describe('Stripe events needing attention', () => {
	test('held and deferred events are listed with their notes, the donation they concern and the amount in their payload', async () => {
		const { campaign } = await fundraiserWithCampaign()
		const [donation] = await db()
			.insert(donations)
			.values({
				campaignId: campaign.id,
				donorName: 'Priya',
				amountMinor: 2500,
				currency: 'GBP',
				status: 'pending',
				stripeCheckoutSessionId: 'cs_test_1',
			})
			.returning()
		// The session says £99 where the donation asked for £25: held, not counted.
		await processStripeEvent({
			id: 'evt_held',
			type: 'checkout.session.completed',
			data: {
				object: {
					id: 'cs_test_1',
					payment_intent: 'pi_1',
					amount_total: 9900,
					currency: 'gbp',
					payment_status: 'paid',
					metadata: { donation_id: donation!.id },
				},
			},
		})
		// A refund of a payment we have never seen: deferred until it arrives.
		await processStripeEvent({
			id: 'evt_deferred',
			type: 'charge.refunded',
			data: {
				object: { id: 'ch_2', payment_intent: 'pi_unknown', amount: 4000, amount_refunded: 1500, currency: 'gbp' },
			},
		})
		await processStripeEvent({ id: 'evt_ignored', type: 'customer.created', data: { object: { id: 'cus_1' } } })

		const all = await listStripeEventsNeedingAttention()
		expect(all.map((e) => e.id).sort()).toEqual(['evt_deferred', 'evt_held'])
		expect(all.find((e) => e.id === 'evt_held')).toMatchObject({
			outcome: 'held_for_review',
			type: 'checkout.session.completed',
			note: 'amount 9900 does not match the expected 2500',
			paymentIntentId: 'pi_1',
			donationId: donation!.id,
			donorName: 'Priya',
			donationAmountMinor: 2500,
			campaignTitle: 'Nia’s bake sale',
			amounts: [{ label: 'total', amountMinor: 9900, currency: 'GBP' }],
		})
		expect(all.find((e) => e.id === 'evt_deferred')).toMatchObject({
			outcome: 'deferred',
			note: 'refund of a payment not recorded yet',
			paymentIntentId: 'pi_unknown',
			donationId: null,
			amounts: [
				{ label: 'amount', amountMinor: 4000, currency: 'GBP' },
				{ label: 'refunded', amountMinor: 1500, currency: 'GBP' },
			],
		})
		expect((await listStripeEventsNeedingAttention({ outcome: 'deferred' })).map((e) => e.id)).toEqual(['evt_deferred'])
		expect(await raisedOf('bake-sale')).toBe(0)
	})
})

describe('emails for staff', () => {
	test('a failed email can be retried once and is then delivered; a sent email cannot be retried', async () => {
		const staff = await createPerson(db(), { role: 'staff' })
		const emailId = await failedEmail()
		const jobsBefore = await sendEmailJobsFor(emailId)
		expect(jobsBefore).toEqual([emailId])

		expect(await retryFailedEmail(emailId, staff)).toEqual({ ok: true })
		expect(await retryFailedEmail(emailId, staff)).toEqual({ ok: false, problem: 'not-failed' })
		const [queued] = await db().select().from(emails).where(eq(emails.id, emailId))
		expect(queued).toMatchObject({ status: 'queued', attempts: 3 })
		// One new job with a fresh id beside the original one.
		const jobsAfter = await sendEmailJobsFor(emailId)
		expect(jobsAfter).toHaveLength(2)
		expect(jobsAfter.filter((id) => id !== emailId)).toHaveLength(1)

		expect((await deliverQueuedEmail(emailId, { isLastAttempt: false })).outcome).toBe('sent')
		// The second job (or a double click) finds it sent and sends nothing.
		expect((await deliverQueuedEmail(emailId, { isLastAttempt: false })).outcome).toBe('already-handled')
		expect(await db().select().from(devMailbox).where(eq(devMailbox.emailId, emailId))).toHaveLength(1)
		const [sent] = await db().select().from(emails).where(eq(emails.id, emailId))
		expect(sent).toMatchObject({ status: 'sent', attempts: 4, lastError: null })

		expect(await retryFailedEmail(emailId, staff)).toEqual({ ok: false, problem: 'not-failed' })
		expect(await retryFailedEmail(crypto.randomUUID(), staff)).toEqual({ ok: false, problem: 'not-found' })
		expect(await db().select().from(auditLog)).toEqual([
			expect.objectContaining({ action: 'email.retry', subjectType: 'email', subjectId: emailId, actorId: staff.id }),
		])
	})

	test('a bounced email cannot be retried', async () => {
		const staff = await createPerson(db(), { role: 'staff' })
		const emailId = await failedEmail()
		await db().update(emails).set({ status: 'bounced' }).where(eq(emails.id, emailId))
		expect(await retryFailedEmail(emailId, staff)).toEqual({ ok: false, problem: 'not-failed' })
		expect(await sendEmailJobsFor(emailId)).toEqual([emailId])
	})

	test('the list filters by status, template and address, counts by status and shows the newest provider events', async () => {
		const emailId = await failedEmail()
		const other = await db().transaction((tx) =>
			queueEmail(tx, {
				template: 'donor-thanks',
				causeKey: 'donor-thanks:other',
				to: 'omar@example.com',
				data: {
					donorName: 'Omar',
					fundraiserName: 'Nia',
					campaignTitle: 'Bake sale',
					campaignSlug: 'bake-sale',
					message: 'Thanks',
				},
			}),
		)
		await db()
			.insert(emailEvents)
			.values([
				{
					emailId: other,
					event: 'delivered',
					dedupeKey: 'a',
					occurredAt: new Date('2030-01-01T10:00:00Z'),
					payload: {},
				},
				{ emailId: other, event: 'open', dedupeKey: 'b', occurredAt: new Date('2030-01-01T11:00:00Z'), payload: {} },
			])
		const all = await listEmailsForStaff({ limit: 50, offset: 0 })
		expect(all.total).toBe(2)
		expect(all.counts).toMatchObject({ failed: 1, queued: 1, sent: 0 })
		expect(all.templates).toEqual(['donor-thanks'])
		expect(all.emails.find((e) => e.id === other)!.events.map((e) => e.event)).toEqual(['open', 'delivered'])
		expect(all.emails[0]).not.toHaveProperty('data')

		const failed = await listEmailsForStaff({ status: 'failed', limit: 50, offset: 0 })
		expect(failed.emails.map((e) => e.id)).toEqual([emailId])
		const byAddress = await listEmailsForStaff({ to: 'OMAR@', limit: 50, offset: 0 })
		expect(byAddress.emails.map((e) => e.id)).toEqual([other])
		expect(byAddress.counts).toMatchObject({ failed: 0, queued: 1 })
		expect((await listEmailsForStaff({ to: '%', limit: 50, offset: 0 })).total).toBe(0)
		expect((await listEmailsForStaff({ template: 'sign-in-code', limit: 50, offset: 0 })).total).toBe(0)

		// A sign-in code in a subject would let staff sign in as anyone.
		await db().insert(emails).values({
			template: 'sign-in-code',
			causeKey: 'sign-in:x',
			toEmail: 'x@example.com',
			data: {},
			status: 'sent',
			subject: 'Your sign-in code: 123456',
		})
		const signIns = await listEmailsForStaff({ template: 'sign-in-code', limit: 50, offset: 0 })
		expect(signIns.emails).toEqual([expect.objectContaining({ template: 'sign-in-code', subject: null })])
	})
})

describe('staff finance pages over HTTP', () => {
	let app: Awaited<ReturnType<typeof startHttpApp>>
	beforeAll(async () => {
		app = await startHttpApp()
	})
	afterAll(async () => {
		await app?.close()
	})

	const get = (path: string, cookie?: string) => app.get(path, cookie)

	const signIn = (email: string) => app.signIn(email)

	const pages = ['/staff/gifts', '/staff/payments', '/staff/emails', '/staff/audit']

	test('a supporter gets 403 on every finance page and on their forms, and nothing changes', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const gift = await pendingGift(campaign, owner)
		const emailId = await failedEmail()
		const cookie = await signIn('nia@example.com')
		for (const path of pages) {
			const response = await get(path, cookie)
			expect(response.status, path).toBe(403)
			expect(await response.text()).toContain('This page is for charity staff only.')
		}
		const posts: [string, Record<string, string>][] = [
			['/staff/gifts', { intent: 'confirm', donationId: gift.id }],
			['/staff/gifts', { intent: 'reject', donationId: gift.id, reason: 'I am not staff' }],
			['/staff/emails', { intent: 'retry', emailId }],
		]
		for (const [path, fields] of posts) {
			expect((await app.postForm(path, fields, { cookie })).status, `${path} ${fields.intent}`).toBe(403)
		}
		expect(await donationStatus(gift.id)).toBe('pending_confirmation')
		expect(await raisedOf('bake-sale')).toBe(0)
		expect((await db().select().from(emails).where(eq(emails.id, emailId)))[0]!.status).toBe('failed')
		expect(await db().select().from(auditLog)).toEqual([])
		// Signed out, the pages ask to sign in first.
		expect((await get('/staff/gifts')).headers.get('location')).toBe('/login?redirectTo=%2Fstaff%2Fgifts')
	})

	test('staff confirm a gift with a form post and the campaign page total moves', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const gift = await pendingGift(campaign, owner, '12.34')
		await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const cookie = await signIn('staff@example.org')

		const before = await (await get('/f/bake-sale')).text()
		expect(before).not.toContain('£12.34')
		const page = await get('/staff/gifts', cookie)
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain('Cake stall')
		expect(html).toContain('Cash tin, counted twice')
		expect(html).toContain('nia@example.com')

		const confirmed = await app.postForm('/staff/gifts', { intent: 'confirm', donationId: gift.id }, { cookie })
		expect(confirmed.status).toBe(302)
		expect(confirmed.headers.get('location')).toBe('/staff/gifts?done=confirmed')
		expect(await (await get('/staff/gifts?done=confirmed', cookie)).text()).toContain('Gift confirmed.')
		expect(await (await get('/f/bake-sale')).text()).toContain('£12.34')

		const again = await app.postForm('/staff/gifts', { intent: 'confirm', donationId: gift.id }, { cookie })
		expect(again.headers.get('location')).toBe('/staff/gifts?done=already-confirmed')
		expect(await raisedOf('bake-sale')).toBe(1234)
		const audit = await (await get('/staff/audit', cookie)).text()
		expect(audit).toContain('donation.confirm_offline')
		expect(audit).toContain('staff@example.org')
	})

	test('rejecting without a reason answers 400 with the message beside the field', async () => {
		const { owner, campaign } = await fundraiserWithCampaign()
		const gift = await pendingGift(campaign, owner)
		await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const cookie = await signIn('staff@example.org')

		const refused = await app.postForm(
			'/staff/gifts',
			{ intent: 'reject', donationId: gift.id, reason: '' },
			{ cookie },
		)
		expect(refused.status).toBe(400)
		const html = await refused.text()
		expect(html).toMatch(
			new RegExp(
				`id="reject-${gift.id}-reason-error"[^>]*><p class="field-error">Please say why this gift cannot be confirmed`,
			),
		)
		expect(html).toMatch(/aria-invalid="true"/)
		expect(await donationStatus(gift.id)).toBe('pending_confirmation')

		expect((await app.postForm('/staff/gifts', { intent: 'nonsense' }, { cookie })).status).toBe(400)
		expect(
			(await app.postForm('/staff/gifts', { intent: 'confirm', donationId: 'not-a-uuid' }, { cookie })).status,
		).toBe(400)

		const rejected = await app.postForm(
			'/staff/gifts',
			{ intent: 'reject', donationId: gift.id, reason: 'No cheque arrived' },
			{ cookie },
		)
		expect(rejected.headers.get('location')).toBe('/staff/gifts?done=rejected')
		expect(await donationStatus(gift.id)).toBe('rejected')
		expect(await (await get('/staff/gifts', cookie)).text()).toContain('No cheque arrived')
	})

	test('staff see payments needing attention, filter emails and retry a failed one', async () => {
		await processStripeEvent({
			id: 'evt_deferred_http',
			type: 'charge.dispute.created',
			data: {
				object: { id: 'dp_1', payment_intent: 'pi_missing', amount: 2000, currency: 'gbp', status: 'needs_response' },
			},
		})
		const emailId = await failedEmail()
		await createPerson(db(), { role: 'staff', email: 'staff@example.org' })
		const cookie = await signIn('staff@example.org')

		const payments = await (await get('/staff/payments', cookie)).text()
		expect(payments).toContain('evt_deferred_http')
		expect(payments).toContain('dispute of a payment not recorded yet')
		expect(payments).toContain('npm run money:reconcile')
		expect(payments).toContain('£20.00')

		const list = await get('/staff/emails?status=failed&to=hannah&page=abc', cookie)
		expect(list.status).toBe(200)
		const listHtml = await list.text()
		expect(listHtml).toContain('hannah@example.com')
		expect(listHtml).toContain('SendGrid answered 500')
		expect(listHtml).not.toContain('staff@example.org')
		// Nonsense filters are dropped, never a server error.
		expect((await get('/staff/emails?status=exploded&page=-4', cookie)).status).toBe(200)

		const retried = await app.postForm('/staff/emails?status=failed', { intent: 'retry', emailId }, { cookie })
		expect(retried.status).toBe(302)
		expect(retried.headers.get('location')).toBe('/staff/emails?status=failed&done=retried')
		expect((await db().select().from(emails).where(eq(emails.id, emailId)))[0]!.status).toBe('queued')
		expect((await app.postForm('/staff/emails', { intent: 'retry', emailId: 'x' }, { cookie })).status).toBe(400)
	})
})
