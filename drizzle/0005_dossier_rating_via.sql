ALTER TABLE "dossiers" ADD COLUMN "rating_via" text;--> statement-breakpoint
-- Backfill from the log: the fold keeps the latest rating (by time, then seq), so its `via` is the latest rated event's.
UPDATE "dossiers" d SET "rating_via" = r.via
FROM (
	SELECT DISTINCT ON (dossier) dossier, payload->>'via' AS via
	FROM "events" WHERE type = 'dossier.rated' AND dossier IS NOT NULL
	ORDER BY dossier, at DESC, seq DESC
) r
WHERE r.dossier = d.code AND d.rating IS NOT NULL;
