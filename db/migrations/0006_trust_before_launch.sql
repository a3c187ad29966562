CREATE TYPE "public"."dispute_status" AS ENUM('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost', 'prevented');--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'partially_refunded';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'refunded';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'disputed';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'dispute_lost';--> statement-breakpoint
ALTER TYPE "public"."donation_status" ADD VALUE 'dispute_won';--> statement-breakpoint
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
ALTER TABLE "sign_in_codes" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signups" ADD COLUMN "consent_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_donation_idx" ON "disputes" USING btree ("donation_id");--> statement-breakpoint
CREATE INDEX "disputes_updated_idx" ON "disputes" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "money_movements_one_gift_per_donation" ON "money_movements" USING btree ("donation_id") WHERE "money_movements"."kind" in ('donation_succeeded', 'offline_confirmed');