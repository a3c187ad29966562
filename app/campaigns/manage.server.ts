import { data } from '@remix-run/node'
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { countedDonationStatuses, donationNetSql, recordMovement } from '#app/donations/ledger.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { endCampaignSequence, rescheduleCampaignDates, startCampaignSequence } from '#app/email/sequences.server.ts'
import { minorToMajorString, parseMajorToMinor } from '#app/utils/money.ts'
import { type DbOrTx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import {
	campaigns,
	campaignUpdates,
	donations,
	donationThanks,
	type Campaign,
	type CampaignKind,
	people,
	type Person,
} from '#db/schema.ts'
import { campaignKindTemplate } from './kinds.ts'
import { slugify, slugProblem } from './slug.ts'

/** Loads a campaign for its owner: 404 when it does not exist, 403 when it is someone else's. */
export async function requireOwnedCampaign(campaignId: string, person: Person): Promise<Campaign> {
	const [campaign] = /^[0-9a-f-]{36}$/i.test(campaignId)
		? await db().select().from(campaigns).where(eq(campaigns.id, campaignId))
		: []
	if (!campaign) throw data({ error: 'We could not find that fundraiser.' }, { status: 404 })
	if (campaign.ownerId !== person.id) {
		throw data({ error: 'This fundraiser belongs to someone else, so you cannot change it.' }, { status: 403 })
	}
	return campaign
}

/** A free slug close to `wanted`: "amaras-birthday", then "amaras-birthday-2", … */
export async function suggestFreeSlug(wanted: string, tx: DbOrTx = db(), exceptCampaignId?: string): Promise<string> {
	let base = slugify(wanted) || 'fundraiser'
	if (base.length < 3) base = `${base}-fundraiser`
	if (slugProblem(base)) base = `${base}-fundraiser`.slice(0, 50)
	for (let n = 1; n < 1000; n++) {
		const candidate = n === 1 ? base : `${base.slice(0, 55)}-${n}`
		if (!(await isSlugTaken(candidate, tx, exceptCampaignId))) return candidate
	}
	return `${base.slice(0, 40)}-${crypto.randomUUID().slice(0, 8)}`
}

export async function isSlugTaken(slug: string, tx: DbOrTx = db(), exceptCampaignId?: string) {
	const [row] = await tx
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(and(eq(campaigns.slug, slug), exceptCampaignId ? ne(campaigns.id, exceptCampaignId) : undefined))
	return Boolean(row)
}

/**
 * Step 1: starts a draft of the chosen kind, pre-filled from the kind's
 * template in the charity's voice with the person's name.
 */
export async function startDraftCampaign(owner: Person, kind: CampaignKind): Promise<Campaign> {
	const template = campaignKindTemplate(kind)
	const charity = getCharity()
	const firstName = owner.firstName.trim()
	const title = template.title(firstName)
	return db().transaction(async (tx) => {
		const slug = await suggestFreeSlug(title, tx)
		const [campaign] = await tx
			.insert(campaigns)
			.values({
				ownerId: owner.id,
				kind,
				slug,
				title,
				story: template.story(firstName, charity.shortName),
				goalMinor: parseMajorToMinor(String(template.suggestedGoal), charity.currency)!,
				currency: charity.currency,
				status: 'draft',
				coverImage: template.cover,
				coverAlt: template.coverAlt,
			})
			.returning()
		return campaign!
	})
}

export type CampaignDetails = {
	title: string
	goal: string
	endsOn: string | null
	story: string
	slug: string
	coverAlt: string
	/** Donors' quick-choice amounts as typed ("10, 25, 50"); empty for the kind's suggestions. */
	presetAmounts?: string
	/** A newly uploaded and processed cover, if any. */
	cover?: { url: string }
}

export type DetailsResult = { ok: true; campaign: Campaign } | { ok: false; fieldErrors: Record<string, string[]> }

/**
 * Saves step 2 (or an edit of a live campaign). The goal is turned into
 * integer minor units here; the slug must be free.
 */
export async function saveCampaignDetails(campaign: Campaign, details: CampaignDetails): Promise<DetailsResult> {
	const goalMinor = parseMajorToMinor(details.goal, campaign.currency)
	const story = await storyWithDate(campaign, details)
	if (goalMinor === null) return { ok: false, fieldErrors: { goal: ['Enter the goal as a number, like 500 or 1,000'] } }
	const presets = presetAmountsFrom(details.presetAmounts ?? '', campaign.currency)
	if ('problem' in presets) return { ok: false, fieldErrors: { presetAmounts: [presets.problem] } }
	if (details.slug !== campaign.slug && (await isSlugTaken(details.slug, db(), campaign.id))) {
		return {
			ok: false,
			fieldErrors: { slug: [`Someone already uses that short link. How about “${await suggestFreeSlug(details.slug, db(), campaign.id)}”?`] },
		}
	}
	try {
		const [updated] = await db()
			.update(campaigns)
			.set({
				title: details.title,
				goalMinor,
				endsOn: details.endsOn,
				story,
				slug: details.slug,
				coverAlt: details.coverAlt || (details.cover ? '' : campaign.coverAlt),
				...(details.presetAmounts === undefined ? {} : { presetAmountsMinor: presets.amounts }),
				...(details.cover ? { coverImage: details.cover.url } : {}),
				updatedAt: new Date(),
			})
			.where(eq(campaigns.id, campaign.id))
			.returning()
		if (updated!.status === 'active' && updated!.endsOn !== campaign.endsOn) {
			await db().transaction((tx) => rescheduleCampaignDates(tx, campaign.id, updated!.endsOn))
		}
		return { ok: true, campaign: updated! }
	} catch (error) {
		// Two people racing for one slug: the unique index decides.
		if ((error as { code?: string }).code === '23505' || String((error as Error).message).includes('campaigns_slug_unique')) {
			return { ok: false, fieldErrors: { slug: ['Someone just took that short link. Please choose another.'] } }
		}
		throw error
	}
}

/** Donors' quick-choice amounts in minor units, each within the online gift limits; null means the kind's defaults. */
function presetAmountsFrom(text: string, currency: string): { amounts: number[] | null } | { problem: string } {
	if (!text.trim()) return { amounts: null }
	const env = getEnv()
	const amounts = text.split(',').map((part) => parseMajorToMinor(part, currency))
	if (amounts.some((a) => a === null)) return { problem: 'List two to six amounts separated by commas, like 10, 25, 50, 100' }
	const limits = `${minorToMajorString(env.DONATION_MIN_MINOR, currency)} and ${minorToMajorString(env.DONATION_MAX_MINOR, currency)}`
	if (amounts.some((a) => a! < env.DONATION_MIN_MINOR || a! > env.DONATION_MAX_MINOR)) return { problem: `Each amount must be between ${limits}` }
	return { amounts: [...new Set(amounts as number[])].sort((a, b) => a - b) }
}

function writtenDate(isoDate: string) {
	return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString(getCharity().locale, { day: 'numeric', month: 'long', year: 'numeric' })
}

/**
 * While the story is still the kind's untouched starting text, setting the
 * date writes it into the story ("My birthday is on 14 June 2027…"). A story
 * the person has edited is never rewritten.
 */
async function storyWithDate(campaign: Campaign, details: CampaignDetails): Promise<string> {
	if (!details.endsOn || details.story !== campaign.story) return details.story
	const [owner] = await db().select({ firstName: people.firstName }).from(people).where(eq(people.id, campaign.ownerId))
	const firstName = owner?.firstName.trim() ?? ''
	const template = campaignKindTemplate(campaign.kind)
	const org = getCharity().shortName
	const untouched =
		campaign.story === template.story(firstName, org) ||
		(campaign.endsOn !== null && campaign.story === template.story(firstName, org, writtenDate(campaign.endsOn)))
	return untouched ? template.story(firstName, org, writtenDate(details.endsOn)) : details.story
}

/** Step 3: a draft goes live. Publishing twice changes nothing. */
export async function publishCampaign(campaign: Campaign): Promise<Campaign> {
	if (campaign.status !== 'draft') return campaign
	return db().transaction(async (tx) => {
		const [updated] = await tx
			.update(campaigns)
			.set({ status: 'active', publishedAt: new Date(), updatedAt: new Date() })
			.where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'draft')))
			.returning()
		if (!updated) return campaign
		await startCampaignSequence(tx, updated.id)
		return updated
	})
}

/** The owner ends the campaign early: it keeps its page and total, and takes no more gifts. */
export async function endCampaignEarly(campaign: Campaign): Promise<Campaign> {
	if (campaign.status !== 'active') return campaign
	return db().transaction(async (tx) => {
		const [updated] = await tx
			.update(campaigns)
			.set({ status: 'ended', endedAt: new Date(), updatedAt: new Date() })
			.where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'active')))
			.returning()
		if (!updated) return campaign
		await endCampaignSequence(tx, updated.id)
		return updated
	})
}

/** Posts an update on the page and emails it to every donor who asked for updates (once per address). */
export async function postCampaignUpdate(campaign: Campaign, author: Person, body: string) {
	return db().transaction(async (tx) => {
		const [update] = await tx.insert(campaignUpdates).values({ campaignId: campaign.id, authorId: author.id, body }).returning()
		const recipients = await tx
			.selectDistinctOn([sql`lower(${donations.donorEmail})`], { email: donations.donorEmail, donorName: donations.donorName, donorId: donations.donorId })
			.from(donations)
			// Only donors whose gift still stands: a refunded or lost gift hears no more.
			.where(
				and(
					eq(donations.campaignId, campaign.id),
					inArray(donations.status, [...countedDonationStatuses]),
					sql`${donationNetSql()} > 0`,
					eq(donations.updatesOptIn, true),
					sql`${donations.donorEmail} is not null`,
				),
			)
		for (const recipient of recipients) {
			await queueEmail(tx, {
				template: 'campaign-update',
				causeKey: `campaign-update:${update!.id}:${recipient.email!.toLowerCase()}`,
				to: recipient.email!,
				personId: recipient.donorId,
				campaignId: campaign.id,
				category: 'updates',
				data: {
					donorName: recipient.donorName,
					fundraiserName: `${author.firstName} ${author.lastName}`.trim() || 'The fundraiser',
					campaignTitle: campaign.title,
					campaignSlug: campaign.slug,
					updateBody: body,
				},
			})
		}
		return update!
	})
}

export async function listCampaignUpdates(campaignId: string, limit = 20) {
	return db()
		.select({ id: campaignUpdates.id, body: campaignUpdates.body, createdAt: campaignUpdates.createdAt })
		.from(campaignUpdates)
		.where(eq(campaignUpdates.campaignId, campaignId))
		.orderBy(desc(campaignUpdates.createdAt))
		.limit(limit)
}

/**
 * A cash or cheque gift the fundraiser collected. It shows as pending and
 * counts in the total only once staff confirm it.
 */
export async function recordOfflineDonation(
	campaign: Campaign,
	recordedBy: Person,
	gift: { amount: string; donorName: string; note: string | null },
) {
	const amountMinor = parseMajorToMinor(gift.amount, campaign.currency)
	if (amountMinor === null || amountMinor <= 0) {
		return { ok: false as const, fieldErrors: { amount: ['Enter the amount as a number, like 25 or 12.50'] } }
	}
	const [donation] = await db()
		.insert(donations)
		.values({
			campaignId: campaign.id,
			channel: 'offline',
			donorName: gift.donorName,
			amountMinor,
			currency: campaign.currency,
			status: 'pending_confirmation',
			offlineNote: gift.note,
			recordedById: recordedBy.id,
		})
		.returning()
	return { ok: true as const, donation: donation! }
}

/**
 * Staff confirm an offline gift: it becomes a succeeded donation with its
 * money movement, in one transaction. Confirming twice counts once.
 */
export async function confirmOfflineDonation(donationId: string, staff: Person) {
	return db().transaction(async (tx) => {
		const [donation] = await tx
			.update(donations)
			.set({ status: 'succeeded', confirmedAt: new Date(), confirmedById: staff.id, succeededAt: new Date() })
			.where(and(eq(donations.id, donationId), eq(donations.channel, 'offline'), eq(donations.status, 'pending_confirmation')))
			.returning()
		if (!donation) return { confirmed: false as const }
		await recordMovement(tx, {
			kind: 'offline_confirmed',
			amountMinor: donation.amountMinor,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: `offline:${donation.id}`,
		})
		return { confirmed: true as const, donation }
	})
}

/** Every donation of a campaign for its owner's dashboard, newest first. Emails only when the donor allowed it. */
export async function listCampaignDonationsForOwner(campaignId: string, limit = 200) {
	const rows = await db()
		.select({
			id: donations.id,
			channel: donations.channel,
			status: donations.status,
			donorName: donations.donorName,
			donorEmail: donations.donorEmail,
			shareEmail: donations.shareEmailWithFundraiser,
			anonymous: donations.anonymous,
			amountMinor: donations.amountMinor,
			currency: donations.currency,
			message: donations.message,
			offlineNote: donations.offlineNote,
			/** For a rejected offline gift: the staff's reason, so the fundraiser knows why. */
			failureReason: donations.failureReason,
			createdAt: donations.createdAt,
			succeededAt: donations.succeededAt,
			/** What the gift still gives after refunds and disputes (0 for a gift not counted yet). */
			netMinor: donationNetSql(),
			thanked: sql<number>`(select count(*) from ${donationThanks} where ${donationThanks.donationId} = ${donations.id})::int`,
		})
		.from(donations)
		.where(and(eq(donations.campaignId, campaignId), inArray(donations.status, [...countedDonationStatuses, 'pending_confirmation', 'processing', 'rejected'])))
		.orderBy(desc(donations.createdAt))
		.limit(limit)
	return rows.map(({ donorEmail, shareEmail, ...row }) => ({
		...row,
		amountMinor: Number(row.amountMinor),
		thanked: Number(row.thanked),
		// A gift refunded in full or lost to a dispute is not thanked for.
		canThank: Boolean(donorEmail) && row.netMinor > 0,
		donorEmail: shareEmail ? donorEmail : null,
	}))
}

/**
 * Emails a fundraiser's thank-you to a donor of their campaign. The
 * donor's address is used by the platform only, never shown to the fundraiser.
 */
export async function sendDonorThanks(campaign: Campaign, sender: Person, donationId: string, message: string) {
	const [donation] = await db()
		.select()
		.from(donations)
		.where(and(eq(donations.id, donationId), eq(donations.campaignId, campaign.id)))
	if (!donation) return { ok: false as const, error: 'We could not find that donation on this fundraiser.' }
	if (!donation.donorEmail) return { ok: false as const, error: 'This donor left no email address, so we cannot pass on a message.' }
	return db().transaction(async (tx) => {
		const [thanks] = await tx.insert(donationThanks).values({ donationId, senderId: sender.id, message }).returning()
		await queueEmail(tx, {
			template: 'donor-thanks',
			causeKey: `donor-thanks:${thanks!.id}`,
			to: donation.donorEmail!,
			personId: donation.donorId,
			data: {
				donorName: donation.anonymous ? '' : donation.donorName,
				fundraiserName: `${sender.firstName} ${sender.lastName}`.trim() || 'The fundraiser',
				campaignTitle: campaign.title,
				campaignSlug: campaign.slug,
				message,
			},
		})
		return { ok: true as const }
	})
}
