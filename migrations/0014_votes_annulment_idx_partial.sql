DROP INDEX "votes_annulment_idx";--> statement-breakpoint
CREATE INDEX "votes_annulment_idx" ON "votes" USING btree ("annulment_id") WHERE "votes"."annulment_id" IS NOT NULL;