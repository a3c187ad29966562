import { likePattern } from '#app/utils/like-pattern.ts'
import { isUuid } from '#app/utils/ids.ts'
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { createOnce, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { consumeClientIpRateLimit } from '#app/utils/rate-limit-ip.server.ts'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, campaignReports, campaigns, campaignStatus, people, type Person } from '#db/schema.ts'
import { recordAudit } from './audit.server.ts'

import type { CampaignStatus } from '#db/schema.ts'
export type { CampaignStatus }
export const campaignStatuses = campaignStatus.enumValues

/** Why a member of the public may report a fundraiser: stored key → what people and staff read. */
export const reportReasons = {
	scam: 'Scam or fraud',
	inappropriate: 'Inappropriate content',
	permission: 'Uses someone’s story or photos without permission',
	other: 'Other',
} as const
export type ReportReason = keyof typeof reportReasons

export function reportReasonLabel(reason: string): string {
	return Object.hasOwn(reportReasons, reason) ? reportReasons[reason as ReportReason] : reason
}

/** Reports allowed per IP per hour: enough for a real person, too few to flood staff. */
export const REPORTS_PER_IP_PER_HOUR = 5

export type ModerationResult = { ok: true } | { ok: false; error: string }

const openReportCount = sql<number>`(select count(*) from ${campaignReports} where ${campaignReports.campaignId} = ${campaigns.id} and ${campaignReports.status} = 'open')::int`

/**
 * Where a page of the staff list starts: the campaigns older than `before`,
 * or newer than `after` (each a campaign id from the page next to it).
 * Keyset pagination on (created_at, id), so page 2,000 of 100,000 campaigns
 * costs what the first page does.
 */
export type StaffListPosition = { before?: string; after?: string }

/** Campaigns for the staff list, newest first, with their figures and open reports; `total` counts every match for paging. */
export async function listCampaignsForStaff(
	options: {
		status?: CampaignStatus
		search?: string
		unreviewedOnly?: boolean
		limit: number
	} & StaffListPosition,
) {
	const search = options.search?.trim()
	const pattern = search ? likePattern(search) : null
	const where = and(
		options.status ? eq(campaigns.status, options.status) : undefined,
		options.unreviewedOnly ? isNull(campaigns.reviewedAt) : undefined,
		pattern
			? or(
					ilike(campaigns.title, pattern),
					ilike(campaigns.slug, pattern),
					ilike(people.email, pattern),
					sql`(${people.firstName} || ' ' || ${people.lastName}) ilike ${pattern}`,
				)
			: undefined,
	)
	const key = sql`(${campaigns.createdAt}, ${campaigns.id})`
	const keyOf = (id: string) => sql`(select k.created_at, k.id from campaigns k where k.id = ${id})`
	const newestFirst = options.after === undefined
	const [rows, [count]] = await Promise.all([
		db()
			.select({
				id: campaigns.id,
				slug: campaigns.slug,
				title: campaigns.title,
				status: campaigns.status,
				featured: campaigns.featured,
				goalMinor: campaigns.goalMinor,
				raisedMinor: campaigns.raisedMinor,
				donorCount: campaigns.donorCount,
				currency: campaigns.currency,
				hiddenReason: campaigns.hiddenReason,
				createdAt: campaigns.createdAt,
				publishedAt: campaigns.publishedAt,
				reviewedAt: campaigns.reviewedAt,
				ownerName: sql<string>`trim(${people.firstName} || ' ' || ${people.lastName})`,
				ownerEmail: people.email,
				openReports: openReportCount,
			})
			.from(campaigns)
			.innerJoin(people, eq(people.id, campaigns.ownerId))
			.where(
				and(
					where,
					options.before !== undefined ? sql`${key} < ${keyOf(options.before)}` : undefined,
					options.after !== undefined ? sql`${key} > ${keyOf(options.after)}` : undefined,
				),
			)
			// Both keys the same way: the (created_at, id) index read backwards, or forwards for a newer page.
			.orderBy(
				...(newestFirst
					? [desc(campaigns.createdAt), desc(campaigns.id)]
					: [asc(campaigns.createdAt), asc(campaigns.id)]),
			)
			.limit(options.limit),
		db()
			.select({ n: sql<number>`count(*)::int` })
			.from(campaigns)
			.innerJoin(people, eq(people.id, campaigns.ownerId))
			.where(where),
	])
	if (!newestFirst) rows.reverse()
	return {
		campaigns: rows.map((row) => ({
			...row,
			goalMinor: Number(row.goalMinor),
			raisedMinor: Number(row.raisedMinor),
			donorCount: Number(row.donorCount),
			openReports: Number(row.openReports),
		})),
		total: Number(count?.n ?? 0),
	}
}

export type StaffCampaignRow = Awaited<ReturnType<typeof listCampaignsForStaff>>['campaigns'][number]

/** The campaign row, locked until the transaction ends so two staff actions on it cannot interleave. */
async function lockCampaign(tx: Tx, campaignId: string) {
	if (!isUuid(campaignId)) return null
	const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for('update')
	return row ?? null
}

const notFound = { ok: false, error: 'We could not find that fundraiser.' } as const

/** Staff looked at the campaign and found it fine. */
export async function approveCampaign(campaignId: string, staff: Person): Promise<ModerationResult> {
	return db().transaction(async (tx) => {
		const campaign = await lockCampaign(tx, campaignId)
		if (!campaign) return notFound
		const now = new Date()
		await tx.update(campaigns).set({ reviewedAt: now, reviewedById: staff.id }).where(eq(campaigns.id, campaign.id))
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'campaign.approve',
			subjectType: 'campaign',
			subjectId: campaign.id,
			data: { status: campaign.status },
		})
		return { ok: true as const }
	})
}

async function hideInTransaction(tx: Tx, campaignId: string, staff: Person, reason: string): Promise<ModerationResult> {
	const trimmed = reason.trim()
	if (!trimmed) return { ok: false, error: 'Please say why, so the fundraiser knows what to change.' }
	const campaign = await lockCampaign(tx, campaignId)
	if (!campaign) return notFound
	if (campaign.status === 'hidden') return { ok: false, error: 'This fundraiser is already hidden.' }
	// A draft is private already; hiding it would only muddle what unhiding restores.
	if (campaign.status === 'draft') return { ok: false, error: 'Drafts are not public, so there is nothing to hide.' }
	await tx
		.update(campaigns)
		.set({ status: 'hidden', hiddenReason: trimmed, updatedAt: new Date() })
		.where(eq(campaigns.id, campaign.id))
	// The status before hiding lives in the audit row, which is what unhiding reads back.
	await recordAudit(tx, {
		actorId: staff.id,
		action: 'campaign.hide',
		subjectType: 'campaign',
		subjectId: campaign.id,
		reason: trimmed,
		data: { previousStatus: campaign.status },
	})
	return { ok: true }
}

/** Takes a campaign off the public site; the reason is shown to its owner on their page and dashboard. */
export async function hideCampaign(campaignId: string, staff: Person, reason: string): Promise<ModerationResult> {
	return db().transaction((tx) => hideInTransaction(tx, campaignId, staff, reason))
}

/** Puts a hidden campaign back as it was before hiding: live or ended. */
export async function unhideCampaign(campaignId: string, staff: Person): Promise<ModerationResult> {
	return db().transaction(async (tx) => {
		const campaign = await lockCampaign(tx, campaignId)
		if (!campaign) return notFound
		if (campaign.status !== 'hidden') return { ok: false, error: 'This fundraiser is not hidden.' }
		const [hidden] = await tx
			.select({ data: auditLog.data })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.subjectType, 'campaign'),
					eq(auditLog.subjectId, campaign.id),
					eq(auditLog.action, 'campaign.hide'),
				),
			)
			.orderBy(desc(auditLog.createdAt))
			.limit(1)
		const previous = (hidden?.data as { previousStatus?: string } | undefined)?.previousStatus
		// Without a record (hidden by hand in the database), the campaign's own dates decide.
		const restored = previous === 'active' || previous === 'ended' ? previous : campaign.endedAt ? 'ended' : 'active'
		await tx
			.update(campaigns)
			.set({ status: restored, hiddenReason: null, updatedAt: new Date() })
			.where(eq(campaigns.id, campaign.id))
		await recordAudit(tx, {
			actorId: staff.id,
			action: 'campaign.unhide',
			subjectType: 'campaign',
			subjectId: campaign.id,
			data: { restoredStatus: restored, hiddenReason: campaign.hiddenReason },
		})
		return { ok: true as const }
	})
}

/** Shows (or stops showing) a campaign on the landing page. Only live campaigns can be featured. */
export async function setFeatured(campaignId: string, staff: Person, featured: boolean): Promise<ModerationResult> {
	return db().transaction(async (tx) => {
		const campaign = await lockCampaign(tx, campaignId)
		if (!campaign) return notFound
		if (featured && campaign.status !== 'active')
			return { ok: false as const, error: 'Only live fundraisers can be featured.' }
		await tx.update(campaigns).set({ featured }).where(eq(campaigns.id, campaign.id))
		await recordAudit(tx, {
			actorId: staff.id,
			action: featured ? 'campaign.feature' : 'campaign.unfeature',
			subjectType: 'campaign',
			subjectId: campaign.id,
		})
		return { ok: true as const }
	})
}

export type SubmitReportResult =
	| { ok: true; reportId: string }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'rate-limited'; message: string; retryAfterSeconds: number }
	| { ok: false; reason: 'stale'; message: string }

/**
 * "Report this fundraiser" from the public page: stores the report and
 * queues the staff notification in one transaction. Only public campaigns
 * can be reported, and each IP only a few times an hour.
 */
export async function submitCampaignReport(input: {
	slug: string
	reason: ReportReason
	details: string
	reporterEmail: string | null
	clientIp: string
	/** The report form's one-time token: the same form sent twice files one report. */
	formToken: string | null
}): Promise<SubmitReportResult> {
	const [campaign] = await db()
		.select({ id: campaigns.id, title: campaigns.title, slug: campaigns.slug })
		.from(campaigns)
		.where(and(eq(campaigns.slug, input.slug.toLowerCase()), inArray(campaigns.status, ['active', 'ended'])))
	if (!campaign) return { ok: false, reason: 'not-found' }
	const limit = await consumeClientIpRateLimit('campaign-report', input.clientIp, {
		limit: REPORTS_PER_IP_PER_HOUR,
		windowSeconds: 3600,
	})
	if (!limit.allowed) {
		const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60))
		return {
			ok: false,
			reason: 'rate-limited',
			message: `We've had several reports from your connection. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or contact us directly.`,
			retryAfterSeconds: limit.retryAfterSeconds,
		}
	}
	const filed = await createOnce({ token: input.formToken, action: 'campaign-report', personId: null }, async (tx) => {
		const [report] = await tx
			.insert(campaignReports)
			.values({
				campaignId: campaign.id,
				reason: input.reason,
				details: input.details,
				reporterEmail: input.reporterEmail,
			})
			.returning({ id: campaignReports.id })
		await queueEmail(tx, {
			template: 'campaign-report',
			causeKey: `campaign-report:${report!.id}`,
			to: getEnv().STAFF_NOTIFY_EMAIL,
			category: 'staff',
			campaignId: campaign.id,
			data: {
				reportId: report!.id,
				campaignTitle: campaign.title,
				campaignSlug: campaign.slug,
				reason: reportReasonLabel(input.reason),
				details: input.details,
				reporterEmail: input.reporterEmail,
			},
		})
		return { id: report!.id }
	})
	if (filed.status === 'created' || filed.status === 'repeated') return { ok: true, reportId: filed.id }
	return { ok: false, reason: 'stale', message: STALE_FORM_MESSAGE }
}

/**
 * Reports for staff. Open ones oldest first (the longest waiting at the
 * top); closed ones (resolved or dismissed) most recently closed first.
 */
export async function listCampaignReports(options: { status: 'open' | 'closed'; limit?: number }) {
	const resolver = sql<
		string | null
	>`(select ${people.email} from ${people} where ${people.id} = ${campaignReports.resolvedById})`
	const rows = await db()
		.select({
			id: campaignReports.id,
			reason: campaignReports.reason,
			details: campaignReports.details,
			reporterEmail: campaignReports.reporterEmail,
			status: campaignReports.status,
			resolutionNote: campaignReports.resolutionNote,
			resolvedAt: campaignReports.resolvedAt,
			resolvedByEmail: resolver,
			createdAt: campaignReports.createdAt,
			campaignId: campaigns.id,
			campaignTitle: campaigns.title,
			campaignSlug: campaigns.slug,
			campaignStatus: campaigns.status,
		})
		.from(campaignReports)
		.innerJoin(campaigns, eq(campaigns.id, campaignReports.campaignId))
		.where(
			options.status === 'open'
				? eq(campaignReports.status, 'open')
				: inArray(campaignReports.status, ['resolved', 'dismissed']),
		)
		.orderBy(options.status === 'open' ? asc(campaignReports.createdAt) : desc(campaignReports.resolvedAt))
		.limit(options.limit ?? 200)
	return rows.map((row) => ({ ...row, reasonLabel: reportReasonLabel(row.reason) }))
}

export type ResolveReportResult = { ok: true; hidden: boolean } | { ok: false; error: string; field?: 'hideCampaign' }

/**
 * Closes an open report as resolved or dismissed, and can hide its campaign
 * (with the note as the reason the owner sees) in the same transaction.
 */
export async function resolveCampaignReport(
	reportId: string,
	staff: Person,
	resolution: { outcome: 'resolved' | 'dismissed'; note: string; hideCampaign?: boolean },
): Promise<ResolveReportResult> {
	const note = resolution.note.trim()
	if (!note) return { ok: false, error: 'Please write a note about what you found.' }
	if (resolution.hideCampaign && resolution.outcome === 'dismissed') {
		return {
			ok: false,
			error: 'A dismissed report found nothing wrong, so it cannot hide the fundraiser. Choose “Resolved” to hide it.',
			field: 'hideCampaign',
		}
	}
	return db().transaction(async (tx): Promise<ResolveReportResult> => {
		if (!isUuid(reportId)) return { ok: false, error: 'We could not find that report.' }
		const [report] = await tx.select().from(campaignReports).where(eq(campaignReports.id, reportId)).for('update')
		if (!report) return { ok: false, error: 'We could not find that report.' }
		if (report.status !== 'open') return { ok: false, error: 'Someone has already closed this report.' }
		let hidden = false
		if (resolution.hideCampaign) {
			const [campaign] = await tx
				.select({ status: campaigns.status })
				.from(campaigns)
				.where(eq(campaigns.id, report.campaignId))
			// Another report may have hidden it already; that is the outcome wanted, not an error.
			if (campaign?.status !== 'hidden') {
				const result = await hideInTransaction(tx, report.campaignId, staff, note)
				// Nothing is written before a refused hide, so returning leaves the report open.
				if (!result.ok) return { ok: false, error: result.error, field: 'hideCampaign' }
				hidden = true
			}
		}
		await tx
			.update(campaignReports)
			.set({ status: resolution.outcome, resolutionNote: note, resolvedById: staff.id, resolvedAt: new Date() })
			.where(eq(campaignReports.id, report.id))
		await recordAudit(tx, {
			actorId: staff.id,
			action: resolution.outcome === 'resolved' ? 'report.resolve' : 'report.dismiss',
			subjectType: 'campaign_report',
			subjectId: report.id,
			reason: note,
			data: { campaignId: report.campaignId, hidCampaign: hidden },
		})
		return { ok: true, hidden }
	})
}
