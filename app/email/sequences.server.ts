import { and, asc, eq, inArray, lte } from 'drizzle-orm'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { closeCampaignsPastEndDate } from '#app/campaigns/end-date.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { isTakingGifts } from '#app/campaigns/taking-gifts.ts'
import { campaigns, donations, emails, people, type CampaignKind } from '#db/schema.ts'
import { queueEmail, releaseScheduledEmail } from './outbox.server.ts'
import { assignCoachingArm, mayReceive } from './preferences.server.ts'

const DAY = 86_400_000

/** The "learn more" sequence after the welcome email: day 2, 5 and 9. */
const signupSteps = [
	{ template: 'signup-day2', day: 2 },
	{ template: 'signup-day5', day: 5 },
	{ template: 'signup-day9', day: 9 },
] as const

/**
 * Schedules the sign-up coaching sequence and puts the person in a coaching
 * arm. Called once the address has confirmed its consent. Timed emails are
 * rows released by the dispatcher, so they survive restarts.
 */
export async function scheduleSignupSequence(
	tx: Tx,
	person: { id: string; email: string; firstName: string; idea: CampaignKind | null },
	now = new Date(),
) {
	await assignCoachingArm(tx, person.id)
	if (await hasPublishedCampaign(tx, person.id)) return
	const ideaLabel = person.idea ? campaignKindLabel(person.idea) : null
	for (const step of signupSteps) {
		await queueEmail(tx, {
			template: step.template,
			causeKey: `${step.template}:${person.id}`,
			to: person.email,
			personId: person.id,
			data: { firstName: person.firstName, idea: person.idea, ideaLabel },
			category: 'coaching',
			sequence: 'signup',
			sendAfter: new Date(now.getTime() + step.day * DAY),
		})
	}
}

async function hasPublishedCampaign(tx: Tx, personId: string) {
	const [row] = await tx
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(and(eq(campaigns.ownerId, personId), inArray(campaigns.status, ['active', 'ended'])))
		.limit(1)
	return Boolean(row)
}

/** The figures campaign emails show, read fresh. */
async function campaignEmailData(tx: Tx, campaignId: string) {
	const [row] = await tx
		.select({ campaign: campaigns, owner: people })
		.from(campaigns)
		.innerJoin(people, eq(people.id, campaigns.ownerId))
		.where(eq(campaigns.id, campaignId))
	if (!row) return null
	const { campaign, owner } = row
	return {
		campaign,
		owner,
		data: {
			firstName: owner.firstName,
			campaignTitle: campaign.title,
			campaignSlug: campaign.slug,
			campaignId: campaign.id,
			raisedMinor: Number(campaign.raisedMinor),
			goalMinor: Number(campaign.goalMinor),
			currency: campaign.currency,
			donorCount: campaign.donorCount,
			endsOn: campaign.endsOn ?? '',
		},
	}
}

const endOfDay = (isoDate: string) => new Date(`${isoDate}T23:59:59Z`)

/**
 * A campaign goes live: the sign-up sequence stops, "your page is live" goes
 * now, and the campaign's timed emails are scheduled.
 */
export async function startCampaignSequence(tx: Tx, campaignId: string, now = new Date()) {
	const found = await campaignEmailData(tx, campaignId)
	if (!found) return
	const { campaign, owner, data } = found
	await tx
		.update(emails)
		.set({ status: 'cancelled', lastError: 'published a campaign' })
		.where(and(eq(emails.personId, owner.id), eq(emails.sequence, 'signup'), eq(emails.status, 'scheduled')))
	await assignCoachingArm(tx, owner.id)
	const base = { to: owner.email, personId: owner.id, campaignId, sequence: 'campaign' }
	// Confirms what they just did, so it is transactional (the hold-out arm gets it too).
	await queueEmail(tx, { ...base, template: 'campaign-live', causeKey: `campaign-live:${campaignId}`, data })
	await queueEmail(tx, {
		...base,
		template: 'campaign-nudge',
		causeKey: `campaign-nudge:${campaignId}`,
		data,
		category: 'coaching',
		sendAfter: new Date(now.getTime() + 3 * DAY),
	})
	if (campaign.endsOn) await scheduleEndDateEmails(tx, campaignId, campaign.endsOn, now)
}

/**
 * Whose end-of-campaign emails a page gets. A participant's page in an event
 * closes when the event's gifts do, and the event's own emails cover that
 * end (the thank-you the day after, the last push before gifts close), so it
 * gets neither "last days" nor "ended" beside them. A team's or an event's
 * gift page is not a person's fundraiser: it gets no personal-campaign
 * coaching at all (no first-gift, milestone or end-date emails to the
 * captain or the staff member who owns it).
 */
export function endEmailsAreTheEvents(campaign: { eventId: string | null }) {
	return campaign.eventId !== null
}

/** Whether a page gets the personal-campaign coaching emails (a person's own page, in an event or not). */
export function getsCampaignCoaching(campaign: { purpose: string }) {
	return campaign.purpose === 'personal'
}

async function scheduleEndDateEmails(tx: Tx, campaignId: string, endsOn: string, now: Date) {
	const found = await campaignEmailData(tx, campaignId)
	if (!found || endEmailsAreTheEvents(found.campaign)) return
	const { owner, data } = found
	const base = {
		to: owner.email,
		personId: owner.id,
		campaignId,
		sequence: 'campaign',
		category: 'coaching' as const,
		data,
	}
	const lastDays = new Date(endOfDay(endsOn).getTime() - 3 * DAY)
	if (lastDays > now) {
		await queueEmail(tx, {
			...base,
			template: 'campaign-last-days',
			causeKey: `campaign-last-days:${campaignId}`,
			sendAfter: lastDays,
		})
	}
	await queueEmail(tx, {
		...base,
		template: 'campaign-ended',
		causeKey: `campaign-ended:${campaignId}`,
		sendAfter: endOfDay(endsOn),
	})
}

/** The end date changed: move (or add, or stop) the emails that depend on it. */
export async function rescheduleCampaignDates(tx: Tx, campaignId: string, endsOn: string | null, now = new Date()) {
	const pending = await tx
		.select({ id: emails.id, template: emails.template })
		.from(emails)
		.where(
			and(
				eq(emails.campaignId, campaignId),
				inArray(emails.template, ['campaign-last-days', 'campaign-ended']),
				eq(emails.status, 'scheduled'),
			),
		)
	if (!endsOn) {
		if (pending.length)
			await tx
				.update(emails)
				.set({ status: 'cancelled', lastError: 'end date removed' })
				.where(
					inArray(
						emails.id,
						pending.map((p) => p.id),
					),
				)
		return
	}
	for (const row of pending) {
		const sendAfter =
			row.template === 'campaign-last-days' ? new Date(endOfDay(endsOn).getTime() - 3 * DAY) : endOfDay(endsOn)
		await tx.update(emails).set({ sendAfter }).where(eq(emails.id, row.id))
	}
	// Emails not scheduled before (no end date then) are added now; cause keys keep them single.
	await scheduleEndDateEmails(tx, campaignId, endsOn, now)
}

/** The owner ended the campaign early: the summary goes now; nudges and countdowns stop. */
export async function endCampaignSequence(tx: Tx, campaignId: string, now = new Date()) {
	await tx
		.update(emails)
		.set({ status: 'cancelled', lastError: 'campaign ended' })
		.where(
			and(
				eq(emails.campaignId, campaignId),
				inArray(emails.template, ['campaign-nudge', 'campaign-last-days']),
				eq(emails.status, 'scheduled'),
			),
		)
	const found = await campaignEmailData(tx, campaignId)
	// An event participant's page ended early hears from the event after it (the thank-you with their total).
	if (!found || endEmailsAreTheEvents(found.campaign)) return
	const [scheduled] = await tx
		.select({ id: emails.id })
		.from(emails)
		.where(and(eq(emails.causeKey, `campaign-ended:${campaignId}`), eq(emails.status, 'scheduled')))
	if (scheduled) {
		await tx.update(emails).set({ sendAfter: now, data: found.data }).where(eq(emails.id, scheduled.id))
		return
	}
	await queueEmail(tx, {
		template: 'campaign-ended',
		causeKey: `campaign-ended:${campaignId}`,
		to: found.owner.email,
		personId: found.owner.id,
		campaignId,
		sequence: 'campaign',
		category: 'coaching',
		data: found.data,
	})
}

const MILESTONES = [25, 50, 75, 100] as const

/**
 * After money came in: congratulate the first gift, and mark each goal
 * milestone crossed. When one gift crosses several, only the highest is sent;
 * the others are recorded as passed so they never arrive late. Most gifts
 * cross nothing, and then nothing is read: this runs under the campaign's lock.
 */
export async function queueFundraisingMilestones(
	tx: Tx,
	campaignId: string,
	totals: {
		goalMinor: number
		before: { raisedMinor: number; donorCount: number }
		after: { raisedMinor: number; donorCount: number }
	},
	donationId: string | null,
) {
	const { goalMinor, before, after } = totals
	const firstGift = before.donorCount === 0 && after.donorCount > 0 && donationId !== null
	const crossed = MILESTONES.filter(
		(percent) => before.raisedMinor * 100 < percent * goalMinor && after.raisedMinor * 100 >= percent * goalMinor,
	)
	if (!firstGift && crossed.length === 0) return
	const found = await campaignEmailData(tx, campaignId)
	if (!found || !getsCampaignCoaching(found.campaign) || !isTakingGifts(found.campaign, new Date())) return
	const { owner, data } = found
	const base = { to: owner.email, personId: owner.id, campaignId, sequence: 'campaign', category: 'coaching' as const }
	if (firstGift) {
		const [donation] = await tx.select().from(donations).where(eq(donations.id, donationId))
		await queueEmail(tx, {
			...base,
			template: 'first-donation',
			causeKey: `first-donation:${campaignId}`,
			data: {
				...data,
				donorDisplayName: !donation || donation.anonymous ? 'An anonymous donor' : donation.donorName,
				amountMinor: !donation || donation.hideAmount ? null : Number(donation.amountMinor),
			},
		})
	}
	const highest = crossed.at(-1)
	for (const percent of crossed) {
		await queueEmail(tx, {
			...base,
			template: 'milestone',
			causeKey: `milestone-${percent}:${campaignId}`,
			data: { ...data, percent },
			skip: percent !== highest,
		})
	}
}

/** Extra conditions a timed email must still meet when its time comes. */
async function stillWanted(
	tx: Tx,
	email: typeof emails.$inferSelect,
	now: Date,
): Promise<{ send: boolean; data?: unknown }> {
	if (!(await mayReceive(tx, email.category, email.toEmail))) return { send: false }
	if (email.sequence === 'signup')
		return { send: !(email.personId && (await hasPublishedCampaign(tx, email.personId))) }
	if (!email.campaignId) return { send: true }
	const found = await campaignEmailData(tx, email.campaignId)
	if (!found) return { send: false }
	const { campaign, data } = found
	// Rows queued before these rules (or by any other path) are dropped when they come due.
	if (email.sequence === 'campaign' && !getsCampaignCoaching(campaign)) return { send: false }
	switch (email.template) {
		case 'campaign-nudge':
			return { send: isTakingGifts(campaign, now) && campaign.donorCount === 0, data }
		case 'campaign-last-days':
			return { send: isTakingGifts(campaign, now) && !endEmailsAreTheEvents(campaign), data }
		case 'campaign-ended':
			return {
				send: (campaign.status === 'active' || campaign.status === 'ended') && !endEmailsAreTheEvents(campaign),
				data,
			}
		case 'event-thank-you':
			return { send: campaign.status === 'active' || campaign.status === 'ended', data }
		case 'event-reminder':
			return { send: campaign.status === 'active', data }
		case 'event-last-push':
			return { send: isTakingGifts(campaign, now), data }
		default:
			return { send: true }
	}
}

/**
 * The dispatcher (every minute, and from tests with a chosen clock): closes
 * campaigns past their end date and releases every timed email that is due,
 * or cancels it when its reason has gone.
 */
export async function releaseDueEmails(now = new Date()) {
	await closeCampaignsPastEndDate(now)
	const due = await db()
		.select({ id: emails.id })
		.from(emails)
		.where(and(eq(emails.status, 'scheduled'), lte(emails.sendAfter, now)))
		.orderBy(asc(emails.sendAfter))
		.limit(500)
	let released = 0
	let cancelled = 0
	for (const { id } of due) {
		await db().transaction(async (tx) => {
			const [email] = await tx
				.select()
				.from(emails)
				.where(and(eq(emails.id, id), eq(emails.status, 'scheduled')))
				.for('update', { skipLocked: true })
			if (!email) return
			const verdict = await stillWanted(tx, email, now)
			if (!verdict.send) {
				await tx.update(emails).set({ status: 'cancelled', lastError: 'no longer applies' }).where(eq(emails.id, id))
				cancelled++
				return
			}
			if (verdict.data)
				await tx
					.update(emails)
					.set({ data: { ...(email.data as object), ...verdict.data } })
					.where(eq(emails.id, id))
			if (await releaseScheduledEmail(tx, id)) released++
		})
	}
	return { released, cancelled }
}
