CREATE TYPE "public"."dispute_status" AS ENUM('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost', 'prevented');--> statement-breakpoint
CREATE TYPE "public"."donation_limit_signal" AS ENUM('ip_failures', 'email_failures', 'ip_starts', 'campaign_velocity', 'global_velocity');--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'partially_refunded';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'refunded';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'disputed';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'dispute_lost';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'dispute_won';--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'sending' BEFORE 'sent';--> statement-breakpoint
CREATE TABLE "campaign_former_slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"donation_id" uuid NOT NULL,
	"status" "dispute_status" NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "donation_limit_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_key" text NOT NULL,
	"signal" "donation_limit_signal" NOT NULL,
	"campaign_id" uuid,
	"subject" text,
	"observed" integer NOT NULL,
	"threshold" integer NOT NULL,
	"challenges_issued" integer DEFAULT 0 NOT NULL,
	"challenges_passed" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donation_limit_alerts_alert_key_unique" UNIQUE("alert_key")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"token" text PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"person_id" uuid,
	"result_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spent_donation_challenges" (
	"signature" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"spent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "donation_thanks_donation_idx";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "story_html" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "remembered_name" text;--> statement-breakpoint
ALTER TABLE "sign_in_codes" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signups" ADD COLUMN "consent_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_former_slugs" ADD CONSTRAINT "campaign_former_slugs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donation_limit_alerts" ADD CONSTRAINT "donation_limit_alerts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_former_slugs_campaign_idx" ON "campaign_former_slugs" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "disputes_donation_idx" ON "disputes" USING btree ("donation_id");--> statement-breakpoint
CREATE INDEX "disputes_updated_idx" ON "disputes" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "donation_limit_alerts_last_seen_idx" ON "donation_limit_alerts" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "form_submissions_created_idx" ON "form_submissions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "spent_donation_challenges_expires_idx" ON "spent_donation_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "campaigns_raised_idx" ON "campaigns" USING btree ("raised_minor" DESC NULLS LAST,"slug");--> statement-breakpoint
CREATE INDEX "campaigns_created_id_idx" ON "campaigns" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "donation_thanks_donation_unique" ON "donation_thanks" USING btree ("donation_id");--> statement-breakpoint
CREATE INDEX "donations_created_idx" ON "donations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "donations_wall_idx" ON "donations" USING btree ("campaign_id","succeeded_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "donations_export_order_idx" ON "donations" USING btree (coalesce("succeeded_at", "created_at"),"id");--> statement-breakpoint
CREATE UNIQUE INDEX "money_movements_one_gift_per_donation" ON "money_movements" USING btree ("donation_id") WHERE "money_movements"."kind" in ('donation_succeeded', 'offline_confirmed');--> statement-breakpoint
CREATE INDEX "money_movements_currency_created_idx" ON "money_movements" USING btree ("currency","created_at");--> statement-breakpoint
ALTER TABLE "contact_messages" DROP COLUMN "handled_at";