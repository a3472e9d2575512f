-- An update photo's bytes go with its row (migration 0009's media_delete_owned()), whether the photo
-- is removed alone or with its update (ON DELETE CASCADE).
CREATE TRIGGER implementation_photos_media_delete AFTER DELETE ON "implementation_photos"
  FOR EACH ROW EXECUTE FUNCTION media_delete_owned();
