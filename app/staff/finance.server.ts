import { and, asc, count, desc, eq, gt, ilike, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { confirmOfflineDonation } from '#app/campaigns/manage.server.ts'
import { enqueueEmailJob } from '#app/email/outbox.server.ts'
import { listAudit, recordAudit } from '#app/staff/audit.server.ts'
import { db } from '#db/index.server.ts'
import {
	auditLog,
	campaigns,
	disputes,
	donationLimitAlerts,
	donations,
	emailEvents,
	emails,
	emailStatus,
	moneyMovements,
	people,
	stripeEvents,
	type Person,
} from '#db/schema.ts'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const fullName = (first: string | null, last: string | null) => `${first ?? ''} ${last ?? ''}`.trim()

// ---------------------------------------------------------------------------
// Offline gifts
// ---------------------------------------------------------------------------

/** Cash and cheque gifts fundraisers recorded that wait for staff, oldest first (first in, first checked). */
export async function listPendingOfflineGifts() {
	const rows = await db()
		.select({
			id: donations.id,
			donorName: donations.donorName,
			amountMinor: donations.amountMinor,
			currency: donations.currency,
			note: donations.offlineNote,
			recordedAt: donations.createdAt,
			campaignId: campaigns.id,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
			fundraiserFirstName: people.firstName,
			fundraiserLastName: people.lastName,
			fundraiserEmail: people.email,
		})
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		// The fundraiser is whoever recorded the gift; gifts recorded before that was kept fall back to the owner.
		.innerJoin(people, eq(people.id, sql`coalesce(${donations.recordedById}, ${campaigns.ownerId})`))
		.where(and(eq(donations.channel, 'offline'), eq(donations.status, 'pending_confirmation')))
		.orderBy(donations.createdAt)
		.limit(500)
	return rows.map(({ fundraiserFirstName, fundraiserLastName, ...row }) => ({
		...row,
		amountMinor: Number(row.amountMinor),
		fundraiserName: fullName(fundraiserFirstName, fundraiserLastName),
	}))
}

/**
 * The latest confirmations and rejections, read from the audit log: it alone
 * holds who decided, when, and why (a rejection's reason has no other home).
 */
export async function listRecentOfflineDecisions(limit = 20) {
	const actor = alias(people, 'actor')
	const rows = await db()
		.select({
			auditId: auditLog.id,
			action: auditLog.action,
			reason: auditLog.reason,
			decidedAt: auditLog.createdAt,
			actorEmail: actor.email,
			donationId: donations.id,
			donorName: donations.donorName,
			amountMinor: donations.amountMinor,
			currency: donations.currency,
			status: donations.status,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(auditLog)
		.innerJoin(donations, sql`${donations.id}::text = ${auditLog.subjectId}`)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.leftJoin(actor, eq(actor.id, auditLog.actorId))
		.where(
			and(
				eq(auditLog.subjectType, 'donation'),
				inArray(auditLog.action, ['donation.confirm_offline', 'donation.reject_offline']),
			),
		)
		.orderBy(desc(auditLog.createdAt))
		.limit(limit)
	return rows.map((row) => ({
		...row,
		amountMinor: Number(row.amountMinor),
		decision: row.action === 'donation.confirm_offline' ? ('confirmed' as const) : ('rejected' as const),
	}))
}

export type OfflineDecisionResult =
	{ ok: true } | { ok: false; problem: 'not-found' | 'already-confirmed' | 'already-rejected' | 'not-pending' }

/** Why a gift could not be decided: it is missing, or someone decided it already. */
async function whyNotPending(donationId: string): Promise<OfflineDecisionResult> {
	const [row] = UUID_PATTERN.test(donationId)
		? await db()
				.select({ status: donations.status, channel: donations.channel })
				.from(donations)
				.where(eq(donations.id, donationId))
		: []
	if (!row || row.channel !== 'offline') return { ok: false, problem: 'not-found' }
	if (row.status === 'succeeded') return { ok: false, problem: 'already-confirmed' }
	if (row.status === 'rejected') return { ok: false, problem: 'already-rejected' }
	return { ok: false, problem: 'not-pending' }
}

/**
 * Staff confirm a cash or cheque gift: it counts in the campaign total once.
 *
 * confirmOfflineDonation owns its transaction (and is shared with the
 * fundraiser side), so rather than change it the audit row is written right
 * after it commits, only by the call that actually confirmed the gift. Should
 * the process die in between, the donation itself still records who
 * confirmed it and when (confirmedById, confirmedAt), so nothing is lost
 * but the duplicate line in the log.
 */
export async function confirmOfflineGift(donationId: string, staff: Person): Promise<OfflineDecisionResult> {
	if (!UUID_PATTERN.test(donationId)) return { ok: false, problem: 'not-found' }
	const result = await confirmOfflineDonation(donationId, staff)
	if (!result.confirmed) return whyNotPending(donationId)
	await recordAudit(db(), {
		actorId: staff.id,
		action: 'donation.confirm_offline',
		subjectType: 'donation',
		subjectId: donationId,
		data: {
			amountMinor: result.donation.amountMinor,
			currency: result.donation.currency,
			campaignId: result.donation.campaignId,
		},
	})
	return { ok: true }
}

/**
 * Staff could not confirm a gift (no cheque arrived, a duplicate…). Only a
 * pending gift can be rejected, and a rejection never touches money: a
 * pending gift was never counted. The reason is kept on the donation and in
 * the audit log, in one transaction.
 */
export async function rejectOfflineGift(
	donationId: string,
	staff: Person,
	reason: string,
): Promise<OfflineDecisionResult> {
	const why = reason.trim()
	if (!why) throw new Error('A rejection needs a reason')
	if (!UUID_PATTERN.test(donationId)) return { ok: false, problem: 'not-found' }
	const rejected = await db().transaction(async (tx) => {
		const [donation] = await tx
			.update(donations)
			.set({ status: 'rejected', failureReason: why })
			.where(
				and(
					eq(donations.id, donationId),
					eq(donations.channel, 'offline'),
					eq(donations.status, 'pending_confirmation'),
				),
			)
			.returning()
		if (!donation) return false
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'donation.reject_offline',
			subjectType: 'donation',
			subjectId: donationId,
			reason: why,
			data: { amountMinor: donation.amountMinor, currency: donation.currency, campaignId: donation.campaignId },
		})
		return true
	})
	return rejected ? { ok: true } : whyNotPending(donationId)
}

// ---------------------------------------------------------------------------
// Stripe events
// ---------------------------------------------------------------------------

export type AttentionOutcome = 'held_for_review' | 'deferred'

export type PayloadAmount = { label: 'total' | 'amount' | 'refunded'; amountMinor: number; currency: string }

/**
 * The money a Stripe event speaks of, read from its payload: a Checkout
 * Session's total, a charge's or dispute's amount, a refund's cumulative
 * amount. Anything malformed is left out rather than guessed.
 */
export function summarisePayloadAmounts(payload: unknown): PayloadAmount[] {
	const object = (payload as { data?: { object?: Record<string, unknown> } } | null)?.data?.object
	if (!object || typeof object !== 'object') return []
	const currency =
		typeof object.currency === 'string' && /^[a-z]{3}$/i.test(object.currency) ? object.currency.toUpperCase() : null
	if (!currency) return []
	const amounts: PayloadAmount[] = []
	for (const [key, label] of [
		['amount_total', 'total'],
		['amount', 'amount'],
		['amount_refunded', 'refunded'],
	] as const) {
		const value = object[key]
		if (typeof value === 'number' && Number.isSafeInteger(value)) amounts.push({ label, amountMinor: value, currency })
	}
	return amounts
}

/** Stripe events staff need to look at (held for review, deferred), newest first, with what they concern. */
export async function listStripeEventsNeedingAttention(options: { outcome?: AttentionOutcome } = {}) {
	const outcomes: AttentionOutcome[] = options.outcome ? [options.outcome] : ['held_for_review', 'deferred']
	const rows = await db()
		.select({
			id: stripeEvents.id,
			type: stripeEvents.type,
			outcome: stripeEvents.outcome,
			note: stripeEvents.note,
			paymentIntentId: stripeEvents.paymentIntentId,
			donationId: stripeEvents.donationId,
			receivedAt: stripeEvents.receivedAt,
			payload: stripeEvents.payload,
			donorName: donations.donorName,
			donationAmountMinor: donations.amountMinor,
			donationCurrency: donations.currency,
			donationStatus: donations.status,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(stripeEvents)
		.leftJoin(donations, eq(donations.id, stripeEvents.donationId))
		.leftJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(inArray(stripeEvents.outcome, outcomes))
		.orderBy(desc(stripeEvents.receivedAt))
		.limit(500)
	// The payload is summarised here and not sent on: it holds donors' details staff do not need on this page.
	return rows.map(({ payload, donationAmountMinor, ...row }) => ({
		...row,
		outcome: row.outcome as AttentionOutcome,
		donationAmountMinor: donationAmountMinor === null ? null : Number(donationAmountMinor),
		amounts: summarisePayloadAmounts(payload),
	}))
}

/**
 * Every dispute and inquiry, most recently changed first, with the donation
 * and campaign it concerns and what it moved in the money record (withdrawn
 * as a negative amount, reinstated as a positive one).
 */
export async function listDisputesForStaff(limit = 200) {
	const movedMinor = (kind: 'dispute_withdrawn' | 'dispute_reinstated') =>
		sql<number>`coalesce((select sum(${moneyMovements.amountMinor}) from ${moneyMovements} where ${moneyMovements.kind} = ${kind} and ${moneyMovements.sourceId} = ${disputes.id}), 0)::bigint`.mapWith(
			Number,
		)
	const rows = await db()
		.select({
			id: disputes.id,
			status: disputes.status,
			reason: disputes.reason,
			amountMinor: disputes.amountMinor,
			currency: disputes.currency,
			openedAt: disputes.createdAt,
			updatedAt: disputes.updatedAt,
			withdrawnMinor: movedMinor('dispute_withdrawn'),
			reinstatedMinor: movedMinor('dispute_reinstated'),
			donationId: donations.id,
			donorName: donations.donorName,
			donationStatus: donations.status,
			paymentIntentId: donations.stripePaymentIntentId,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(disputes)
		.innerJoin(donations, eq(donations.id, disputes.donationId))
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.orderBy(desc(disputes.updatedAt), asc(disputes.id))
		.limit(limit)
	return rows.map((row) => ({ ...row, amountMinor: Number(row.amountMinor) }))
}

/** Donation limits that tripped in the last `days` days (checks asked for and passed), most recent first. */
export async function listDonationLimitAlerts(days = 7) {
	const since = new Date(Date.now() - days * 86_400_000)
	return db()
		.select({
			id: donationLimitAlerts.id,
			signal: donationLimitAlerts.signal,
			subject: donationLimitAlerts.subject,
			observed: donationLimitAlerts.observed,
			threshold: donationLimitAlerts.threshold,
			challengesIssued: donationLimitAlerts.challengesIssued,
			challengesPassed: donationLimitAlerts.challengesPassed,
			firstSeenAt: donationLimitAlerts.firstSeenAt,
			lastSeenAt: donationLimitAlerts.lastSeenAt,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
		})
		.from(donationLimitAlerts)
		.leftJoin(campaigns, eq(campaigns.id, donationLimitAlerts.campaignId))
		.where(gt(donationLimitAlerts.lastSeenAt, since))
		.orderBy(desc(donationLimitAlerts.lastSeenAt))
		.limit(200)
}

// ---------------------------------------------------------------------------
// Emails
// ---------------------------------------------------------------------------

export type EmailStatus = (typeof emailStatus.enumValues)[number]
export const emailStatuses = emailStatus.enumValues

const EVENTS_PER_EMAIL = 3

/**
 * Templates whose subject line carries a secret ("Your sign-in code: 123456").
 * Staff must not be able to read someone's code and sign in as them, so the
 * subject is withheld from the list.
 */
const SECRET_SUBJECT_TEMPLATES = new Set(['sign-in-code'])

/**
 * Emails for the staff page, newest first, with their latest provider events
 * and counts by status. The template's data is never read: a queued sign-in
 * email still holds its code and link (and its subject is withheld, below).
 */
export async function listEmailsForStaff(options: {
	status?: EmailStatus
	template?: string
	to?: string
	limit: number
	offset: number
}) {
	const to = options.to?.trim()
	// Counts by status follow the template and address filters, so each count says what choosing that status would list.
	const narrowing = and(
		options.template ? eq(emails.template, options.template) : undefined,
		to ? ilike(emails.toEmail, `%${to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
	)
	const where = and(narrowing, options.status ? eq(emails.status, options.status) : undefined)
	const [rows, countRows, templateRows] = await Promise.all([
		db()
			.select({
				id: emails.id,
				toEmail: emails.toEmail,
				template: emails.template,
				category: emails.category,
				status: emails.status,
				subject: emails.subject,
				attempts: emails.attempts,
				lastError: emails.lastError,
				createdAt: emails.createdAt,
				sentAt: emails.sentAt,
				sendAfter: emails.sendAfter,
			})
			.from(emails)
			.where(where)
			.orderBy(desc(emails.createdAt), desc(emails.id))
			.limit(options.limit)
			.offset(options.offset),
		db().select({ status: emails.status, count: count() }).from(emails).where(narrowing).groupBy(emails.status),
		db().selectDistinct({ template: emails.template }).from(emails).orderBy(emails.template),
	])
	const ids = rows.map((row) => row.id)
	const events = ids.length
		? await db()
				.select({ emailId: emailEvents.emailId, event: emailEvents.event, occurredAt: emailEvents.occurredAt })
				.from(emailEvents)
				.where(inArray(emailEvents.emailId, ids))
				.orderBy(desc(emailEvents.occurredAt))
		: []
	const eventsOf = new Map<string, { event: string; occurredAt: Date }[]>()
	for (const event of events) {
		const list = eventsOf.get(event.emailId!) ?? []
		if (list.length < EVENTS_PER_EMAIL) list.push({ event: event.event, occurredAt: event.occurredAt })
		eventsOf.set(event.emailId!, list)
	}
	const counts = Object.fromEntries(emailStatuses.map((status) => [status, 0])) as Record<EmailStatus, number>
	for (const row of countRows) counts[row.status] = Number(row.count)
	const total = options.status ? counts[options.status] : Object.values(counts).reduce((sum, n) => sum + n, 0)
	return {
		emails: rows.map((row) => ({
			...row,
			subject: SECRET_SUBJECT_TEMPLATES.has(row.template) ? null : row.subject,
			events: eventsOf.get(row.id) ?? [],
		})),
		counts,
		total,
		templates: templateRows.map((row) => row.template),
	}
}

export type RetryResult = { ok: true } | { ok: false; problem: 'not-found' | 'not-failed' }

/**
 * Sends a failed email again. Only 'failed' qualifies: a bounced address is
 * suppressed, and anything else has been sent or is on its way. The email
 * goes back to 'queued' (its attempts kept, for the record) with a new job in
 * the same transaction. The new job needs a fresh id, because the first
 * job's id (the email's id) is still taken in pg-boss. The worker sends only
 * queued emails, so a double click or a stale job never sends it twice.
 */
export async function retryFailedEmail(emailId: string, staff: Person): Promise<RetryResult> {
	if (!UUID_PATTERN.test(emailId)) return { ok: false, problem: 'not-found' }
	return db().transaction(async (tx) => {
		const [email] = await tx
			.update(emails)
			.set({ status: 'queued' })
			.where(and(eq(emails.id, emailId), eq(emails.status, 'failed')))
			.returning({
				id: emails.id,
				attempts: emails.attempts,
				lastError: emails.lastError,
				template: emails.template,
				category: emails.category,
			})
		if (!email) {
			const [exists] = await tx.select({ id: emails.id }).from(emails).where(eq(emails.id, emailId))
			return { ok: false as const, problem: exists ? ('not-failed' as const) : ('not-found' as const) }
		}
		await enqueueEmailJob(tx, email, crypto.randomUUID())
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'email.retry',
			subjectType: 'email',
			subjectId: emailId,
			data: { attempts: email.attempts, lastError: email.lastError },
		})
		return { ok: true as const }
	})
}

// ---------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------

/** The audit log with campaign subjects' short links, found in one extra query. */
export async function listAuditForStaff(limit = 200) {
	const entries = await listAudit({ limit })
	const campaignIds = [
		...new Set(
			entries.filter((e) => e.subjectType === 'campaign' && UUID_PATTERN.test(e.subjectId)).map((e) => e.subjectId),
		),
	]
	const slugs = campaignIds.length
		? await db()
				.select({ id: campaigns.id, slug: campaigns.slug })
				.from(campaigns)
				.where(inArray(campaigns.id, campaignIds))
		: []
	const slugOf = new Map(slugs.map((row) => [row.id, row.slug]))
	return entries.map((entry) => ({
		...entry,
		campaignSlug: entry.subjectType === 'campaign' ? (slugOf.get(entry.subjectId) ?? null) : null,
	}))
}
