CREATE TYPE "public"."stripe_event_outcome" AS ENUM('processed', 'ignored', 'deferred', 'held_for_review');--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"outcome" "stripe_event_outcome" NOT NULL,
	"payment_intent_id" text,
	"donation_id" uuid,
	"note" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "raised_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "donor_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "marketing_opt_in" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "client_ip_hash" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stripe_events_deferred_idx" ON "stripe_events" USING btree ("payment_intent_id","outcome");--> statement-breakpoint
CREATE INDEX "stripe_events_outcome_idx" ON "stripe_events" USING btree ("outcome","received_at");--> statement-breakpoint
CREATE INDEX "donations_email_created_idx" ON "donations" USING btree ("donor_email","created_at");--> statement-breakpoint
CREATE INDEX "donations_ip_created_idx" ON "donations" USING btree ("client_ip_hash","created_at");