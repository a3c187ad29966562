CREATE TYPE "public"."donation_limit_signal" AS ENUM('ip_failures', 'email_failures', 'ip_starts', 'campaign_velocity', 'global_velocity');--> statement-breakpoint
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
CREATE TABLE "spent_donation_challenges" (
	"signature" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"spent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "donation_limit_alerts" ADD CONSTRAINT "donation_limit_alerts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "donation_limit_alerts_last_seen_idx" ON "donation_limit_alerts" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "spent_donation_challenges_expires_idx" ON "spent_donation_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "donations_created_idx" ON "donations" USING btree ("created_at");