CREATE TYPE "public"."campaign_purpose" AS ENUM('personal', 'team', 'event');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('polar_dip', 'run', 'walk', 'swim', 'cycle', 'challenge', 'other');--> statement-breakpoint
CREATE TYPE "public"."event_state" AS ENUM('draft', 'open', 'closed', 'ended');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('free', 'awaiting_fee', 'paid', 'fee_refunded');--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"status" "registration_status" NOT NULL,
	"fee_minor" bigint,
	"currency" text NOT NULL,
	"stripe_checkout_session_id" text,
	"stripe_payment_intent_id" text,
	"fee_paid_at" timestamp with time zone,
	"fee_refunded_minor" bigint DEFAULT 0 NOT NULL,
	"fee_refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations_campaign_id_unique" UNIQUE("campaign_id"),
	CONSTRAINT "event_registrations_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "event_registrations_stripe_payment_intent_id_unique" UNIQUE("stripe_payment_intent_id")
);
--> statement-breakpoint
CREATE TABLE "event_total_shards" (
	"event_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"raised_minor" bigint DEFAULT 0 NOT NULL,
	"donor_count" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_total_shards_event_id_shard_pk" PRIMARY KEY("event_id","shard")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "event_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"place" text NOT NULL,
	"map_url" text,
	"description" text DEFAULT '' NOT NULL,
	"description_html" text DEFAULT '' NOT NULL,
	"cover_image" text,
	"cover_alt" text,
	"goal_minor" bigint NOT NULL,
	"suggested_goal_minor" bigint NOT NULL,
	"minimum_pledge_minor" bigint,
	"registration_fee_minor" bigint,
	"currency" text NOT NULL,
	"registration_opens_at" timestamp with time zone NOT NULL,
	"registration_closes_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"state" "event_state" DEFAULT 'draft' NOT NULL,
	"gifts_open_days_after_end" integer DEFAULT 30 NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "events_slug_unique" UNIQUE("slug"),
	CONSTRAINT "events_goal_positive" CHECK ("events"."goal_minor" > 0 and "events"."suggested_goal_minor" > 0),
	CONSTRAINT "events_registration_window" CHECK ("events"."registration_opens_at" < "events"."registration_closes_at"),
	CONSTRAINT "events_capacity_positive" CHECK ("events"."capacity" is null or "events"."capacity" > 0),
	CONSTRAINT "events_capacity_held" CHECK ("events"."capacity" is null or "events"."participant_count" <= "events"."capacity")
);
--> statement-breakpoint
CREATE TABLE "team_total_shards" (
	"team_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"event_id" uuid NOT NULL,
	"raised_minor" bigint DEFAULT 0 NOT NULL,
	"donor_count" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_total_shards_team_id_shard_pk" PRIMARY KEY("team_id","shard")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"captain_id" uuid NOT NULL,
	"goal_minor" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_goal_positive" CHECK ("teams"."goal_minor" > 0)
);
--> statement-breakpoint
DROP INDEX "campaigns_raised_idx";--> statement-breakpoint
DROP INDEX "donations_wall_idx";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "purpose" "campaign_purpose" DEFAULT 'personal' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "raised_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "net_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each donation's net so far, from the money record (the truth); recordMovement keeps it from here on.
UPDATE "donations" SET "net_minor" = "per_donation"."net" FROM (SELECT "donation_id", sum("amount_minor") AS "net" FROM "money_movements" WHERE "donation_id" IS NOT NULL GROUP BY "donation_id") AS "per_donation" WHERE "per_donation"."donation_id" = "donations"."id" AND "per_donation"."net" <> 0;--> statement-breakpoint
ALTER TABLE "money_movements" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "money_movements" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_total_shards" ADD CONSTRAINT "event_total_shards_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_total_shards" ADD CONSTRAINT "team_total_shards_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_total_shards" ADD CONSTRAINT "team_total_shards_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_captain_id_people_id_fk" FOREIGN KEY ("captain_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_one_per_person" ON "event_registrations" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE INDEX "event_registrations_event_created_idx" ON "event_registrations" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "events_state_starts_idx" ON "events" USING btree ("state","starts_at");--> statement-breakpoint
CREATE INDEX "events_featured_idx" ON "events" USING btree ("featured","state");--> statement-breakpoint
CREATE INDEX "team_total_shards_event_idx" ON "team_total_shards" USING btree ("event_id","team_id","raised_minor","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_event_slug_unique" ON "teams" USING btree ("event_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_event_name_unique" ON "teams" USING btree ("event_id",lower("name"));--> statement-breakpoint
CREATE INDEX "teams_captain_idx" ON "teams" USING btree ("captain_id");--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_movements" ADD CONSTRAINT "money_movements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_movements" ADD CONSTRAINT "money_movements_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_event_board_idx" ON "campaigns" USING btree ("event_id","raised_minor" desc,"raised_changed_at","id") WHERE "campaigns"."purpose" = 'personal' and "campaigns"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "campaigns_team_board_idx" ON "campaigns" USING btree ("team_id","raised_minor" desc,"raised_changed_at","id") WHERE "campaigns"."purpose" = 'personal' and "campaigns"."team_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_one_team_page" ON "campaigns" USING btree ("team_id") WHERE "campaigns"."purpose" = 'team';--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_one_event_page" ON "campaigns" USING btree ("event_id") WHERE "campaigns"."purpose" = 'event';--> statement-breakpoint
CREATE INDEX "donations_event_wall_idx" ON "donations" USING btree ("event_id",coalesce("succeeded_at", "created_at") desc,"id" desc) WHERE "donations"."event_id" is not null and "donations"."net_minor" > 0;--> statement-breakpoint
CREATE INDEX "donations_donor_created_idx" ON "donations" USING btree ("donor_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "donations"."donor_id" is not null;--> statement-breakpoint
CREATE INDEX "money_movements_event_idx" ON "money_movements" USING btree ("event_id") WHERE "money_movements"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "money_movements_team_idx" ON "money_movements" USING btree ("team_id") WHERE "money_movements"."team_id" is not null;--> statement-breakpoint
CREATE INDEX "campaigns_raised_idx" ON "campaigns" USING btree ("raised_minor" desc,"slug");--> statement-breakpoint
CREATE INDEX "donations_wall_idx" ON "donations" USING btree ("campaign_id",coalesce("succeeded_at", "created_at") desc,"id" desc) WHERE "donations"."net_minor" > 0;