CREATE TABLE "implementation_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"date" date NOT NULL,
	"spent" bigint,
	"contractor" text,
	"reason" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"corrected_at" timestamp with time zone,
	"corrected_by" integer,
	"corrections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "implementation_updates_status" CHECK ("implementation_updates"."status" in ('in_progress', 'implemented', 'cancelled')),
	CONSTRAINT "implementation_updates_spent_nonneg" CHECK ("implementation_updates"."spent" >= 0),
	CONSTRAINT "implementation_updates_cancel_reason" CHECK ("implementation_updates"."status" <> 'cancelled' OR "implementation_updates"."reason" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "implementation_updates" ADD CONSTRAINT "implementation_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_updates" ADD CONSTRAINT "implementation_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_updates" ADD CONSTRAINT "implementation_updates_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "implementation_updates_project_idx" ON "implementation_updates" USING btree ("project_id","date","id");