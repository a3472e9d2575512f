CREATE TABLE "media" (
	"id" serial PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"thumb_mime" text NOT NULL,
	"thumb" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_mime_check" CHECK ("media"."mime" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "media_thumb_mime_check" CHECK ("media"."thumb_mime" = 'image/webp'),
	CONSTRAINT "media_size_check" CHECK ("media"."size" = octet_length("media"."data"))
);
--> statement-breakpoint
ALTER TABLE "project_images" DROP CONSTRAINT "project_images_file_name_unique";--> statement-breakpoint
ALTER TABLE "project_images" DROP CONSTRAINT "project_images_mime_check";--> statement-breakpoint
ALTER TABLE "project_images" ADD COLUMN "media_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "project_images" ADD CONSTRAINT "project_images_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_images" DROP COLUMN "file_name";--> statement-breakpoint
ALTER TABLE "project_images" DROP COLUMN "mime";--> statement-breakpoint
ALTER TABLE "project_images" DROP COLUMN "size";--> statement-breakpoint
ALTER TABLE "project_images" ADD CONSTRAINT "project_images_media_id_unique" UNIQUE("media_id");