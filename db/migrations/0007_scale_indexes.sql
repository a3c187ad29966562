CREATE INDEX "campaigns_raised_idx" ON "campaigns" USING btree ("raised_minor" DESC NULLS LAST,"slug");--> statement-breakpoint
CREATE INDEX "campaigns_created_id_idx" ON "campaigns" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "donations_wall_idx" ON "donations" USING btree ("campaign_id","succeeded_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "donations_export_order_idx" ON "donations" USING btree (coalesce("succeeded_at", "created_at"),"id");--> statement-breakpoint
CREATE INDEX "money_movements_currency_created_idx" ON "money_movements" USING btree ("currency","created_at");