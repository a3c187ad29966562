DROP INDEX "donations_wall_idx";--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "net_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each donation's net so far, from the money record (the truth); recordMovement keeps it from here on.
UPDATE "donations" SET "net_minor" = "per_donation"."net" FROM (SELECT "donation_id", sum("amount_minor") AS "net" FROM "money_movements" WHERE "donation_id" IS NOT NULL GROUP BY "donation_id") AS "per_donation" WHERE "per_donation"."donation_id" = "donations"."id" AND "per_donation"."net" <> 0;--> statement-breakpoint
CREATE INDEX "donations_wall_idx" ON "donations" USING btree ("campaign_id",coalesce("succeeded_at", "created_at") desc,"id" desc) WHERE "donations"."net_minor" > 0;
