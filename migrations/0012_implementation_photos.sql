CREATE TABLE "implementation_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"update_id" integer NOT NULL,
	"media_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_photos_media_id_unique" UNIQUE("media_id")
);
--> statement-breakpoint
ALTER TABLE "implementation_photos" ADD CONSTRAINT "implementation_photos_update_id_implementation_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."implementation_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_photos" ADD CONSTRAINT "implementation_photos_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_photos" ADD CONSTRAINT "implementation_photos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "implementation_photos_update_idx" ON "implementation_photos" USING btree ("update_id","id");