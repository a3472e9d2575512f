CREATE TABLE "tally_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"edition_id" integer NOT NULL,
	"rule" text NOT NULL,
	"tie_break" text NOT NULL,
	"seed" text,
	"min_votes" integer NOT NULL,
	"inputs_digest" text NOT NULL,
	"categories" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" integer
);
--> statement-breakpoint
ALTER TABLE "tally_results" ADD CONSTRAINT "tally_results_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tally_results" ADD CONSTRAINT "tally_results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tally_results" ADD CONSTRAINT "tally_results_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tally_results_edition_idx" ON "tally_results" USING btree ("edition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tally_results_one_published" ON "tally_results" USING btree ("edition_id") WHERE "tally_results"."published_at" is not null;