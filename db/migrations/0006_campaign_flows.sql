CREATE TABLE "campaign_former_slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
DROP INDEX "donation_thanks_donation_idx";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "remembered_name" text;--> statement-breakpoint
ALTER TABLE "campaign_former_slugs" ADD CONSTRAINT "campaign_former_slugs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_former_slugs_campaign_idx" ON "campaign_former_slugs" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "form_submissions_created_idx" ON "form_submissions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "donation_thanks_donation_unique" ON "donation_thanks" USING btree ("donation_id");