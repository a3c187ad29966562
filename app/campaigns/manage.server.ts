import { isUuid } from '#app/utils/ids.ts'
import { data } from '@remix-run/node'
import { and, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { giftAidShown } from '#app/gift-aid/shown.server.ts'
import { countedDonationStatuses } from '#app/donations/ledger.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { endCampaignSequence, rescheduleCampaignDates, startCampaignSequence } from '#app/email/sequences.server.ts'
import { rescheduleEventEmails } from '#app/events/event-emails.server.ts'
import { createOnce } from '#app/utils/form-token.server.ts'
import { minorToMajorString, parseMajorToMinor } from '#app/utils/money.ts'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db, preparedQuery } from '#db/index.server.ts'
import {
	campaignFormerSlugs,
	campaigns,
	campaignUpdates,
	donations,
	donationThanks,
	events,
	moneyMovements,
	type Campaign,
	type CampaignKind,
	people,
	type Person,
} from '#db/schema.ts'
import { organiserNameMissing } from './campaign-schema.ts'
import { campaignKindTemplate } from './kinds.ts'
import { slugify, slugProblem } from './slug.ts'
import { renderStory } from './story.server.ts'

/** Loads a campaign for its owner: 404 when it does not exist, 403 when it is someone else's. */
export async function requireOwnedCampaign(campaignId: string, person: Person): Promise<Campaign> {
	const [campaign] = isUuid(campaignId) ? await db().select().from(campaigns).where(eq(campaigns.id, campaignId)) : []
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

/** Whether another campaign uses `slug` now or used it once (former links stay reserved for the campaign that had them). */
export async function isSlugTaken(slug: string, tx: DbOrTx = db(), exceptCampaignId?: string) {
	const [current] = await tx
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(and(eq(campaigns.slug, slug), exceptCampaignId ? ne(campaigns.id, exceptCampaignId) : undefined))
	if (current) return true
	const [former] = await tx
		.select({ id: campaignFormerSlugs.campaignId })
		.from(campaignFormerSlugs)
		.where(
			and(
				eq(campaignFormerSlugs.slug, slug),
				exceptCampaignId ? ne(campaignFormerSlugs.campaignId, exceptCampaignId) : undefined,
			),
		)
	return Boolean(former)
}

/** Serialises changes that claim one slug, so the check against former links and the claim cannot interleave. */
async function lockSlug(tx: Tx, slug: string) {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`campaign-slug:${slug}`}))`)
}

/**
 * Step 1: the person's draft of the chosen kind, pre-filled from the kind's
 * template in the charity's voice with their name. A draft of that kind they
 * have not touched yet is reused, so clicking an idea again (or coming back
 * after signing in) never piles up empty drafts.
 */
export async function startDraftCampaign(owner: Person, kind: CampaignKind, tx?: Tx): Promise<Campaign> {
	if (!tx) return db().transaction((t) => startDraftCampaign(owner, kind, t))
	// Two clicks at once must not both miss the untouched draft and make two.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`campaign-draft:${owner.id}:${kind}`}))`)
	const [untouched] = await tx
		.select()
		.from(campaigns)
		.where(
			and(
				eq(campaigns.ownerId, owner.id),
				eq(campaigns.kind, kind),
				eq(campaigns.status, 'draft'),
				// Saving details sets updatedAt, so an equal pair means nobody has written anything yet.
				eq(campaigns.updatedAt, campaigns.createdAt),
			),
		)
		.orderBy(desc(campaigns.createdAt))
		.limit(1)
	if (untouched) return untouched
	const template = campaignKindTemplate(kind)
	const charity = getCharity()
	const firstName = owner.firstName.trim()
	const title = template.title(firstName)
	const slug = await suggestFreeSlug(title, tx)
	const story = template.story(firstName, charity.shortName)
	const [campaign] = await tx
		.insert(campaigns)
		.values({
			ownerId: owner.id,
			kind,
			slug,
			title,
			story,
			storyHtml: renderStory(story),
			goalMinor: parseMajorToMinor(String(template.suggestedGoal), charity.currency)!,
			currency: charity.currency,
			status: 'draft',
			coverImage: template.cover,
			coverAlt: template.coverAlt,
		})
		.returning()
	return campaign!
}

/** Step 1 from the idea form: one draft per form token (see createOnce). */
export async function startDraftFromForm(owner: Person, kind: CampaignKind, token: string | null) {
	return createOnce({ token, action: 'campaign-draft', personId: owner.id }, async (tx) => ({
		id: (await startDraftCampaign(owner, kind, tx)).id,
	}))
}

/**
 * The owner deletes a draft they no longer want. Only a draft that never
 * took a gift can go; anything with money stays for the record.
 */
export async function deleteDraftCampaign(campaign: Campaign): Promise<{ ok: true } | { ok: false; error: string }> {
	if (campaign.status !== 'draft')
		return {
			ok: false,
			error: 'Only drafts can be deleted. A published page keeps its record; you can end it instead.',
		}
	return db().transaction(async (tx) => {
		const [gift] = await tx
			.select({ id: donations.id })
			.from(donations)
			.where(eq(donations.campaignId, campaign.id))
			.limit(1)
		const [movement] = await tx
			.select({ id: moneyMovements.id })
			.from(moneyMovements)
			.where(eq(moneyMovements.campaignId, campaign.id))
			.limit(1)
		if (gift || movement)
			return { ok: false as const, error: 'This draft has gifts recorded against it, so it cannot be deleted.' }
		await tx.delete(campaignUpdates).where(eq(campaignUpdates.campaignId, campaign.id))
		const [deleted] = await tx
			.delete(campaigns)
			.where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'draft')))
			.returning({ id: campaigns.id })
		return deleted ? { ok: true as const } : { ok: false as const, error: 'Only drafts can be deleted.' }
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
	/** For a page in memory of someone: who is remembered. */
	rememberedName?: string
}

export type DetailsResult = { ok: true; campaign: Campaign } | { ok: false; fieldErrors: Record<string, string[]> }

/**
 * Saves step 2 (or an edit of a live campaign). The goal is turned into
 * integer minor units here; the slug must be free. A published page's old
 * link is kept as a former slug, so shared links and printed QR codes keep
 * working. For a page in memory of someone, the name remembered goes into
 * the starting title, link and story while the person has not changed them.
 */
export async function saveCampaignDetails(campaign: Campaign, details: CampaignDetails): Promise<DetailsResult> {
	const goalMinor = parseMajorToMinor(details.goal, campaign.currency)
	if (goalMinor === null) return { ok: false, fieldErrors: { goal: ['Enter the goal as a number, like 500 or 1,000'] } }
	const rememberedName = details.rememberedName?.trim() || null
	if (campaign.kind === 'in_memory' && !rememberedName) {
		return { ok: false, fieldErrors: { rememberedName: ['Please tell us who you are remembering'] } }
	}
	const presets = presetAmountsFrom(details.presetAmounts ?? '', campaign.currency)
	if ('problem' in presets) return { ok: false, fieldErrors: { presetAmounts: [presets.problem] } }
	const starting = await startingText(campaign, { ...details, rememberedName })
	try {
		return await db().transaction(async (tx): Promise<DetailsResult> => {
			const slug = starting.slug ?? details.slug
			await lockSlug(tx, slug)
			if (slug !== campaign.slug && (await isSlugTaken(slug, tx, campaign.id))) {
				return {
					ok: false,
					fieldErrors: {
						slug: [
							`Someone already uses that short link. How about “${await suggestFreeSlug(slug, tx, campaign.id)}”?`,
						],
					},
				}
			}
			const [updated] = await tx
				.update(campaigns)
				.set({
					title: starting.title,
					goalMinor,
					endsOn: details.endsOn,
					story: starting.story,
					storyHtml: renderStory(starting.story),
					slug,
					rememberedName,
					coverAlt: details.coverAlt || (details.cover ? '' : campaign.coverAlt),
					...(details.presetAmounts === undefined ? {} : { presetAmountsMinor: presets.amounts }),
					...(details.cover ? { coverImage: details.cover.url } : {}),
					updatedAt: new Date(),
				})
				.where(eq(campaigns.id, campaign.id))
				.returning()
			if (slug !== campaign.slug) {
				// Going back to one of its own former links makes it current again.
				await tx
					.delete(campaignFormerSlugs)
					.where(and(eq(campaignFormerSlugs.slug, slug), eq(campaignFormerSlugs.campaignId, campaign.id)))
				// A draft's link was never shared, so only a published page keeps its old one.
				if (campaign.publishedAt)
					await tx
						.insert(campaignFormerSlugs)
						.values({ slug: campaign.slug, campaignId: campaign.id })
						.onConflictDoNothing()
			}
			if (updated!.status === 'active' && updated!.endsOn !== campaign.endsOn) {
				await rescheduleCampaignDates(tx, campaign.id, updated!.endsOn)
				// A participant's last push comes three days before their own page closes.
				const [event] = campaign.eventId ? await tx.select().from(events).where(eq(events.id, campaign.eventId)) : []
				if (event) await rescheduleEventEmails(tx, event, { pageId: campaign.id })
			}
			return { ok: true, campaign: updated! }
		})
	} catch (error) {
		// Two people racing for one slug: the unique index decides.
		if (
			(error as { code?: string }).code === '23505' ||
			String((error as Error).message).includes('campaigns_slug_unique')
		) {
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
	if (amounts.some((a) => a === null))
		return { problem: 'List two to six amounts separated by commas, like 10, 25, 50, 100' }
	const limits = `${minorToMajorString(env.DONATION_MIN_MINOR, currency)} and ${minorToMajorString(env.DONATION_MAX_MINOR, currency)}`
	if (amounts.some((a) => a! < env.DONATION_MIN_MINOR || a! > env.DONATION_MAX_MINOR))
		return { problem: `Each amount must be between ${limits}` }
	return { amounts: [...new Set(amounts as number[])].sort((a, b) => a - b) }
}

function writtenDate(isoDate: string) {
	return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString(getCharity().locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
	})
}

/**
 * While the title, story or link are still the kind's untouched starting
 * text, the date and the name remembered are written into them ("My birthday
 * is on 14 June 2027…", "In loving memory of Margaret"). Anything the person
 * has edited is never rewritten. `slug` is set only when the link changes.
 */
async function startingText(
	campaign: Campaign,
	details: Omit<CampaignDetails, 'rememberedName'> & { rememberedName: string | null },
): Promise<{ title: string; story: string; slug?: string }> {
	const [owner] = await db().select({ firstName: people.firstName }).from(people).where(eq(people.id, campaign.ownerId))
	const firstName = owner?.firstName.trim() ?? ''
	const template = campaignKindTemplate(campaign.kind)
	const org = getCharity().shortName
	const before = {
		date: campaign.endsOn ? writtenDate(campaign.endsOn) : undefined,
		remembered: campaign.rememberedName ?? undefined,
	}
	const after = {
		date: details.endsOn ? writtenDate(details.endsOn) : undefined,
		remembered: details.rememberedName ?? undefined,
	}

	const startingStories = [
		template.story(firstName, org),
		template.story(firstName, org, before.date, before.remembered),
	]
	// Browsers send a textarea's line breaks as CRLF; the stored story has LF.
	const storyUntouched =
		details.story.replace(/\r\n/g, '\n') === campaign.story && startingStories.includes(campaign.story)
	const story =
		storyUntouched && (after.date || after.remembered)
			? template.story(firstName, org, after.date, after.remembered)
			: details.story

	const startingTitles = [template.title(firstName), template.title(firstName, before.remembered)]
	const titleUntouched = details.title === campaign.title && startingTitles.includes(campaign.title)
	const title = titleUntouched ? template.title(firstName, after.remembered) : details.title

	// The suggested link follows the new title while it is a draft and its link is still the one we suggested.
	const suggested = new RegExp(`^${slugify(campaign.title)}(-\\d+)?$`)
	if (
		title !== campaign.title &&
		campaign.status === 'draft' &&
		details.slug === campaign.slug &&
		suggested.test(campaign.slug)
	) {
		return { title, story, slug: await suggestFreeSlug(title, db(), campaign.id) }
	}
	return { title, story }
}

/** Step 3: a draft goes live. Publishing twice changes nothing. */
export async function publishCampaign(campaign: Campaign, tx?: Tx): Promise<Campaign> {
	if (campaign.status !== 'draft') return campaign
	if (!tx) return db().transaction((t) => publishCampaign(campaign, t))
	const [updated] = await tx
		.update(campaigns)
		.set({ status: 'active', publishedAt: new Date(), updatedAt: new Date() })
		.where(
			and(
				eq(campaigns.id, campaign.id),
				eq(campaigns.status, 'draft'),
				// An event page waiting for its registration fee goes live only once the fee is paid.
				sql`not exists (select 1 from event_registrations r where r.campaign_id = ${campaigns.id} and r.status = 'awaiting_fee')`,
			),
		)
		.returning()
	if (!updated) return campaign
	await startCampaignSequence(tx, updated.id)
	return updated
}

/**
 * Publishing from the review step. A page says who organises it, so an owner
 * whose account has no first name gives one here; it is saved to their own
 * account in the same transaction as the publishing.
 */
export async function publishFromReview(
	campaign: Campaign,
	organiserName: { firstName: string; lastName: string },
): Promise<{ ok: true; campaign: Campaign } | { ok: false; fieldErrors: Record<string, string[]> }> {
	return db().transaction(async (tx) => {
		const [owner] = await tx.select({ firstName: people.firstName }).from(people).where(eq(people.id, campaign.ownerId))
		if (!owner?.firstName.trim()) {
			if (!organiserName.firstName.trim()) {
				return { ok: false as const, fieldErrors: { firstName: [organiserNameMissing] } }
			}
			await tx
				.update(people)
				.set({
					firstName: organiserName.firstName.trim(),
					lastName: organiserName.lastName.trim(),
					updatedAt: new Date(),
				})
				.where(eq(people.id, campaign.ownerId))
		}
		return { ok: true as const, campaign: await publishCampaign(campaign, tx) }
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

export type UpdateRefusal = { field: 'body'; message: string }

/**
 * Posts an update on the page and emails it to every donor who asked for
 * updates (once per address), once per form token. A campaign may post
 * CAMPAIGN_UPDATES_PER_DAY updates in any 24 hours, so donors are never
 * flooded; the count is taken under a lock on the campaign row.
 */
export async function postCampaignUpdate(campaign: Campaign, author: Person, body: string, token: string | null) {
	const limit = getEnv().CAMPAIGN_UPDATES_PER_DAY
	return createOnce<UpdateRefusal>({ token, action: 'campaign-update', personId: author.id }, async (tx) => {
		await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaign.id)).for('update')
		const since = new Date(Date.now() - 86_400_000)
		const [recent] = await tx
			.select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${campaignUpdates.createdAt})` })
			.from(campaignUpdates)
			.where(and(eq(campaignUpdates.campaignId, campaign.id), gt(campaignUpdates.createdAt, since)))
		if (Number(recent?.n ?? 0) >= limit) {
			const freeAt = new Date(recent!.oldest!).getTime() + 86_400_000
			const hours = Math.max(1, Math.ceil((freeAt - Date.now()) / 3_600_000))
			return {
				refused: {
					field: 'body' as const,
					message: `You have posted ${limit} ${limit === 1 ? 'update' : 'updates'} in the last 24 hours, the most we email to your donors in a day. Please post this one in ${hours} ${hours === 1 ? 'hour' : 'hours'}.`,
				},
			}
		}
		const update = await insertCampaignUpdate(tx, campaign, author, body)
		return { id: update.id }
	})
}

async function insertCampaignUpdate(tx: Tx, campaign: Campaign, author: Person, body: string) {
	const [update] = await tx
		.insert(campaignUpdates)
		.values({ campaignId: campaign.id, authorId: author.id, body })
		.returning()
	const recipients = await tx
		.selectDistinctOn([sql`lower(${donations.donorEmail})`], {
			email: donations.donorEmail,
			donorName: donations.donorName,
			donorId: donations.donorId,
		})
		.from(donations)
		// Only donors whose gift still stands: a refunded or lost gift hears no more.
		.where(
			and(
				eq(donations.campaignId, campaign.id),
				inArray(donations.status, [...countedDonationStatuses]),
				sql`${donations.netMinor} > 0`,
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
}

// Asked at every view of a campaign page: built once.
const campaignUpdatesQuery = preparedQuery((database) =>
	database
		.select({ id: campaignUpdates.id, body: campaignUpdates.body, createdAt: campaignUpdates.createdAt })
		.from(campaignUpdates)
		.where(eq(campaignUpdates.campaignId, sql.placeholder('campaignId')))
		.orderBy(desc(campaignUpdates.createdAt))
		.limit(sql.placeholder('limit'))
		.prepare('campaign_updates'),
)

export async function listCampaignUpdates(campaignId: string, limit = 20) {
	return campaignUpdatesQuery().execute({ campaignId, limit })
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
			netMinor: donations.netMinor,
			giftAidStatus: donations.giftAidStatus,
			// Qualified by table: inside the subquery a bare "id" would be the thank-you's own id.
			thanked: sql<number>`(select count(*) from "donation_thanks" where "donation_thanks"."donation_id" = "donations"."id")::int`,
		})
		.from(donations)
		.where(
			and(
				eq(donations.campaignId, campaignId),
				inArray(donations.status, [...countedDonationStatuses, 'pending_confirmation', 'processing', 'rejected']),
			),
		)
		.orderBy(desc(donations.createdAt))
		.limit(limit)
	return rows.map(({ donorEmail, shareEmail, giftAidStatus, ...row }) => ({
		...row,
		amountMinor: Number(row.amountMinor),
		// Gift Aid on what still counts of an eligible gift (a refund takes it off too).
		giftAidMinor: giftAidStatus === 'eligible' ? giftAidShown(row.netMinor, row.currency) : 0,
		thanked: Number(row.thanked),
		// A gift refunded in full or lost to a dispute is not thanked for.
		canThank: Boolean(donorEmail) && row.netMinor > 0,
		donorEmail: shareEmail ? donorEmail : null,
	}))
}

/**
 * Emails a fundraiser's thank-you to a donor of their campaign: one per
 * gift, kept by a unique index on the thank-you and by the email's cause
 * key. The donor's address is used by the platform only, never shown to the
 * fundraiser.
 */
export async function sendDonorThanks(
	campaign: Campaign,
	sender: Person,
	donationId: string,
	message: string,
	token: string | null,
) {
	const [donation] = await db()
		.select()
		.from(donations)
		.where(and(eq(donations.id, donationId), eq(donations.campaignId, campaign.id)))
	if (!donation) return { status: 'refused' as const, refusal: 'We could not find that donation on this fundraiser.' }
	if (!donation.donorEmail)
		return { status: 'refused' as const, refusal: 'This donor left no email address, so we cannot pass on a message.' }
	// A refunded gift, or one the donor's bank took back, no longer stands: there is nothing to thank them for.
	if (donation.status === 'refunded' || donation.status === 'dispute_lost') {
		return {
			status: 'refused' as const,
			refusal: 'This gift was returned to the donor, so it can no longer be thanked.',
		}
	}
	return createOnce<string>({ token, action: 'donor-thanks', personId: sender.id }, async (tx) => {
		const [thanks] = await tx
			.insert(donationThanks)
			.values({ donationId, senderId: sender.id, message })
			.onConflictDoNothing()
			.returning({ id: donationThanks.id })
		if (!thanks) return { refused: `You have already thanked ${donation.donorName} for this gift.` }
		await queueEmail(tx, {
			template: 'donor-thanks',
			causeKey: `donor-thanks:${donation.id}`,
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
		return { id: thanks.id }
	})
}
