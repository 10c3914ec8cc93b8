CREATE TABLE "hour_rollups" (
	"unit" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"due_in" integer DEFAULT 0 NOT NULL,
	"due_out" integer DEFAULT 0 NOT NULL,
	"mdue_in" integer DEFAULT 0 NOT NULL,
	"mdue_out" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hour_rollups_unit_hour_pk" PRIMARY KEY("unit","hour")
);
--> statement-breakpoint
-- Backfill from the dossiers as they stand: the due instants of domain/figures/counters.ts `openInstants`
-- (a = max(receipt, first appointment); due_out at max(a, f'), f' = max(receipt, finish)) of every counted
-- dossier, and their m… copies with more than one supplement request, by the UTC hour holding each, added to
-- the row of every ancestor of its unit, not of the unit itself (as ingest does: hours.ts).
WITH x AS (
	SELECT d.unit, d.supplements > 1 AS many,
		greatest(d.received_at, d.first_due_at) AS a,
		CASE WHEN d.finished_at IS NOT NULL THEN greatest(d.received_at, d.finished_at) END AS f
	FROM dossiers d
	WHERE d.received AND d.received_at IS NOT NULL AND d.channel IS NOT NULL AND d.first_due_at IS NOT NULL
), i AS (
	SELECT unit, many, a AS at, true AS due_in FROM x
	UNION ALL SELECT unit, many, greatest(a, f), false FROM x WHERE f IS NOT NULL
), h AS (
	SELECT unit, date_trunc('hour', at, 'UTC') AS hour,
		count(*) FILTER (WHERE due_in) AS due_in,
		count(*) FILTER (WHERE NOT due_in) AS due_out,
		count(*) FILTER (WHERE due_in AND many) AS mdue_in,
		count(*) FILTER (WHERE NOT due_in AND many) AS mdue_out
	FROM i GROUP BY unit, date_trunc('hour', at, 'UTC')
)
INSERT INTO "hour_rollups" (unit, hour, due_in, due_out, mdue_in, mdue_out)
SELECT a.code, h.hour, sum(h.due_in), sum(h.due_out), sum(h.mdue_in), sum(h.mdue_out)
FROM h LEFT JOIN units u ON u.code = h.unit
	CROSS JOIN LATERAL unnest(coalesce(u.ancestors, ARRAY[]::text[])) AS a(code)
WHERE a.code <> h.unit
GROUP BY a.code, h.hour;
