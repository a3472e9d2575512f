-- Project images move from DATA_DIR/uploads into the database (the media table, next migration),
-- whose media_id column is NOT NULL. Rows whose bytes are on one process's disk cannot be carried
-- over by SQL, so they are dropped; the files stay where they were and can be removed by hand.
DELETE FROM "project_images";
