CREATE TYPE "public"."gift_aid_claim_item_kind" AS ENUM('claim', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."gift_aid_claim_status" AS ENUM('draft', 'submitted', 'paid');--> statement-breakpoint
CREATE TYPE "public"."gift_aid_declaration_source" AS ENUM('online', 'offline_sponsorship');--> statement-breakpoint
CREATE TYPE "public"."gift_aid_scope" AS ENUM('this_gift', 'all_gifts');--> statement-breakpoint
CREATE TYPE "public"."gift_aid_status" AS ENUM('not_declared', 'eligible', 'participant_or_family', 'declaration_rejected');--> statement-breakpoint
CREATE TABLE "gift_aid_claim_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"donation_id" uuid NOT NULL,
	"kind" "gift_aid_claim_item_kind" DEFAULT 'claim' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"gift_aid_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gift_aid_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "gift_aid_claim_status" DEFAULT 'draft' NOT NULL,
	"currency" text NOT NULL,
	"donations_minor" bigint DEFAULT 0 NOT NULL,
	"gift_aid_minor" bigint DEFAULT 0 NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"hmrc_reference" text NOT NULL,
	"submission_reference" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by_id" uuid,
	"submitted_at" timestamp with time zone,
	"paid_by_id" uuid,
	"paid_at" timestamp with time zone,
	"paid_minor" bigint
);
--> statement-breakpoint
CREATE TABLE "gift_aid_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wording_version" text NOT NULL,
	"scope" "gift_aid_scope" NOT NULL,
	"source" "gift_aid_declaration_source" DEFAULT 'online' NOT NULL,
	"title" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"house_name_or_number" text NOT NULL,
	"postcode" text,
	"overseas" boolean DEFAULT false NOT NULL,
	"donor_email" text,
	"person_id" uuid,
	"recorded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "gift_aid_declarations_postcode_or_overseas" CHECK (("gift_aid_declarations"."overseas" and "gift_aid_declarations"."postcode" is null) or (not "gift_aid_declarations"."overseas" and "gift_aid_declarations"."postcode" is not null))
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "gift_aid_net_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "gift_aid_declaration_id" uuid;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "gift_aid_status" "gift_aid_status" DEFAULT 'not_declared' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_total_shards" ADD COLUMN "gift_aid_net_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "charity_pays_participant_costs" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "team_total_shards" ADD COLUMN "gift_aid_net_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "gift_aid_claim_items" ADD CONSTRAINT "gift_aid_claim_items_claim_id_gift_aid_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."gift_aid_claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_aid_claim_items" ADD CONSTRAINT "gift_aid_claim_items_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_aid_claims" ADD CONSTRAINT "gift_aid_claims_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_aid_claims" ADD CONSTRAINT "gift_aid_claims_submitted_by_id_people_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_aid_claims" ADD CONSTRAINT "gift_aid_claims_paid_by_id_people_id_fk" FOREIGN KEY ("paid_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_aid_declarations" ADD CONSTRAINT "gift_aid_declarations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_aid_declarations" ADD CONSTRAINT "gift_aid_declarations_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gift_aid_claim_items_one_claim_per_donation" ON "gift_aid_claim_items" USING btree ("donation_id") WHERE "gift_aid_claim_items"."kind" = 'claim';--> statement-breakpoint
CREATE UNIQUE INDEX "gift_aid_claim_items_claim_donation_kind_unique" ON "gift_aid_claim_items" USING btree ("claim_id","donation_id","kind");--> statement-breakpoint
CREATE INDEX "gift_aid_claim_items_claim_idx" ON "gift_aid_claim_items" USING btree ("claim_id","id");--> statement-breakpoint
CREATE INDEX "gift_aid_claim_items_donation_idx" ON "gift_aid_claim_items" USING btree ("donation_id","kind");--> statement-breakpoint
CREATE INDEX "gift_aid_claims_status_created_idx" ON "gift_aid_claims" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "gift_aid_declarations_person_idx" ON "gift_aid_declarations" USING btree ("person_id") WHERE "gift_aid_declarations"."person_id" is not null;--> statement-breakpoint
CREATE INDEX "gift_aid_declarations_email_idx" ON "gift_aid_declarations" USING btree (lower("donor_email"));--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_gift_aid_declaration_id_gift_aid_declarations_id_fk" FOREIGN KEY ("gift_aid_declaration_id") REFERENCES "public"."gift_aid_declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "donations_gift_aid_claimable_idx" ON "donations" USING btree (coalesce("succeeded_at", "created_at"),"id") WHERE "donations"."gift_aid_status" = 'eligible' and "donations"."net_minor" > 0;--> statement-breakpoint
CREATE INDEX "donations_gift_aid_declaration_idx" ON "donations" USING btree ("gift_aid_declaration_id") WHERE "donations"."gift_aid_declaration_id" is not null;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_gift_aid_declared" CHECK ("donations"."gift_aid_status" = 'not_declared' or "donations"."gift_aid_declaration_id" is not null);