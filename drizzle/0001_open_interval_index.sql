-- Point-in-time figures (pending at the end of a period, carried over at its start)
-- ask which dossiers were open at an instant E: received_at < E <= finished_at
-- (finished_at null = still open). A GiST index on that interval answers it
-- without scanning the finished history.
CREATE INDEX IF NOT EXISTS "dossiers_open_interval_idx" ON "dossiers"
  USING gist (tstzrange("received_at", greatest("received_at", coalesce("finished_at", 'infinity'::timestamptz)), '(]'))
  WHERE "received_at" IS NOT NULL;
