import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import {
	campaigns,
	donations,
	eventRegistrations,
	events,
	giftAidDeclarations,
	type Campaign,
	type GiftAidDeclaration,
	type GiftAidScope,
	type GiftAidStatus,
} from '#db/schema.ts'
import { type DeclarationDetails } from './declaration-fields.ts'
import { GIFT_AID_WORDING_VERSION } from './wording.ts'

function sign(declarationId: string) {
	return createHmac('sha256', getEnv().SESSION_SECRET)
		.update(`gift-aid-declaration:${declarationId}`)
		.digest('base64url')
}

/**
 * The address of the page where a donor updates their name or address or
 * cancels their declaration: the declaration's id signed with
 * SESSION_SECRET, so the emailed link works without signing in and no
 * other declaration can be reached by changing it.
 */
export function declarationPath(declarationId: string) {
	return `/gift-aid/${declarationId}?t=${sign(declarationId)}`
}

/** The declaration a signed link names, or null when the link is not one we made. */
export async function getDeclarationByLink(
	declarationId: string,
	token: string | null,
): Promise<GiftAidDeclaration | null> {
	if (!isUuid(declarationId) || !token) return null
	const expected = Buffer.from(sign(declarationId))
	const given = Buffer.from(token)
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
	const [row] = await db().select().from(giftAidDeclarations).where(eq(giftAidDeclarations.id, declarationId))
	return row ?? null
}

/** A donor's declaration as made on the donation form, recorded with the gift it comes with. */
export async function createOnlineDeclaration(
	tx: Tx,
	input: { details: DeclarationDetails; scope: GiftAidScope; donorEmail: string; personId: string | null },
): Promise<GiftAidDeclaration> {
	const [row] = await tx
		.insert(giftAidDeclarations)
		.values({
			wordingVersion: GIFT_AID_WORDING_VERSION,
			scope: input.scope,
			source: 'online',
			...input.details,
			donorEmail: input.donorEmail,
			personId: input.personId,
		})
		.returning()
	return row!
}

/**
 * Whether Gift Aid applies to a declared gift to this page, decided on the
 * server when the gift is made. Only the donor's own money with nothing in
 * return is ever declared here (registration fees are paid elsewhere and are
 * never donations; the fee cover is outside amountMinor). On an event whose
 * charity pays participants' costs, HMRC excludes the participant's own gifts
 * and their family's: the donor's answer says so, and a signed-in donor who
 * is registered for the event (or owns the page) is a participant whatever
 * they answered.
 */
export async function decideGiftAidStatus(
	tx: DbOrTx,
	input: { campaign: Pick<Campaign, 'eventId' | 'ownerId'>; donorId: string | null; participantOrFamily: boolean },
): Promise<GiftAidStatus> {
	const { campaign, donorId } = input
	if (!campaign.eventId) return 'eligible'
	const [event] = await tx
		.select({ charityPays: events.charityPaysParticipantCosts })
		.from(events)
		.where(eq(events.id, campaign.eventId))
	if (!event?.charityPays) return 'eligible'
	if (input.participantOrFamily) return 'participant_or_family'
	if (!donorId) return 'eligible'
	if (donorId === campaign.ownerId) return 'participant_or_family'
	const [registered] = await tx
		.select({ id: eventRegistrations.id })
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, campaign.eventId), eq(eventRegistrations.personId, donorId)))
	return registered ? 'participant_or_family' : 'eligible'
}

/**
 * The name of the page's event when donors must be asked the sponsored-events
 * question (the charity pays participants' costs), else null.
 */
export async function participantQuestionEvent(campaign: Pick<Campaign, 'eventId'>): Promise<string | null> {
	if (!campaign.eventId) return null
	const [event] = await db()
		.select({ name: events.name, charityPays: events.charityPaysParticipantCosts })
		.from(events)
		.where(eq(events.id, campaign.eventId))
	return event?.charityPays ? event.name : null
}

/**
 * The donor changed their name or address from the emailed link: the
 * declaration holds the new details for claims not yet made (a claim already
 * made keeps what it sent); the old details are kept in the audit log.
 */
export async function updateDeclarationDetails(declaration: GiftAidDeclaration, details: DeclarationDetails) {
	await db().transaction(async (tx) => {
		await tx
			.update(giftAidDeclarations)
			.set({ ...details, updatedAt: new Date() })
			.where(eq(giftAidDeclarations.id, declaration.id))
		await recordAudit(tx, {
			actorId: null,
			action: 'gift_aid.declaration_updated',
			subjectType: 'gift_aid_declaration',
			subjectId: declaration.id,
			data: {
				before: {
					title: declaration.title,
					firstName: declaration.firstName,
					lastName: declaration.lastName,
					houseNameOrNumber: declaration.houseNameOrNumber,
					postcode: declaration.postcode,
					overseas: declaration.overseas,
				},
			},
		})
	})
}

/**
 * The donor cancelled the declaration: from now on it covers no gift. Gifts
 * made before keep their Gift Aid (HMRC: a cancellation applies to gifts
 * after it), claimed or not, so no total moves. Cancelling twice keeps the
 * first date.
 */
export async function cancelDeclaration(declarationId: string) {
	await db().transaction(async (tx) => {
		const [cancelled] = await tx
			.update(giftAidDeclarations)
			.set({ cancelledAt: new Date() })
			.where(and(eq(giftAidDeclarations.id, declarationId), isNull(giftAidDeclarations.cancelledAt)))
			.returning({ id: giftAidDeclarations.id })
		if (cancelled) {
			await recordAudit(tx, {
				actorId: null,
				action: 'gift_aid.declaration_cancelled',
				subjectType: 'gift_aid_declaration',
				subjectId: declarationId,
			})
		}
	})
}

/** The page a declaration's first gift went to, for the update page's wording. */
export async function declarationCampaignTitle(declarationId: string) {
	const [row] = await db()
		.select({ title: campaigns.title })
		.from(donations)
		.innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
		.where(eq(donations.giftAidDeclarationId, declarationId))
		.limit(1)
	return row?.title ?? null
}
