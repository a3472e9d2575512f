-- A media row lives exactly as long as the row that owns it. Owner tables (project_images now,
-- implementation-update photos later) reference media(id) through a column named media_id and
-- attach this trigger, so deleting an image, or a draft whose images go by ON DELETE CASCADE,
-- deletes the stored bytes in the same transaction, whichever path did the delete.
CREATE FUNCTION media_delete_owned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "media" WHERE "id" = OLD."media_id";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_images_media_delete AFTER DELETE ON "project_images"
  FOR EACH ROW EXECUTE FUNCTION media_delete_owned();
