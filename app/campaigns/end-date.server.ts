import { and, eq, lt } from 'drizzle-orm'
import { db } from '#db/index.server.ts'
import { campaigns } from '#db/schema.ts'
import { giftDayOf } from './taking-gifts.ts'

/**
 * Campaigns whose end date has passed stop taking gifts: their status
 * becomes what isTakingGifts already says. Run by the email dispatcher
 * before it releases the emails that depend on it.
 */
export async function closeCampaignsPastEndDate(now = new Date()) {
	await db()
		.update(campaigns)
		.set({ status: 'ended', endedAt: now, updatedAt: now })
		.where(and(eq(campaigns.status, 'active'), lt(campaigns.endsOn, giftDayOf(now))))
}
