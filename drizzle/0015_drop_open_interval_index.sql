-- The GiST index on open intervals (0001) served the point-in-time figures when they
-- scanned the dossiers open at an instant; they come from counters now
-- (domain/figures/open-counts.ts), and no query's WHERE matches its expression, so it
-- only cost every dossier upsert a GiST insertion.
DROP INDEX IF EXISTS "dossiers_open_interval_idx";
