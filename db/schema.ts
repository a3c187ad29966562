import { sql } from 'drizzle-orm'
import {
	bigint,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
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
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
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
		emailConsent: boolean('email_consent').notNull(),
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
		handledAt: timestamp('handled_at', { withTimezone: true }),
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
		goalMinor: minor('goal_minor').notNull(),
		currency: text('currency').notNull(),
		endsOn: date('ends_on'),
		status: campaignStatus('status').notNull().default('draft'),
		featured: boolean('featured').notNull().default(false),
		coverImage: text('cover_image'),
		coverAlt: text('cover_alt'),
		createdAt: createdAt(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
	},
	(t) => [
		check('campaigns_goal_positive', sql`${t.goalMinor} > 0`),
		index('campaigns_owner_idx').on(t.ownerId),
		index('campaigns_status_published_idx').on(t.status, t.publishedAt),
		index('campaigns_featured_idx').on(t.featured, t.status),
	],
)

export const donationStatus = pgEnum('donation_status', [
	/** Checkout started, no payment yet. */
	'pending',
	/** Paid with an asynchronous method that has not settled. */
	'processing',
	/** Paid; counted through the money record. */
	'succeeded',
	/** The payment failed. */
	'failed',
	/** Checkout abandoned. */
	'expired',
])

export const donations = pgTable(
	'donations',
	{
		id: id(),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		donorId: uuid('donor_id').references(() => people.id),
		/** Name as the donor gave it; never shown publicly when anonymous. */
		donorName: text('donor_name').notNull(),
		amountMinor: minor('amount_minor').notNull(),
		/** Extra the donor chose to add to cover processing fees. */
		coverFeeMinor: minor('cover_fee_minor').notNull().default(0),
		currency: text('currency').notNull(),
		status: donationStatus('status').notNull().default('pending'),
		anonymous: boolean('anonymous').notNull().default(false),
		hideAmount: boolean('hide_amount').notNull().default(false),
		message: text('message'),
		stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
		stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
		createdAt: createdAt(),
		succeededAt: timestamp('succeeded_at', { withTimezone: true }),
	},
	(t) => [
		check('donations_amount_positive', sql`${t.amountMinor} > 0`),
		index('donations_campaign_status_idx').on(t.campaignId, t.status, t.succeededAt),
	],
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
		sourceId: text('source_id').notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('money_movements_kind_source_unique').on(t.kind, t.sourceId),
		index('money_movements_campaign_idx').on(t.campaignId),
	],
)

export const emailStatus = pgEnum('email_status', [
	/** Waiting for the worker. */
	'queued',
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
	],
)

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

export type Person = typeof people.$inferSelect
export type Campaign = typeof campaigns.$inferSelect
export type NewCampaign = typeof campaigns.$inferInsert
export type Donation = typeof donations.$inferSelect
export type NewDonation = typeof donations.$inferInsert
export type Email = typeof emails.$inferSelect
export type ContactMessage = typeof contactMessages.$inferSelect
export type CampaignKind = (typeof campaignKind.enumValues)[number]
