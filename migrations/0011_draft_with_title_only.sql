ALTER TABLE "projects" ALTER COLUMN "category_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "summary" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "description" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "cost_items" SET DEFAULT '[]'::jsonb;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "total_cost" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_complete" CHECK ("projects"."status" = 'draft' or ("projects"."category_id" is not null and "projects"."summary" is not null and "projects"."description" is not null and "projects"."address" is not null and jsonb_array_length("projects"."cost_items") > 0));