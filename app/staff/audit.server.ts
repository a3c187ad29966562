import { isUuid } from '#app/utils/ids.ts'
import { and, desc, eq, inArray } from 'drizzle-orm'
import { type DbOrTx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, campaigns, people } from '#db/schema.ts'

/** Records a staff action in the same transaction as the action itself. */
export async function recordAudit(
	tx: DbOrTx,
	entry: {
		actorId: string | null
		action: string
		subjectType: string
		subjectId: string
		reason?: string | null
		data?: object
	},
) {
	await tx.insert(auditLog).values({
		actorId: entry.actorId,
		action: entry.action,
		subjectType: entry.subjectType,
		subjectId: entry.subjectId,
		reason: entry.reason ?? null,
		data: entry.data ?? {},
	})
}

/** The audit trail of one subject (or of everything), newest first. */
export async function listAudit(options: { subjectType?: string; subjectId?: string; limit?: number } = {}) {
	return db()
		.select({
			id: auditLog.id,
			action: auditLog.action,
			subjectType: auditLog.subjectType,
			subjectId: auditLog.subjectId,
			reason: auditLog.reason,
			createdAt: auditLog.createdAt,
			actorEmail: people.email,
		})
		.from(auditLog)
		.leftJoin(people, eq(people.id, auditLog.actorId))
		.where(
			and(
				options.subjectType ? eq(auditLog.subjectType, options.subjectType) : undefined,
				options.subjectId ? eq(auditLog.subjectId, options.subjectId) : undefined,
			),
		)
		.orderBy(desc(auditLog.createdAt))
		.limit(options.limit ?? 50)
}

/** The audit log with campaign subjects' short links, found in one extra query. */
export async function listAuditForStaff(limit = 200) {
	const entries = await listAudit({ limit })
	const campaignIds = [
		...new Set(entries.filter((e) => e.subjectType === 'campaign' && isUuid(e.subjectId)).map((e) => e.subjectId)),
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
