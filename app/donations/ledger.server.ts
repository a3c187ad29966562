import { and, eq, sql, type SQL } from 'drizzle-orm'
import { executeRows, type DbOrTx, type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, disputes, donations, moneyMovements, type DisputeStatus, type DonationStatus } from '#db/schema.ts'
import { addToEventTotals, findRollupDrift, type RollupDrift } from '#app/events/totals.server.ts'

export type MovementInput = typeof moneyMovements.$inferInsert

/** A campaign's stored totals, kept in step with its money record. */
export type CampaignTotals = { raisedMinor: number; donorCount: number }

/**
 * Why a movement in `currency` cannot be recorded for the campaign, or null
 * when it can. Webhook handlers ask before moving money, so a mismatch is
 * held for review instead of failing the event.
 */
export async function movementCurrencyProblem(
	tx: DbOrTx,
	campaignId: string,
	currency: string,
): Promise<string | null> {
	const [row] = await tx.select({ currency: campaigns.currency }).from(campaigns).where(eq(campaigns.id, campaignId))
	if (!row) return `campaign ${campaignId} does not exist`
	return row.currency === currency
		? null
		: `currency ${currency} does not match the campaign's currency ${row.currency}`
}

/** A movement just appended, with the campaign's totals either side of it. */
export type RecordedMovement = {
	id: string
	kind: MovementInput['kind']
	amountMinor: number
	campaignId: string
	donationId: string | null
	/** The campaign's goal, so what follows (milestones) can tell without another query whether one was crossed. */
	goalMinor: number
	before: CampaignTotals
	after: CampaignTotals
}

/**
 * Appends a movement to the money record, once: the (kind, source id) pair is
 * unique, and a donation's gift is counted at most once, so a replayed event
 * adds nothing. Keeps the campaign's totals and the donation's status in step
 * in the same transaction. Returns the new movement with the campaign's
 * totals before and after it, or null when nothing was added. A movement in
 * another currency than its campaign's is refused with an error: amounts in
 * different currencies never add up.
 *
 * Totals change by the movement alone (under the campaign's row lock), so a
 * gift costs the same on a page with 200,000 gifts as on one with 10; the
 * movements stay the truth, and findMoneyDrift (npm run money:check) proves
 * the stored totals against them.
 *
 * Every gift to a campaign waits for its row lock, so the lock is held for as
 * few round trips as possible: the lock, then one statement that appends the
 * movement and moves the totals, then one that sets the donation's status.
 * Callers do their other work before calling this.
 *
 * A movement of a page inside an event also counts for that event and its
 * team (see docs/events.md): a gift for the ones its page is in now, a
 * refund or dispute for the ones its gift counted for, so a team change
 * leaves past gifts where they were.
 */
export async function recordMovement(
	tx: Tx,
	movement: MovementInput,
	/** Set on the donation in the same row update, when its gift is counted now (see DonationPaymentChanges). */
	paid: DonationPaymentChanges = {},
): Promise<RecordedMovement | null> {
	const [campaign] = await tx
		.select({
			currency: campaigns.currency,
			goalMinor: campaigns.goalMinor,
			eventId: campaigns.eventId,
			teamId: campaigns.teamId,
		})
		.from(campaigns)
		.where(eq(campaigns.id, movement.campaignId))
		.for('update')
	if (!campaign) throw new Error(`Refusing a ${movement.kind} movement: campaign ${movement.campaignId} does not exist`)
	if (movement.currency !== campaign.currency) {
		throw new Error(
			`Refusing a ${movement.kind} movement in currency ${movement.currency} for campaign ${movement.campaignId}, which is in ${campaign.currency}`,
		)
	}
	const donationId = movement.donationId ?? null
	const countsFor = await movementCountsFor(tx, movement, campaign)
	// A gift inside an event stamps its donation with the event and team it counted for
	// (outside one both stay null); later movements of the donation keep that stamp.
	const stamp = donationId && isGiftKind(movement.kind) ? countsFor : { eventId: null, teamId: null }
	// One statement after the lock: append the movement, add it to the donation's
	// stored net (donations.net_minor, which the donor wall's partial index reads),
	// set the donation's status from its movements (this one included: the statement
	// cannot see its own insert) and move the totals. A donation counts as a donor while
	// its net is above zero, so the donor count moves only when this movement takes the
	// net across zero. A movement of a Gift Aid eligible gift (decided before the gift was
	// counted) moves the eligible net too: refunds and lost disputes take their Gift Aid off.
	// The donation is updated once: each update of it writes every one of its indexes.
	const [moved] = await executeRows<{
		id: string
		raised: string
		donors: number
		change: number
		gift_aid_change: string
	}>(
		tx,
		sql`
		with inserted as (
			insert into ${moneyMovements} (kind, amount_minor, currency, donation_id, campaign_id, source_id, event_id, team_id, created_at)
			values (${movement.kind}, ${movement.amountMinor}, ${movement.currency}, ${donationId}, ${movement.campaignId}, ${movement.sourceId}, ${countsFor.eventId}, ${countsFor.teamId}, coalesce(${movement.createdAt instanceof Date ? movement.createdAt.toISOString() : null}::timestamptz, now()))
			on conflict do nothing
			returning id, kind, amount_minor
		), net as (
			update ${donations} d set net_minor = d.net_minor + i.amount_minor,
				event_id = coalesce(${stamp.eventId}::uuid, d.event_id),
				team_id = case when ${stamp.eventId}::uuid is null then d.team_id else ${stamp.teamId}::uuid end,
				status = case when derived.gift > 0 then derived.status else d.status end,
				succeeded_at = coalesce(d.succeeded_at, ${paid.succeededAt?.toISOString() ?? null}::timestamptz),
				failure_reason = case when d.succeeded_at is null and ${paid.succeededAt ? 1 : 0} = 1 then null else d.failure_reason end,
				stripe_checkout_session_id = coalesce(d.stripe_checkout_session_id, ${paid.checkoutSessionId ?? null}),
				stripe_payment_intent_id = coalesce(d.stripe_payment_intent_id, ${paid.paymentIntentId ?? null})
			from inserted i, lateral (${derivedDonationStatus(sql`${donationId}::uuid`, {
				gift: sql`case when i.kind in ('donation_succeeded', 'offline_confirmed') then i.amount_minor else 0 end`,
				refunded: sql`case when i.kind = 'refund' then -i.amount_minor else 0 end`,
			})}) derived
			where d.id = ${donationId}::uuid
			returning d.net_minor - i.amount_minor as before, d.gift_aid_status = 'eligible' as gift_aid
		), change as (
			select i.id, i.amount_minor,
				case when n.before is null then 0
					when n.before <= 0 and n.before + i.amount_minor > 0 then 1
					when n.before > 0 and n.before + i.amount_minor <= 0 then -1
					else 0 end as donor_change,
				case when n.gift_aid then i.amount_minor else 0 end as gift_aid_change
			from inserted i left join net n on true
		), moved as (
			update ${campaigns} c set raised_minor = c.raised_minor + ch.amount_minor, donor_count = c.donor_count + ch.donor_change,
				gift_aid_net_minor = c.gift_aid_net_minor + ch.gift_aid_change,
				raised_changed_at = now()
			from change ch where c.id = ${movement.campaignId}
			returning c.raised_minor, c.donor_count
		)
		select ch.id, m.raised_minor::text as raised, m.donor_count as donors, ch.donor_change::int as change,
			ch.gift_aid_change::text as gift_aid_change
		from change ch, moved m`,
	)
	if (!moved) return null
	await addToEventTotals(tx, {
		...countsFor,
		campaignId: movement.campaignId,
		amountMinor: movement.amountMinor,
		donorChange: moved.change,
		giftAidChange: Number(moved.gift_aid_change),
	})
	const after = { raisedMinor: Number(moved.raised), donorCount: moved.donors }
	return {
		id: moved.id,
		kind: movement.kind,
		amountMinor: movement.amountMinor,
		campaignId: movement.campaignId,
		donationId,
		goalMinor: Number(campaign.goalMinor),
		before: { raisedMinor: after.raisedMinor - movement.amountMinor, donorCount: after.donorCount - moved.change },
		after,
	}
}

const isGiftKind = (kind: MovementInput['kind']) => kind === 'donation_succeeded' || kind === 'offline_confirmed'

/**
 * The event and team a movement counts for: a gift (or a movement without a
 * donation) those of its page now; any later movement of a donation those
 * its gift was stamped with, so a refund comes off the team that got the gift.
 */
async function movementCountsFor(
	tx: Tx,
	movement: MovementInput,
	page: { eventId: string | null; teamId: string | null },
): Promise<{ eventId: string | null; teamId: string | null }> {
	if (!movement.donationId || isGiftKind(movement.kind)) return { eventId: page.eventId, teamId: page.teamId }
	const [gift] = await tx
		.select({ eventId: moneyMovements.eventId, teamId: moneyMovements.teamId })
		.from(moneyMovements)
		.where(
			and(
				eq(moneyMovements.donationId, movement.donationId),
				sql`${moneyMovements.kind} in ('donation_succeeded', 'offline_confirmed')`,
			),
		)
	return gift ?? { eventId: page.eventId, teamId: page.teamId }
}

/** A dispute that is still open: the bank has not decided (an inquiry or a chargeback). */
export const openDisputeStatuses: readonly DisputeStatus[] = [
	'warning_needs_response',
	'warning_under_review',
	'needs_response',
	'under_review',
]

/**
 * Statuses of a donation whose gift was counted: they follow the money
 * record (and the disputes Stripe told us of), never the other way round.
 */
export const countedDonationStatuses: readonly DonationStatus[] = [
	'succeeded',
	'partially_refunded',
	'refunded',
	'disputed',
	'dispute_lost',
	'dispute_won',
]

/**
 * What the payment of a gift being counted now sets on its donation, in the
 * movement's own update of the donation: when it succeeded (kept if already
 * set) and its Stripe ids (each kept if already set).
 */
export type DonationPaymentChanges = {
	succeededAt?: Date
	checkoutSessionId?: string | null
	paymentIntentId?: string | null
}

/**
 * A one-row query of the status a counted donation's movements and disputes
 * give it, and its counted gift (`gift`, 0 while not counted): an open dispute
 * shows first (staff must answer it), then a lost one, then refunds, then a
 * won dispute. `pending` adds a movement the statement cannot see yet (its
 * own insert). The one home of this rule: refreshDonationStatus and
 * recordMovement both read it.
 */
function derivedDonationStatus(donationId: SQL, pending?: { gift: SQL; refunded: SQL }) {
	const open = sql.join(
		openDisputeStatuses.map((s) => sql`${s}`),
		sql`, `,
	)
	return sql`
		select case
			when exists (select 1 from ${disputes} x where x.donation_id = ${donationId} and x.status in (${open})) then 'disputed'
			when exists (select 1 from ${disputes} x where x.donation_id = ${donationId} and x.status = 'lost') then 'dispute_lost'
			when sums.refunded >= sums.gift then 'refunded'
			when sums.refunded > 0 then 'partially_refunded'
			when exists (select 1 from ${disputes} x where x.donation_id = ${donationId} and x.status = 'won') then 'dispute_won'
			else 'succeeded' end::donation_status as status,
			sums.gift
		from (
			select coalesce(sum(m.amount_minor) filter (where m.kind in ('donation_succeeded', 'offline_confirmed')), 0) + ${pending?.gift ?? sql`0`} as gift,
				coalesce(-sum(m.amount_minor) filter (where m.kind = 'refund'), 0) + ${pending?.refunded ?? sql`0`} as refunded
			from ${moneyMovements} m where m.donation_id = ${donationId}
		) sums`
}

/**
 * Sets a counted donation's status from its movements and disputes (see
 * derivedDonationStatus), when a dispute changed without money moving; a
 * movement sets it itself. A donation whose gift is not counted keeps the
 * status its checkout gave it. One statement.
 */
export async function refreshDonationStatus(tx: DbOrTx, donationId: string) {
	await tx.execute(sql`
		update ${donations} d set status = derived.status
		from (${derivedDonationStatus(sql`${donationId}::uuid`)}) derived
		where d.id = ${donationId} and derived.gift > 0 and d.status <> derived.status`)
}

/** Ledger-derived figures of one campaign: what every page must show. */
export function ledgerTotalsSql(campaignId: ReturnType<typeof sql> | string) {
	return {
		raised: sql<number>`coalesce((select sum(m.amount_minor) from money_movements m where m.campaign_id = ${campaignId}), 0)::bigint`,
		donors: sql<number>`(select count(*) from (select m.donation_id from money_movements m where m.campaign_id = ${campaignId} and m.donation_id is not null group by m.donation_id having sum(m.amount_minor) > 0) d)::int`,
	}
}

export type Drift = {
	campaignId: string
	slug: string
	storedRaised: number
	ledgerRaised: number
	storedDonors: number
	ledgerDonors: number
	storedGiftAidNet: number
	ledgerGiftAidNet: number
}

/**
 * Every campaign whose stored totals differ from the money record (should be
 * none), and every event and team (`rollupDrift`, see findRollupDrift). One grouped pass over the movements (per donation, then per
 * campaign) joined to the campaigns, so the check costs one scan of the
 * ledger however many campaigns there are.
 */
export async function findMoneyDrift(): Promise<{
	checked: number
	drift: Drift[]
	checkedEvents: number
	checkedTeams: number
	rollupDrift: RollupDrift[]
}> {
	const m = moneyMovements
	// Per donation, with whether Gift Aid applies to it (a movement without a donation never does).
	const perDonation = db()
		.select({
			campaignId: m.campaignId,
			donationId: m.donationId,
			netMinor: sql<number>`sum(${m.amountMinor})`.as('net_minor'),
			giftAid: sql<boolean>`coalesce(${donations.giftAidStatus} = 'eligible', false)`.as('gift_aid'),
		})
		.from(m)
		.leftJoin(donations, eq(donations.id, m.donationId))
		.groupBy(m.campaignId, m.donationId, donations.giftAidStatus)
		.as('per_donation')
	const perCampaign = db()
		.select({
			campaignId: perDonation.campaignId,
			raised: sql<number>`sum(${perDonation.netMinor})`.as('raised'),
			donors:
				sql<number>`count(*) filter (where ${perDonation.donationId} is not null and ${perDonation.netMinor} > 0)`.as(
					'donors',
				),
			giftAidNet: sql<number>`sum(${perDonation.netMinor}) filter (where ${perDonation.giftAid})`.as('gift_aid_net'),
		})
		.from(perDonation)
		.groupBy(perDonation.campaignId)
		.as('per_campaign')
	const ledgerRaised = sql<number>`coalesce(${perCampaign.raised}, 0)::bigint`
	const ledgerDonors = sql<number>`coalesce(${perCampaign.donors}, 0)::int`
	const ledgerGiftAidNet = sql<number>`coalesce(${perCampaign.giftAidNet}, 0)::bigint`
	const [counted, rows, rollup] = await Promise.all([
		db()
			.select({ n: sql<number>`count(*)::int`.mapWith(Number) })
			.from(campaigns),
		db()
			.select({
				campaignId: campaigns.id,
				slug: campaigns.slug,
				storedRaised: campaigns.raisedMinor,
				storedDonors: campaigns.donorCount,
				ledgerRaised: ledgerRaised.mapWith(Number),
				ledgerDonors: ledgerDonors.mapWith(Number),
				storedGiftAidNet: campaigns.giftAidNetMinor,
				ledgerGiftAidNet: ledgerGiftAidNet.mapWith(Number),
			})
			.from(campaigns)
			.leftJoin(perCampaign, eq(perCampaign.campaignId, campaigns.id))
			.where(
				sql`${campaigns.raisedMinor} <> ${ledgerRaised} or ${campaigns.donorCount} <> ${ledgerDonors} or ${campaigns.giftAidNetMinor} <> ${ledgerGiftAidNet}`,
			),
		findRollupDrift(),
	])
	return {
		checked: counted[0]?.n ?? 0,
		checkedEvents: rollup.checkedEvents,
		checkedTeams: rollup.checkedTeams,
		rollupDrift: rollup.drift,
		drift: rows.map((r) => ({
			...r,
			storedRaised: Number(r.storedRaised),
			ledgerRaised: Number(r.ledgerRaised),
			storedDonors: Number(r.storedDonors),
			ledgerDonors: Number(r.ledgerDonors),
			storedGiftAidNet: Number(r.storedGiftAidNet),
			ledgerGiftAidNet: Number(r.ledgerGiftAidNet),
		})),
	}
}

export type DonationNetDrift = { donationId: string; storedNetMinor: number; ledgerNetMinor: number }

/**
 * Every donation whose stored net (donations.net_minor, what the donor wall
 * and donor counts read) differs from the sum of its movements (should be
 * none). One grouped pass over the movements joined to the donations.
 */
export async function findDonationNetDrift(): Promise<{ checked: number; drift: DonationNetDrift[] }> {
	const m = moneyMovements
	const perDonation = db()
		.select({ donationId: m.donationId, netMinor: sql<number>`sum(${m.amountMinor})`.as('ledger_net_minor') })
		.from(m)
		.where(sql`${m.donationId} is not null`)
		.groupBy(m.donationId)
		.as('per_donation')
	const ledgerNet = sql<number>`coalesce(${perDonation.netMinor}, 0)::bigint`
	const [counted, rows] = await Promise.all([
		db()
			.select({ n: sql<number>`count(*)::int`.mapWith(Number) })
			.from(donations),
		db()
			.select({
				donationId: donations.id,
				storedNetMinor: donations.netMinor,
				ledgerNetMinor: ledgerNet.mapWith(Number),
			})
			.from(donations)
			.leftJoin(perDonation, eq(perDonation.donationId, donations.id))
			.where(sql`${donations.netMinor} <> ${ledgerNet}`),
	])
	return {
		checked: counted[0]?.n ?? 0,
		drift: rows.map((r) => ({
			...r,
			storedNetMinor: Number(r.storedNetMinor),
			ledgerNetMinor: Number(r.ledgerNetMinor),
		})),
	}
}
