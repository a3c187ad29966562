DROP INDEX "campaigns_raised_idx";--> statement-breakpoint
CREATE INDEX "campaigns_raised_idx" ON "campaigns" USING btree ("raised_minor" desc,"slug");