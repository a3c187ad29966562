import { sql } from 'drizzle-orm'
import {
	type AnyPgColumn,
	bigint,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid,
} from 'drizzle-orm/pg-core'

const id = () => uuid('id').primaryKey().defaultRandom()
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
/** Money is integer minor units; bigint so large platform totals never overflow. */
const minor = (name: string) => bigint(name, { mode: 'number' })

/** The ideas a supporter can fundraise with. */
export const campaignKind = pgEnum('campaign_kind', [
	/** A birthday: friends give instead of presents. */
	'birthday',
	/** A polar dip or another personal challenge. */
	'challenge',
	/** A run, walk or ride. */
	'run_walk_ride',
	/** A wedding, anniversary or other celebration. */
	'celebration',
	/** In memory of someone. */
	'in_memory',
	/** Anything else the supporter comes up with. */
	'own_idea',
])

export const personRole = pgEnum('person_role', [
	/** Anyone outside the charity: sign-ups, fundraisers, donors. */
	'supporter',
	/** Charity staff who moderate campaigns and see reports. */
	'staff',
	/** Staff who also manage other staff and settings. */
	'admin',
])

export const coachingArm = pgEnum('coaching_arm', [
	/** Receives the onboarding and coaching emails. */
	'coached',
	/** Hold-out group: transactional emails only, so the effect of coaching can be measured. */
	'holdout',
])

/** Anyone with an email address: sign-ups, fundraisers, donors, staff. */
export const people = pgTable(
	'people',
	{
		id: id(),
		email: text('email').notNull(),
		/** Lower-cased email: one person per address, whatever its case. */
		emailKey: text('email_key')
			.notNull()
			.generatedAlwaysAs(sql`lower(email)`)
			.unique(),
		firstName: text('first_name').notNull().default(''),
		lastName: text('last_name').notNull().default(''),
		/** When the person last agreed to hear from the charity by email; null = no consent. */
		emailConsentAt: timestamp('email_consent_at', { withTimezone: true }),
		/** Fundraising tips and coaching emails (separate from charity news consent). */
		coachingEmails: boolean('coaching_emails').notNull().default(true),
		role: personRole('role').notNull().default('supporter'),
		/** Updates from fundraisers this person gave to (donor update emails). */
		updateEmails: boolean('update_emails').notNull().default(true),
		/** Which arm of the coaching measurement the person is in; set once, at their first sign-up or campaign. */
		coachingArm: coachingArm('coaching_arm'),
		photoUrl: text('photo_url'),
		/** Set when the person deleted their account: their details are anonymised, gifts kept. */
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		// Searching participants by name (`ilike '%…%'` on this very expression, the event page's search): trigrams,
		// so a search reads only the people who match. `||`, not concat() (not immutable, so not indexable).
		index('people_name_trgm_idx').using('gin', sql`trim(${t.firstName} || ' ' || ${t.lastName}) gin_trgm_ops`),
	],
)

/**
 * Signed-in sessions. The cookie holds only the id (signed); deleting rows
 * signs a person out everywhere.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: id(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: createdAt(),
		userAgent: text('user_agent'),
	},
	(t) => [index('sessions_person_idx').on(t.personId)],
)

/**
 * One-time sign-in challenges: an emailed link token and a 6-digit code,
 * both stored only as hashes; single use, short-lived, few attempts.
 */
export const signInCodes = pgTable(
	'sign_in_codes',
	{
		id: id(),
		email: text('email').notNull(),
		codeHash: text('code_hash').notNull(),
		linkTokenHash: text('link_token_hash').notNull().unique(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		failedAttempts: integer('failed_attempts').notNull().default(0),
		/** When wrong codes used up the challenge; repeated voiding pauses sign-in for the address. */
		voidedAt: timestamp('voided_at', { withTimezone: true }),
		usedAt: timestamp('used_at', { withTimezone: true }),
		/** Where to go after signing in (a local path). */
		redirectTo: text('redirect_to'),
		createdAt: createdAt(),
	},
	(t) => [index('sign_in_codes_email_created_idx').on(t.email, t.createdAt)],
)

/** A "learn more about fundraising" sign-up. One row per submission, so history is kept. */
export const signups = pgTable(
	'signups',
	{
		id: id(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id),
		idea: campaignKind('idea'),
		/** What was ticked on the form; a public form cannot speak for an address, so it is only a request. */
		emailConsent: boolean('email_consent').notNull(),
		/** When the address confirmed the ticked consent from the emailed link; only then does it take effect. */
		consentConfirmedAt: timestamp('consent_confirmed_at', { withTimezone: true }),
		source: text('source').notNull().default('learn_more'),
		createdAt: createdAt(),
	},
	(t) => [index('signups_person_idx').on(t.personId)],
)

export const contactTopic = pgEnum('contact_topic', [
	/** "Need help? We're here to help" — supporters' questions. */
	'help',
	/** Media enquiries. */
	'media',
])

/** Messages from the contact and media forms, kept for staff. */
export const contactMessages = pgTable(
	'contact_messages',
	{
		id: id(),
		topic: contactTopic('topic').notNull(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		organisation: text('organisation'),
		phone: text('phone'),
		message: text('message').notNull(),
		createdAt: createdAt(),
	},
	(t) => [index('contact_messages_topic_created_idx').on(t.topic, t.createdAt)],
)

export const campaignStatus = pgEnum('campaign_status', [
	/** Being written; visible to its owner only. */
	'draft',
	/** Published and taking donations. */
	'active',
	/** Past its end date or ended early; shows its final total. */
	'ended',
	/** Hidden by staff; 404 to the public. */
	'hidden',
])

export const campaignPurpose = pgEnum('campaign_purpose', [
	/** A supporter's own page (alone or inside an event): listed, searchable, on leaderboards. */
	'personal',
	/** The page that takes gifts made to an event team as a whole; shown as the team's page, never listed. */
	'team',
	/** The page that takes gifts made to an event itself; shown as the event's page, never listed. */
	'event',
])

export const campaigns = pgTable(
	'campaigns',
	{
		id: id(),
		ownerId: uuid('owner_id')
			.notNull()
			.references(() => people.id),
		kind: campaignKind('kind').notNull(),
		slug: text('slug').notNull().unique(),
		title: text('title').notNull(),
		/** Markdown subset, rendered through the sanitiser. */
		story: text('story').notNull().default(''),
		/**
		 * The story rendered through the sanitiser when it was saved, so a page
		 * view never parses Markdown; null until then (filled on first view).
		 */
		storyHtml: text('story_html'),
		goalMinor: minor('goal_minor').notNull(),
		currency: text('currency').notNull(),
		endsOn: date('ends_on'),
		status: campaignStatus('status').notNull().default('draft'),
		featured: boolean('featured').notNull().default(false),
		coverImage: text('cover_image'),
		coverAlt: text('cover_alt'),
		/** Amounts (minor units) offered as quick choices on the donation form. */
		presetAmountsMinor: jsonb('preset_amounts_minor').$type<number[]>(),
		/** Denormalised from money_movements in the same transaction; `npm run money:check` verifies. */
		raisedMinor: minor('raised_minor').notNull().default(0),
		/** Donations whose movements net above zero, kept in step like raisedMinor. */
		donorCount: integer('donor_count').notNull().default(0),
		/**
		 * The net (after refunds and disputes) of the gifts Gift Aid applies to (donations.giftAidStatus =
		 * 'eligible'), kept in step with raisedMinor in the same statement; Gift Aid shown = floor(× 25 / 100).
		 */
		giftAidNetMinor: minor('gift_aid_net_minor').notNull().default(0),
		/** Why staff hid the campaign, shown to its owner. */
		hiddenReason: text('hidden_reason'),
		/** For a page in memory of someone: who is remembered, as the organiser wrote it. */
		rememberedName: text('remembered_name'),
		/** What the row is: a person's page, or the gift-taking page of a team or an event (see docs/events.md). */
		purpose: campaignPurpose('purpose').notNull().default('personal'),
		/** The event the page belongs to (a participant's page, or a team's or the event's own page). */
		eventId: uuid('event_id').references((): AnyPgColumn => events.id),
		/** The team the participant is in now (past gifts stay with the team that got them). */
		teamId: uuid('team_id').references((): AnyPgColumn => teams.id),
		/** When raisedMinor last changed: on a leaderboard, equal totals rank by who reached them first. */
		raisedChangedAt: timestamp('raised_changed_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		/** When staff reviewed (approved) the campaign; null = not yet reviewed. */
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewedById: uuid('reviewed_by_id'),
	},
	(t) => [
		check('campaigns_goal_positive', sql`${t.goalMinor} > 0`),
		index('campaigns_owner_idx').on(t.ownerId),
		index('campaigns_status_published_idx').on(t.status, t.publishedAt),
		index('campaigns_featured_idx').on(t.featured, t.status),
		index('campaigns_event_team_idx').on(t.eventId, t.teamId),
		// An event's top fundraisers (the public pages only), read from the index's start (ties: who got there
		// first); a participant's rank counts the entries ahead of it here, without reading a campaign row.
		index('campaigns_event_board_idx')
			.on(t.eventId, sql`${t.raisedMinor} desc`, t.raisedChangedAt, t.id)
			.where(sql`${t.purpose} = 'personal' and ${t.status} in ('active', 'ended') and ${t.eventId} is not null`),
		// A team's members with their totals, same order.
		index('campaigns_team_board_idx')
			.on(t.teamId, sql`${t.raisedMinor} desc`, t.raisedChangedAt, t.id)
			.where(sql`${t.purpose} = 'personal' and ${t.status} in ('active', 'ended') and ${t.teamId} is not null`),
		// The one gift-taking page of each team and each event.
		uniqueIndex('campaigns_one_team_page')
			.on(t.teamId)
			.where(sql`${t.purpose} = 'team'`),
		uniqueIndex('campaigns_one_event_page')
			.on(t.eventId)
			.where(sql`${t.purpose} = 'event'`),
		// The staff overview's top campaigns: the few that raised most, read from the index's end.
		// Plain DESC (drizzle's .desc() adds NULLS LAST, which `order by raised_minor desc` cannot read in order).
		index('campaigns_raised_idx').on(sql`${t.raisedMinor} desc`, t.slug),
		// The campaigns CSV, read in keyset pages in this order.
		index('campaigns_created_id_idx').on(t.createdAt, t.id),
		// Searching pages by title (`ilike '%…%'`, the event page's search): trigrams, so a search reads only the matches.
		index('campaigns_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
	],
)

/**
 * Links a published campaign used before its owner changed it. Each answers
 * with a permanent redirect to the current link (shared links and printed QR
 * codes keep working) and stays reserved: the primary key keeps it unique, and
 * new links are checked against this table as well as campaigns.slug.
 */
export const campaignFormerSlugs = pgTable(
	'campaign_former_slugs',
	{
		slug: text('slug').primaryKey(),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
	},
	(t) => [index('campaign_former_slugs_campaign_idx').on(t.campaignId)],
)

/**
 * Form tokens that were used. Every form that creates something carries a
 * random token rendered by its loader; the first post claims it here in the
 * same transaction as what it creates, so a double click or a resent form
 * finds the claim and answers like the first success instead of creating twice.
 */
export const formSubmissions = pgTable(
	'form_submissions',
	{
		token: text('token').primaryKey(),
		/** What the form does ("campaign-update", "offline-gift"…); a token is good for one kind of form. */
		action: text('action').notNull(),
		/** Who sent it, when signed in: a token cannot be replayed by someone else. */
		personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
		/** The id of what the first post created. */
		resultId: text('result_id'),
		createdAt: createdAt(),
	},
	(t) => [index('form_submissions_created_idx').on(t.createdAt)],
)

/** Short posts from the organiser, shown newest first on the campaign page. */
export const campaignUpdates = pgTable(
	'campaign_updates',
	{
		id: id(),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		authorId: uuid('author_id')
			.notNull()
			.references(() => people.id),
		body: text('body').notNull(),
		createdAt: createdAt(),
	},
	(t) => [index('campaign_updates_campaign_created_idx').on(t.campaignId, t.createdAt)],
)

/** Whether a gift is one Gift Aid can be claimed on, decided on the server when the gift is made. */
export const giftAidStatus = pgEnum('gift_aid_status', [
	/** No Gift Aid declaration came with the gift (or Gift Aid was not offered: not GBP, or not a GB charity). */
	'not_declared',
	/** A UK taxpayer's own money, declared, with no benefit in return: Gift Aid counts and can be claimed. */
	'eligible',
	/**
	 * Declared, but the donor is the participant (or their family) in an event whose costs the charity
	 * pays: HMRC's sponsored-events rule excludes it. Kept so the record shows why.
	 */
	'participant_or_family',
	/** A sponsor's declaration from an offline sponsorship form that staff did not accept (incomplete, unreadable). */
	'declaration_rejected',
])

export const giftAidScope = pgEnum('gift_aid_scope', [
	/** This gift only (HMRC's single-donation declaration). */
	'this_gift',
	/** This gift, any future gifts and gifts in the past four years to the charity (HMRC's enduring declaration). */
	'all_gifts',
])

export const giftAidDeclarationSource = pgEnum('gift_aid_declaration_source', [
	/** Given by the donor on the donation form (online or the test checkout). */
	'online',
	/** Copied by a fundraiser from HMRC's sponsorship form, confirmed by staff with the gift. */
	'offline_sponsorship',
])

/**
 * A Gift Aid declaration, a record of its own (HMRC asks charities to keep
 * them): the wording the donor agreed to, when, who they are and what it
 * covers. Donations point at it (donations.giftAidDeclarationId). Cancelling
 * stops its use for future gifts only; gifts already made keep their status.
 * The email link that updates or cancels it is the id signed with
 * SESSION_SECRET, so no token is stored.
 */
export const giftAidDeclarations = pgTable(
	'gift_aid_declarations',
	{
		id: id(),
		/** Which version of the declaration wording the donor saw (app/gift-aid/wording.ts). */
		wordingVersion: text('wording_version').notNull(),
		scope: giftAidScope('scope').notNull(),
		source: giftAidDeclarationSource('source').notNull().default('online'),
		/** HMRC's schedule: title up to 4 characters, names up to 35, house name or number up to 40. */
		title: text('title'),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		houseNameOrNumber: text('house_name_or_number').notNull(),
		/** A UK postcode in HMRC's format (upper case, one space); null only for a donor living overseas. */
		postcode: text('postcode'),
		/** The donor lives outside the UK (HMRC: no postcode, "X" in the claim's postcode column). */
		overseas: boolean('overseas').notNull().default(false),
		donorEmail: text('donor_email'),
		/** The signed-in person who declared, if any (never matched from a typed email address). */
		personId: uuid('person_id').references(() => people.id),
		/** Who typed it in: the fundraiser, for an offline sponsorship form. */
		recordedById: uuid('recorded_by_id').references(() => people.id),
		createdAt: createdAt(),
		/** When the donor last changed their name or address from the emailed link. */
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** When the donor cancelled it: no future gift may use it; past gifts keep their Gift Aid. */
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
	},
	(t) => [
		check(
			'gift_aid_declarations_postcode_or_overseas',
			sql`(${t.overseas} and ${t.postcode} is null) or (not ${t.overseas} and ${t.postcode} is not null)`,
		),
		index('gift_aid_declarations_person_idx')
			.on(t.personId)
			.where(sql`${t.personId} is not null`),
		index('gift_aid_declarations_email_idx').on(sql`lower(${t.donorEmail})`),
	],
)

export const donationStatus = pgEnum('donation_status', [
	/** Checkout started, no payment yet. */
	'pending',
	/** Paid with an asynchronous method that has not settled. */
	'processing',
	/** Paid; counted through the money record, nothing taken back. */
	'succeeded',
	/** The payment failed. */
	'failed',
	/** Checkout abandoned. */
	'expired',
	/** An offline gift recorded by the fundraiser, waiting for staff to confirm it. */
	'pending_confirmation',
	/** An offline gift staff could not confirm. */
	'rejected',
	/** Counted, then part of it was refunded: the net still counts. */
	'partially_refunded',
	/** Counted, then refunded in full: it no longer counts. */
	'refunded',
	/** A dispute (or an inquiry) about the payment is open; money leaves only once Stripe withdraws it. */
	'disputed',
	/** The donor's bank won the dispute: the money is gone for good. */
	'dispute_lost',
	/** The charity won the dispute: the money came back. */
	'dispute_won',
])

export const donationChannel = pgEnum('donation_channel', [
	/** Paid online through Stripe. */
	'online',
	/** Cash or cheque collected by the fundraiser. */
	'offline',
])

export const donations = pgTable(
	'donations',
	{
		id: id(),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		/** The event and team the gift counted for, fixed when it was counted (a later team change leaves it here). */
		eventId: uuid('event_id').references((): AnyPgColumn => events.id),
		teamId: uuid('team_id').references((): AnyPgColumn => teams.id),
		/** Who gave, when they were signed in as they started the gift (never from a matching email). */
		donorId: uuid('donor_id').references(() => people.id),
		channel: donationChannel('channel').notNull().default('online'),
		/** Name as the donor gave it; never shown publicly when anonymous. */
		donorName: text('donor_name').notNull(),
		donorEmail: text('donor_email'),
		/** The donor agreed that the fundraiser may see their email address. */
		shareEmailWithFundraiser: boolean('share_email_with_fundraiser').notNull().default(false),
		/** Fundraiser's note on an offline gift (cash, cheque number…). */
		offlineNote: text('offline_note'),
		recordedById: uuid('recorded_by_id').references(() => people.id),
		confirmedById: uuid('confirmed_by_id').references(() => people.id),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		amountMinor: minor('amount_minor').notNull(),
		/** Extra the donor chose to add to cover processing fees. */
		coverFeeMinor: minor('cover_fee_minor').notNull().default(0),
		currency: text('currency').notNull(),
		status: donationStatus('status').notNull().default('pending'),
		anonymous: boolean('anonymous').notNull().default(false),
		hideAmount: boolean('hide_amount').notNull().default(false),
		message: text('message'),
		/** The donor asked to hear from the charity. */
		marketingOptIn: boolean('marketing_opt_in').notNull().default(false),
		/** The donor asked for the fundraiser's updates by email. */
		updatesOptIn: boolean('updates_opt_in').notNull().default(false),
		/** Keyed hash of the donor's IP, for card-testing limits without storing the address. */
		clientIpHash: text('client_ip_hash'),
		failureReason: text('failure_reason'),
		stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
		stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
		createdAt: createdAt(),
		succeededAt: timestamp('succeeded_at', { withTimezone: true }),
		/**
		 * What the gift still gives after refunds and disputes: the sum of its
		 * money movements, kept in step by recordMovement in the same
		 * transaction as each movement (0 until the gift is counted). The donor
		 * wall, the donor count and update emails read it instead of summing the
		 * ledger per row; `npm run money:check` proves it against the movements.
		 */
		netMinor: minor('net_minor').notNull().default(0),
		/** The Gift Aid declaration given with this gift, if any. */
		giftAidDeclarationId: uuid('gift_aid_declaration_id').references(() => giftAidDeclarations.id),
		/**
		 * Whether Gift Aid applies, decided on the server when the gift is made (before it is counted:
		 * recordMovement adds an eligible gift's movements to the Gift Aid figures, so it must not change
		 * after). Gift Aid is on amountMinor only, never on coverFeeMinor.
		 */
		giftAidStatus: giftAidStatus('gift_aid_status').notNull().default('not_declared'),
		/**
		 * What Gift Aid claims have claimed on this gift so far: its net when a batch took it, lowered by each
		 * adjustment a later batch made after a refund or lost dispute; null until a batch takes it. Written in
		 * the same statement as the claim items, so the two partial indexes below hold exactly the gifts still
		 * to claim and the gifts that now give less than was claimed (an adjustment is due).
		 */
		giftAidClaimedMinor: minor('gift_aid_claimed_minor'),
	},
	(t) => [
		check('donations_amount_positive', sql`${t.amountMinor} > 0`),
		// Gift Aid is decided on a declaration: a gift without one is never eligible.
		check(
			'donations_gift_aid_declared',
			sql`${t.giftAidStatus} = 'not_declared' or ${t.giftAidDeclarationId} is not null`,
		),
		index('donations_campaign_status_idx').on(t.campaignId, t.status, t.succeededAt),
		index('donations_campaign_created_idx').on(t.campaignId, t.createdAt),
		index('donations_email_created_idx').on(t.donorEmail, t.createdAt),
		index('donations_ip_created_idx').on(t.clientIpHash, t.createdAt),
		// Counting every donation started in the last minute, for the platform-wide velocity limit.
		index('donations_created_idx').on(t.createdAt),
		// The donor wall, newest first, read in keyset pages (page 1,000 costs what page 1 does): only the
		// gifts still standing are in it, so a page is the next 20 entries of the index, whatever was refunded.
		// Ordered by when the gift was paid, or started if that was never stamped, so the key is never null.
		// Plain DESC (nulls first, as in the query's ORDER BY): drizzle's .desc() adds NULLS LAST, an order no
		// query asks for, and the planner then sorts every gift of the campaign instead of reading the index.
		index('donations_wall_idx')
			.on(t.campaignId, sql`coalesce(${t.succeededAt}, ${t.createdAt}) desc`, sql`${t.id} desc`)
			.where(sql`${t.netMinor} > 0`),
		// Recent gifts across an event, newest first, only those still standing (the donor wall's order).
		index('donations_event_wall_idx')
			.on(t.eventId, sql`coalesce(${t.succeededAt}, ${t.createdAt}) desc`, sql`${t.id} desc`)
			.where(sql`${t.eventId} is not null and ${t.netMinor} > 0`),
		// The donations CSV, read in keyset pages by when the gift was paid (or started).
		index('donations_export_order_idx').on(sql`coalesce(${t.succeededAt}, ${t.createdAt})`, t.id),
		// A person's own gifts on their account, newest first.
		index('donations_donor_created_idx')
			.on(t.donorId, t.createdAt.desc(), t.id.desc())
			.where(sql`${t.donorId} is not null`),
		// Gift Aid claims: eligible gifts still standing, oldest first, read in keyset pages from a date.
		index('donations_gift_aid_claimable_idx')
			.on(sql`coalesce(${t.succeededAt}, ${t.createdAt})`, t.id)
			.where(sql`${t.giftAidStatus} = 'eligible' and ${t.netMinor} > 0`),
		index('donations_gift_aid_declaration_idx')
			.on(t.giftAidDeclarationId)
			.where(sql`${t.giftAidDeclarationId} is not null`),
		// Staff's "ready to claim" list and a new claim batch: eligible gifts still giving something that no batch
		// holds, oldest first, in keyset pages. Claimed gifts leave the index, so its size is the backlog, not history.
		index('donations_gift_aid_unclaimed_idx')
			.on(sql`coalesce(${t.succeededAt}, ${t.createdAt})`, t.id)
			.where(sql`${t.giftAidStatus} = 'eligible' and ${t.netMinor} > 0 and ${t.giftAidClaimedMinor} is null`),
		// Claimed gifts refunded (or lost to a dispute) since: the next batch's adjustments.
		index('donations_gift_aid_adjustment_due_idx')
			.on(sql`coalesce(${t.succeededAt}, ${t.createdAt})`, t.id)
			.where(sql`${t.giftAidClaimedMinor} > greatest(${t.netMinor}, 0)`),
	],
)

export const stripeEventOutcome = pgEnum('stripe_event_outcome', [
	/** Its effect is recorded. */
	'processed',
	/** A type we do not act on; acknowledged. */
	'ignored',
	/** Refers to a payment we have not seen yet; replayed when that payment is recorded. */
	'deferred',
	/** Amount, currency or donation did not match: kept for staff, not counted. */
	'held_for_review',
])

/**
 * Every Stripe event we accepted. The primary key is Stripe's event id, so a
 * redelivered event finds its row and changes nothing.
 */
export const stripeEvents = pgTable(
	'stripe_events',
	{
		id: text('id').primaryKey(),
		type: text('type').notNull(),
		outcome: stripeEventOutcome('outcome').notNull(),
		/** The payment the event concerns, to replay deferred events. */
		paymentIntentId: text('payment_intent_id'),
		donationId: uuid('donation_id').references(() => donations.id),
		note: text('note'),
		payload: jsonb('payload').notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
		processedAt: timestamp('processed_at', { withTimezone: true }),
	},
	(t) => [
		index('stripe_events_deferred_idx').on(t.paymentIntentId, t.outcome),
		index('stripe_events_outcome_idx').on(t.outcome, t.receivedAt),
	],
)

/** A Stripe dispute's status, as Stripe names it. */
export const disputeStatus = pgEnum('dispute_status', [
	/** An inquiry: the bank asks questions; no money has moved. */
	'warning_needs_response',
	/** An inquiry we answered, waiting for the bank. */
	'warning_under_review',
	/** The inquiry ended without becoming a chargeback; no money moved. */
	'warning_closed',
	/** A chargeback needing our evidence; funds are usually withdrawn. */
	'needs_response',
	/** A chargeback with our evidence, waiting for the bank. */
	'under_review',
	/** The charity won: withdrawn funds are reinstated. */
	'won',
	/** The donor's bank won: withdrawn funds stay withdrawn. */
	'lost',
	/** Stopped before becoming a dispute (e.g. by an early-resolution network); no money moved. */
	'prevented',
])

/**
 * Every dispute and inquiry Stripe told us about, with its latest status.
 * Status only: the money a dispute moves is in money_movements, keyed on the
 * dispute's id (withdrawn and reinstated once each).
 */
export const disputes = pgTable(
	'disputes',
	{
		/** Stripe's dispute id (dp_…). */
		id: text('id').primaryKey(),
		donationId: uuid('donation_id')
			.notNull()
			.references(() => donations.id),
		status: disputeStatus('status').notNull(),
		/** The amount disputed, as Stripe states it (the whole charge, cover-the-fee part included). */
		amountMinor: minor('amount_minor').notNull(),
		currency: text('currency').notNull(),
		/** Stripe's reason code: fraudulent, duplicate, product_not_received… */
		reason: text('reason'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('disputes_donation_idx').on(t.donationId), index('disputes_updated_idx').on(t.updatedAt)],
)

/** Thank-you messages fundraisers sent to donors (emailed; the address stays hidden). */
export const donationThanks = pgTable(
	'donation_thanks',
	{
		id: id(),
		donationId: uuid('donation_id')
			.notNull()
			.references(() => donations.id),
		senderId: uuid('sender_id')
			.notNull()
			.references(() => people.id),
		message: text('message').notNull(),
		createdAt: createdAt(),
	},
	// One thank-you per gift: a fundraiser cannot email the same donor again and again.
	(t) => [uniqueIndex('donation_thanks_donation_unique').on(t.donationId)],
)

export const moneyMovementKind = pgEnum('money_movement_kind', [
	/** A donation was paid. */
	'donation_succeeded',
	/** Money returned to the donor (one row per Stripe refund). */
	'refund',
	/** A dispute withdrew the funds. */
	'dispute_withdrawn',
	/** A dispute was won and the funds came back. */
	'dispute_reinstated',
	/** Staff confirmed a cash or cheque gift. */
	'offline_confirmed',
])

/**
 * Append-only record of money movements. Every total is a sum over it;
 * corrections are new reversing rows, never edits. `sourceId` is the
 * provider's id for the movement, unique per kind, so replays add nothing.
 */
export const moneyMovements = pgTable(
	'money_movements',
	{
		id: id(),
		kind: moneyMovementKind('kind').notNull(),
		/** Signed: positive adds to the campaign total, negative takes away. */
		amountMinor: minor('amount_minor').notNull(),
		currency: text('currency').notNull(),
		donationId: uuid('donation_id').references(() => donations.id),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		/** The event and team this movement counts for: a gift's, copied to its refunds and disputes. */
		eventId: uuid('event_id').references((): AnyPgColumn => events.id),
		teamId: uuid('team_id').references((): AnyPgColumn => teams.id),
		sourceId: text('source_id').notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('money_movements_kind_source_unique').on(t.kind, t.sourceId),
		// A donation's gift is counted at most once, whatever payment or event claims it.
		uniqueIndex('money_movements_one_gift_per_donation')
			.on(t.donationId)
			.where(sql`${t.kind} in ('donation_succeeded', 'offline_confirmed')`),
		index('money_movements_campaign_idx').on(t.campaignId),
		// Webhook handlers ask "is this gift counted / how much was refunded" per donation.
		index('money_movements_donation_kind_idx').on(t.donationId, t.kind),
		// money:check and the staff event report group an event's (or team's) movements.
		index('money_movements_event_idx')
			.on(t.eventId)
			.where(sql`${t.eventId} is not null`),
		index('money_movements_team_idx')
			.on(t.teamId)
			.where(sql`${t.teamId} is not null`),
		// The staff overview's 30-day trend reads one currency's recent movements.
		index('money_movements_currency_created_idx').on(t.currency, t.createdAt),
	],
)

export const emailStatus = pgEnum('email_status', [
	/** A timed email of a sequence, waiting for its time (and its conditions, checked then). */
	'scheduled',
	/** A scheduled email that will not be sent: its sequence stopped or the person opted out. */
	'cancelled',
	/** Waiting for the worker. */
	'queued',
	/**
	 * Handed to the provider and not yet confirmed: a worker that dies here
	 * leaves it so, and the retry asks what the provider reported before
	 * sending again.
	 */
	'sending',
	/** Accepted by the provider (or stored in the development mailbox). */
	'sent',
	/** The provider reported delivery. */
	'delivered',
	/** The receiving server refused it. */
	'bounced',
	/** Gave up after every retry. */
	'failed',
	/** Not sent because the address is suppressed or unsubscribed. */
	'suppressed',
])

/**
 * Every email the platform must send. `causeKey` names the cause
 * ("signup-welcome:<signup id>") and is unique, so one cause sends one email.
 */
export const emails = pgTable(
	'emails',
	{
		id: id(),
		template: text('template').notNull(),
		causeKey: text('cause_key').notNull().unique(),
		toEmail: text('to_email').notNull(),
		personId: uuid('person_id').references(() => people.id),
		/** The template's input, so the email can be rendered (and re-rendered) by the worker. */
		data: jsonb('data').notNull(),
		/** transactional (always sent), coaching, updates, staff. */
		category: text('category').notNull().default('transactional'),
		/** For timed emails: not before this moment. */
		sendAfter: timestamp('send_after', { withTimezone: true }),
		/** The sequence a timed email belongs to ("signup", "campaign"), so it can be stopped as a whole. */
		sequence: text('sequence'),
		campaignId: uuid('campaign_id').references(() => campaigns.id),
		status: emailStatus('status').notNull().default('queued'),
		subject: text('subject'),
		providerMessageId: text('provider_message_id'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		createdAt: createdAt(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
	},
	(t) => [
		index('emails_person_idx').on(t.personId),
		index('emails_status_created_idx').on(t.status, t.createdAt),
		index('emails_scheduled_idx').on(t.status, t.sendAfter),
		index('emails_sequence_idx').on(t.personId, t.sequence, t.status),
		index('emails_campaign_idx').on(t.campaignId, t.status),
		index('emails_provider_message_idx').on(t.providerMessageId),
		// Unsubscribes and suppressions stop pending emails by address, whatever its case.
		index('emails_to_lower_idx').on(sql`lower(${t.toEmail})`),
	],
)

/** What the provider told us about an email: delivered, opened, clicked, bounced… */
export const emailEvents = pgTable(
	'email_events',
	{
		id: id(),
		emailId: uuid('email_id').references(() => emails.id),
		providerMessageId: text('provider_message_id'),
		event: text('event').notNull(),
		/** Built by the provider from the event's content: providers resend events, sometimes under a new event id. */
		dedupeKey: text('dedupe_key').notNull().unique(),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
		payload: jsonb('payload').notNull(),
		createdAt: createdAt(),
	},
	(t) => [index('email_events_email_idx').on(t.emailId, t.occurredAt)],
)

/** Addresses we must not email any more (bounces, drops, spam reports, unsubscribes from everything). */
export const suppressions = pgTable('suppressions', {
	emailKey: text('email_key').primaryKey(),
	reason: text('reason').notNull(),
	createdAt: createdAt(),
})

/** Messages the development transport "sent": what the mail viewer shows. */
export const devMailbox = pgTable(
	'dev_mailbox',
	{
		id: id(),
		emailId: uuid('email_id').references(() => emails.id),
		fromEmail: text('from_email').notNull(),
		toEmail: text('to_email').notNull(),
		subject: text('subject').notNull(),
		html: text('html').notNull(),
		text: text('text').notNull(),
		headers: jsonb('headers').notNull().default({}),
		createdAt: createdAt(),
	},
	(t) => [index('dev_mailbox_created_idx').on(t.createdAt)],
)

/** Fixed-window counters for rate limits, shared by every app process. */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
	hits: integer('hits').notNull(),
})

/**
 * Proof-of-work challenges (and no-JavaScript wait passes) already used to
 * start a donation: each works once. Kept until the challenge would have
 * expired anyway, then removed by housekeeping.
 */
export const spentDonationChallenges = pgTable(
	'spent_donation_challenges',
	{
		/** The challenge's HMAC signature (or the wait pass's), unique by construction. */
		signature: text('signature').primaryKey(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		spentAt: timestamp('spent_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('spent_donation_challenges_expires_idx').on(t.expiresAt)],
)

export const donationLimitSignal = pgEnum('donation_limit_signal', [
	/** Failed or abandoned payments from one connection (IP address). */
	'ip_failures',
	/** Failed or abandoned payments for one email address, from any connection. */
	'email_failures',
	/** Many donations started from one connection in ten minutes. */
	'ip_starts',
	/** Many donations started on one fundraiser in a minute. */
	'campaign_velocity',
	/** Many donations started across all fundraisers in a minute. */
	'global_velocity',
])

/**
 * A donation limit that tripped, for staff: one row per signal, subject and
 * hour, counting the checks asked for and the ones passed.
 */
export const donationLimitAlerts = pgTable(
	'donation_limit_alerts',
	{
		id: id(),
		/** signal:subject:hour — the row a repeat of the same alert adds to. */
		alertKey: text('alert_key').notNull().unique(),
		signal: donationLimitSignal('signal').notNull(),
		campaignId: uuid('campaign_id').references(() => campaigns.id),
		/** Who it is about, as staff may see it: an email address, a connection's short reference, or nothing for the whole platform. */
		subject: text('subject'),
		/** The largest count seen and the limit it passed. */
		observed: integer('observed').notNull(),
		threshold: integer('threshold').notNull(),
		challengesIssued: integer('challenges_issued').notNull().default(0),
		challengesPassed: integer('challenges_passed').notNull().default(0),
		firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('donation_limit_alerts_last_seen_idx').on(t.lastSeenAt)],
)

export type Person = typeof people.$inferSelect
export type PersonRole = (typeof personRole.enumValues)[number]
export type Session = typeof sessions.$inferSelect
export type CampaignUpdate = typeof campaignUpdates.$inferSelect
export type Campaign = typeof campaigns.$inferSelect
export type CampaignStatus = (typeof campaignStatus.enumValues)[number]
export type NewCampaign = typeof campaigns.$inferInsert
export type Donation = typeof donations.$inferSelect
export type DonationStatus = (typeof donationStatus.enumValues)[number]
export type Dispute = typeof disputes.$inferSelect
export type DisputeStatus = (typeof disputeStatus.enumValues)[number]
export type NewDonation = typeof donations.$inferInsert
export type Email = typeof emails.$inferSelect
export type ContactMessage = typeof contactMessages.$inferSelect
export type CampaignKind = (typeof campaignKind.enumValues)[number]

/** What staff did, to whom, and why: append-only. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: id(),
		actorId: uuid('actor_id').references(() => people.id),
		/** e.g. campaign.hide, campaign.feature, donation.confirm_offline, report.resolve */
		action: text('action').notNull(),
		subjectType: text('subject_type').notNull(),
		subjectId: text('subject_id').notNull(),
		reason: text('reason'),
		data: jsonb('data').notNull().default({}),
		createdAt: createdAt(),
	},
	(t) => [
		index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
		index('audit_log_created_idx').on(t.createdAt),
	],
)

export const campaignReportStatus = pgEnum('campaign_report_status', [
	/** Waiting for staff. */
	'open',
	/** Staff acted on it (hid or changed the campaign, or contacted the owner). */
	'resolved',
	/** Staff looked and found nothing wrong. */
	'dismissed',
])

/** "Report this fundraiser" from the public page. */
export const campaignReports = pgTable(
	'campaign_reports',
	{
		id: id(),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		reason: text('reason').notNull(),
		details: text('details'),
		reporterEmail: text('reporter_email'),
		status: campaignReportStatus('status').notNull().default('open'),
		resolutionNote: text('resolution_note'),
		resolvedById: uuid('resolved_by_id').references(() => people.id),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		createdAt: createdAt(),
	},
	(t) => [
		index('campaign_reports_status_created_idx').on(t.status, t.createdAt),
		index('campaign_reports_campaign_idx').on(t.campaignId),
	],
)

export type AuditEntry = typeof auditLog.$inferSelect
export type CampaignReport = typeof campaignReports.$inferSelect

/** What sort of event it is: chooses the wording, the prefilled story and the participant page's kind. */
export const eventKind = pgEnum('event_kind', [
	/** A sea or lake dip, usually in winter. */
	'polar_dip',
	/** A run: 5k, 10k, half or full marathon. */
	'run',
	/** A sponsored walk or trek. */
	'walk',
	/** A swim: open water or pool. */
	'swim',
	/** A bike ride. */
	'cycle',
	/** Any other physical or personal challenge. */
	'challenge',
	/** Something else staff organise. */
	'other',
])

export const eventState = pgEnum('event_state', [
	/** Being prepared by staff; not public. */
	'draft',
	/** Public and taking registrations (inside its registration window). */
	'open',
	/** Public, no new registrations; pages keep taking gifts. */
	'closed',
	/** The event took place; pages take gifts for giftsOpenDaysAfterEnd more days. */
	'ended',
])

/**
 * An event staff run (a polar dip, a run…): one date and place, many
 * participants each with their own page (campaigns.eventId), teams, and one
 * total rolled up from the money record (see docs/events.md).
 */
export const events = pgTable(
	'events',
	{
		id: id(),
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		kind: eventKind('kind').notNull(),
		/** The start, as an instant; shown in timeZone. */
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		/** IANA zone the event's date and time are given in (the charity's, CHARITY_TIME_ZONE, unless staff chose another). */
		timeZone: text('time_zone').notNull(),
		/** Address or description of the place, as staff wrote it. */
		place: text('place').notNull(),
		/** An optional link to a map of the place. */
		mapUrl: text('map_url'),
		/** Markdown subset, rendered through the story sanitiser. */
		description: text('description').notNull().default(''),
		/** The description rendered when it was saved, so a page view never parses Markdown. */
		descriptionHtml: text('description_html').notNull().default(''),
		coverImage: text('cover_image'),
		coverAlt: text('cover_alt'),
		goalMinor: minor('goal_minor').notNull(),
		/** What a participant's page proposes as their personal goal. */
		suggestedGoalMinor: minor('suggested_goal_minor').notNull(),
		/** An optional minimum each participant is asked to pledge to raise (shown, not enforced on gifts). */
		minimumPledgeMinor: minor('minimum_pledge_minor'),
		/** Paid through Stripe Checkout when joining; event income, never fundraising. Null = free. */
		registrationFeeMinor: minor('registration_fee_minor'),
		currency: text('currency').notNull(),
		registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }).notNull(),
		registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }).notNull(),
		/** Most participants allowed; null = no limit. */
		capacity: integer('capacity'),
		/** Kept under the event's row lock when people join or leave, so capacity holds under concurrent joins. */
		participantCount: integer('participant_count').notNull().default(0),
		state: eventState('state').notNull().default('draft'),
		/** Days after the event its pages still take gifts (a fifth of marathon gifts come after the race). */
		giftsOpenDaysAfterEnd: integer('gifts_open_days_after_end').notNull().default(30),
		/**
		 * The charity pays participants' costs (travel, entry, kit): HMRC's sponsored-events rule then
		 * excludes the participant's own gifts and their family's from Gift Aid, so the form asks.
		 */
		charityPaysParticipantCosts: boolean('charity_pays_participant_costs').notNull().default(false),
		featured: boolean('featured').notNull().default(false),
		createdById: uuid('created_by_id').references(() => people.id),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
	},
	(t) => [
		check('events_goal_positive', sql`${t.goalMinor} > 0 and ${t.suggestedGoalMinor} > 0`),
		check('events_registration_window', sql`${t.registrationOpensAt} < ${t.registrationClosesAt}`),
		check('events_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`),
		check('events_capacity_held', sql`${t.capacity} is null or ${t.participantCount} <= ${t.capacity}`),
		index('events_state_starts_idx').on(t.state, t.startsAt),
		index('events_featured_idx').on(t.featured, t.state),
	],
)

/** A team inside an event: a captain, members (campaigns.teamId) and a team goal. */
export const teams = pgTable(
	'teams',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id),
		/** Unique inside its event: /e/<event>/t/<team>. */
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		captainId: uuid('captain_id')
			.notNull()
			.references(() => people.id),
		goalMinor: minor('goal_minor').notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		check('teams_goal_positive', sql`${t.goalMinor} > 0`),
		uniqueIndex('teams_event_slug_unique').on(t.eventId, t.slug),
		// Two teams of one event cannot share a name, whatever its case: friends search by it.
		uniqueIndex('teams_event_name_unique').on(t.eventId, sql`lower(${t.name})`),
		index('teams_captain_idx').on(t.captainId),
		// Searching an event's teams by name (`ilike '%…%'`): trigrams, so a search reads only the matches.
		index('teams_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
	],
)

/** How many counter rows an event's (and a team's) totals are spread over; see docs/events.md. */
export const EVENT_TOTAL_SHARDS = 16
export const TEAM_TOTAL_SHARDS = 4

/**
 * An event's totals, spread over EVENT_TOTAL_SHARDS rows chosen by hashing
 * the campaign a movement is for, so gifts to different pages of one event
 * never wait on one row. Summed on read; kept in the movement's transaction;
 * money:check proves the sums against the money record.
 */
export const eventTotalShards = pgTable(
	'event_total_shards',
	{
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id),
		shard: smallint('shard').notNull(),
		raisedMinor: minor('raised_minor').notNull().default(0),
		/** Gifts (donations) counted for the event whose net is above zero. */
		donorCount: integer('donor_count').notNull().default(0),
		/** Net of the Gift Aid eligible gifts, as campaigns.giftAidNetMinor. */
		giftAidNetMinor: minor('gift_aid_net_minor').notNull().default(0),
		/** When this shard last changed; the latest of them is when the event reached its total. */
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.eventId, t.shard] })],
)

/** A team's totals, spread like an event's; the team leaderboard sums them per team of the event. */
export const teamTotalShards = pgTable(
	'team_total_shards',
	{
		teamId: uuid('team_id')
			.notNull()
			.references(() => teams.id),
		shard: smallint('shard').notNull(),
		/** Denormalised so the team leaderboard reads one event's rows from one index. */
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id),
		raisedMinor: minor('raised_minor').notNull().default(0),
		donorCount: integer('donor_count').notNull().default(0),
		/** Net of the Gift Aid eligible gifts, as campaigns.giftAidNetMinor. */
		giftAidNetMinor: minor('gift_aid_net_minor').notNull().default(0),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.teamId, t.shard] }),
		index('team_total_shards_event_idx').on(t.eventId, t.teamId, t.raisedMinor, t.changedAt),
	],
)

export const registrationStatus = pgEnum('registration_status', [
	/** The event has no fee: the page went live on joining. */
	'free',
	/** The event has a fee not yet paid: the page stays a draft until it is. */
	'awaiting_fee',
	/** The fee was paid: the page is live. */
	'paid',
	/** Staff refunded the fee. */
	'fee_refunded',
])

/**
 * A person's place in an event: one per person per event (the unique index),
 * pointing at their page. The registration fee lives here, never in the
 * fundraising money record.
 */
export const eventRegistrations = pgTable(
	'event_registrations',
	{
		id: id(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => events.id),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id),
		campaignId: uuid('campaign_id')
			.notNull()
			.unique()
			.references(() => campaigns.id),
		status: registrationStatus('status').notNull(),
		/** The fee asked when they joined (the event's fee may change later). */
		feeMinor: minor('fee_minor'),
		currency: text('currency').notNull(),
		stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
		stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
		feePaidAt: timestamp('fee_paid_at', { withTimezone: true }),
		/** What Stripe says has been refunded of the fee so far (cumulative, never a money movement). */
		feeRefundedMinor: minor('fee_refunded_minor').notNull().default(0),
		feeRefundedAt: timestamp('fee_refunded_at', { withTimezone: true }),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('event_registrations_one_per_person').on(t.eventId, t.personId),
		index('event_registrations_event_created_idx').on(t.eventId, t.createdAt),
	],
)

export type Event = typeof events.$inferSelect
export type EventKind = (typeof eventKind.enumValues)[number]
export type EventState = (typeof eventState.enumValues)[number]
export type Team = typeof teams.$inferSelect
export type EventRegistration = typeof eventRegistrations.$inferSelect
export type CampaignPurpose = (typeof campaignPurpose.enumValues)[number]

export const giftAidClaimStatus = pgEnum('gift_aid_claim_status', [
	/** Being put together by staff: items may still be added or removed. */
	'draft',
	/** Sent to HMRC (Charities Online): its items are fixed. */
	'submitted',
	/** HMRC paid it: the amount received is recorded. */
	'paid',
])

export const giftAidClaimItemKind = pgEnum('gift_aid_claim_item_kind', [
	/** A gift claimed in this batch (at most once ever, by a unique index). */
	'claim',
	/** A gift claimed in an earlier batch and refunded or lost to a dispute since: a negative adjustment. */
	'adjustment',
])

/** A Gift Aid claim batch staff create, export, submit to HMRC and mark as paid. */
export const giftAidClaims = pgTable(
	'gift_aid_claims',
	{
		id: id(),
		status: giftAidClaimStatus('status').notNull().default('draft'),
		currency: text('currency').notNull(),
		/** Sum of the items' amounts (adjustments negative), kept with the items in the same transaction. */
		donationsMinor: minor('donations_minor').notNull().default(0),
		/** Sum of the items' Gift Aid (adjustments negative). */
		giftAidMinor: minor('gift_aid_minor').notNull().default(0),
		itemCount: integer('item_count').notNull().default(0),
		/** The charity's HMRC reference (CHARITY_HMRC_REFERENCE) when the batch was made. */
		hmrcReference: text('hmrc_reference').notNull(),
		/** HMRC's reference for the submission, as staff typed it when marking it submitted. */
		submissionReference: text('submission_reference'),
		createdById: uuid('created_by_id').references(() => people.id),
		createdAt: createdAt(),
		submittedById: uuid('submitted_by_id').references(() => people.id),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		paidById: uuid('paid_by_id').references(() => people.id),
		paidAt: timestamp('paid_at', { withTimezone: true }),
		/** What HMRC paid, in minor units. */
		paidMinor: minor('paid_minor'),
	},
	(t) => [index('gift_aid_claims_status_created_idx').on(t.status, t.createdAt)],
)

/** One gift in a claim batch (or an adjustment for one claimed before). */
export const giftAidClaimItems = pgTable(
	'gift_aid_claim_items',
	{
		id: id(),
		claimId: uuid('claim_id')
			.notNull()
			.references(() => giftAidClaims.id, { onDelete: 'cascade' }),
		donationId: uuid('donation_id')
			.notNull()
			.references(() => donations.id),
		kind: giftAidClaimItemKind('kind').notNull().default('claim'),
		/** The gift's amount claimed on (its net, never the fee cover); negative for an adjustment. */
		amountMinor: minor('amount_minor').notNull(),
		/** floor(amountMinor × 25 / 100) for a claim; the Gift Aid given back for an adjustment. */
		giftAidMinor: minor('gift_aid_minor').notNull(),
		currency: text('currency').notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		// No gift is ever claimed in two batches.
		uniqueIndex('gift_aid_claim_items_one_claim_per_donation')
			.on(t.donationId)
			.where(sql`${t.kind} = 'claim'`),
		uniqueIndex('gift_aid_claim_items_claim_donation_kind_unique').on(t.claimId, t.donationId, t.kind),
		index('gift_aid_claim_items_claim_idx').on(t.claimId, t.id),
		index('gift_aid_claim_items_donation_idx').on(t.donationId, t.kind),
	],
)

export type GiftAidDeclaration = typeof giftAidDeclarations.$inferSelect
export type GiftAidStatus = (typeof giftAidStatus.enumValues)[number]
export type GiftAidScope = (typeof giftAidScope.enumValues)[number]
export type GiftAidClaim = typeof giftAidClaims.$inferSelect
export type GiftAidClaimItem = typeof giftAidClaimItems.$inferSelect
