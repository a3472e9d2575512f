CREATE TABLE "annulments" (
	"id" serial PRIMARY KEY NOT NULL,
	"edition_id" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"target" text NOT NULL,
	"voter_id" integer NOT NULL,
	"user_id" integer,
	"ballot_id" integer,
	"votes" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annulments_votes_positive" CHECK ("annulments"."votes" > 0),
	CONSTRAINT "annulments_kind" CHECK ("annulments"."kind" IN ('fraud', 'entry_error')),
	CONSTRAINT "annulments_reason" CHECK (length("annulments"."reason") > 0)
);
--> statement-breakpoint
CREATE TABLE "registration_addresses" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"address_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "paper_ballots_edition_serial_key";--> statement-breakpoint
DROP INDEX "votes_voter_project_key";--> statement-breakpoint
ALTER TABLE "paper_ballots" ADD COLUMN "annulment_id" integer;--> statement-breakpoint
ALTER TABLE "paper_ballots" ADD COLUMN "annulment_kind" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "annulment_id" integer;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "annulment_kind" text;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_voter_id_voters_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."voters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_ballot_id_paper_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."paper_ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_addresses" ADD CONSTRAINT "registration_addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annulments_edition_idx" ON "annulments" USING btree ("edition_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "annulments_id_kind_key" ON "annulments" USING btree ("id","kind");--> statement-breakpoint
CREATE INDEX "registration_addresses_at_idx" ON "registration_addresses" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "registration_addresses_hash_idx" ON "registration_addresses" USING btree ("address_hash");--> statement-breakpoint
ALTER TABLE "paper_ballots" ADD CONSTRAINT "paper_ballots_annulment_fk" FOREIGN KEY ("annulment_id","annulment_kind") REFERENCES "public"."annulments"("id","kind") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_annulment_fk" FOREIGN KEY ("annulment_id","annulment_kind") REFERENCES "public"."annulments"("id","kind") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_ballots_operator_idx" ON "paper_ballots" USING btree ("operator_id","created_at");--> statement-breakpoint
CREATE INDEX "votes_annulment_idx" ON "votes" USING btree ("annulment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_ballots_edition_serial_key" ON "paper_ballots" USING btree ("edition_id","serial") WHERE "paper_ballots"."annulment_kind" IS DISTINCT FROM 'entry_error';--> statement-breakpoint
CREATE UNIQUE INDEX "votes_voter_project_key" ON "votes" USING btree ("voter_id","project_id") WHERE "votes"."annulment_kind" IS DISTINCT FROM 'entry_error';--> statement-breakpoint
ALTER TABLE "paper_ballots" ADD CONSTRAINT "paper_ballots_annulment_pair" CHECK (("paper_ballots"."annulment_id" IS NULL) = ("paper_ballots"."annulment_kind" IS NULL));--> statement-breakpoint
ALTER TABLE "vote_usage" ADD CONSTRAINT "vote_usage_nonneg" CHECK ("vote_usage"."used" >= 0);--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_annulment_pair" CHECK (("votes"."annulment_id" IS NULL) = ("votes"."annulment_kind" IS NULL));--> statement-breakpoint
CREATE VIEW "public"."counted_votes" AS (select id, edition_id, category_id, project_id, voter_id, channel, ballot_id, created_at from "votes" where annulment_id is null);