CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"edition_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"fund" bigint NOT NULL,
	"min_cost" bigint NOT NULL,
	"max_cost" bigint NOT NULL,
	"max_votes" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_costs" CHECK (0 <= "categories"."min_cost" AND "categories"."min_cost" <= "categories"."max_cost" AND "categories"."max_cost" <= "categories"."fund"),
	CONSTRAINT "categories_max_votes" CHECK ("categories"."max_votes" >= 1)
);
--> statement-breakpoint
CREATE TABLE "cnap_locations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cnap_locations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"total_fund" bigint NOT NULL,
	"submission_start" timestamp with time zone NOT NULL,
	"submission_end" timestamp with time zone NOT NULL,
	"review_end" timestamp with time zone NOT NULL,
	"voting_start" timestamp with time zone NOT NULL,
	"voting_end" timestamp with time zone NOT NULL,
	"min_voter_age" integer NOT NULL,
	"eligibility" text NOT NULL,
	"tally_rule" text NOT NULL,
	"tie_break" text NOT NULL,
	"min_votes" integer DEFAULT 0 NOT NULL,
	"results_visible_during_voting" boolean DEFAULT false NOT NULL,
	"results_published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "editions_phase_order" CHECK ("editions"."submission_start" < "editions"."submission_end" AND "editions"."submission_end" < "editions"."review_end" AND "editions"."review_end" < "editions"."voting_start" AND "editions"."voting_start" < "editions"."voting_end"),
	CONSTRAINT "editions_total_fund_nonneg" CHECK ("editions"."total_fund" >= 0)
);
--> statement-breakpoint
CREATE TABLE "operator_locations" (
	"user_id" integer NOT NULL,
	"location_id" integer NOT NULL,
	CONSTRAINT "operator_locations_user_id_location_id_pk" PRIMARY KEY("user_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"full_name" text NOT NULL,
	"roles" text[] DEFAULT '{resident}'::text[] NOT NULL,
	"voter_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_voter_id_unique" UNIQUE("voter_id")
);
--> statement-breakpoint
CREATE TABLE "voters" (
	"id" serial PRIMARY KEY NOT NULL,
	"key_hash" "bytea" NOT NULL,
	"birth_date" date NOT NULL,
	"method" text NOT NULL,
	"verified_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voters_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_locations" ADD CONSTRAINT "operator_locations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_locations" ADD CONSTRAINT "operator_locations_location_id_cnap_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."cnap_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_voter_id_voters_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."voters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_edition_name_key" ON "categories" USING btree ("edition_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");