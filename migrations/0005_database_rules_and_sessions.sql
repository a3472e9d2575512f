CREATE TABLE "revoked_tokens" (
	"jti" uuid PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "paper_ballots_edition_serial_key";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "revoked_tokens" ADD CONSTRAINT "revoked_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "revoked_tokens_expires_idx" ON "revoked_tokens" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_ballot_id_paper_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."paper_ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "votes_ballot_idx" ON "votes" USING btree ("ballot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_ballots_edition_serial_key" ON "paper_ballots" USING btree ("edition_id",lower("serial")) WHERE "paper_ballots"."annulment_kind" IS DISTINCT FROM 'entry_error';--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_eligibility_check" CHECK ("editions"."eligibility" IN ('residents', 'residents_students_workers'));--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_tally_rule_check" CHECK ("editions"."tally_rule" IN ('greedy', 'mes'));--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_tie_break_check" CHECK ("editions"."tie_break" IN ('earlier_submission', 'lottery'));--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_action_check" CHECK ("project_events"."action" IN ('create', 'update', 'comment', 'submit', 'admit', 'reject', 'return', 'publish', 'implementation'));--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_from_status_check" CHECK ("project_events"."from_status" IN ('draft', 'submitted', 'returned', 'admitted', 'rejected', 'winner', 'not_selected', 'in_progress', 'implemented', 'cancelled'));--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_to_status_check" CHECK ("project_events"."to_status" IN ('draft', 'submitted', 'returned', 'admitted', 'rejected', 'winner', 'not_selected', 'in_progress', 'implemented', 'cancelled'));--> statement-breakpoint
ALTER TABLE "project_images" ADD CONSTRAINT "project_images_mime_check" CHECK ("project_images"."mime" IN ('image/jpeg', 'image/png', 'image/webp'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_status_check" CHECK ("projects"."status" IN ('draft', 'submitted', 'returned', 'admitted', 'rejected', 'winner', 'not_selected', 'in_progress', 'implemented', 'cancelled'));--> statement-breakpoint
ALTER TABLE "tally_results" ADD CONSTRAINT "tally_results_rule_check" CHECK ("tally_results"."rule" IN ('greedy', 'mes'));--> statement-breakpoint
ALTER TABLE "tally_results" ADD CONSTRAINT "tally_results_tie_break_check" CHECK ("tally_results"."tie_break" IN ('earlier_submission', 'lottery'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_roles_check" CHECK ("users"."roles" <@ ARRAY['resident', 'reviewer', 'operator', 'admin']::text[]);--> statement-breakpoint
ALTER TABLE "voters" ADD CONSTRAINT "voters_method_check" CHECK ("voters"."method" IN ('demo', 'cnap', 'oidc'));--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_channel_check" CHECK ("votes"."channel" IN ('online', 'cnap'));--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_channel_ballot" CHECK (("votes"."channel" = 'cnap') = ("votes"."ballot_id" IS NOT NULL));