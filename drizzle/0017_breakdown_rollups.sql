CREATE TABLE "breakdown_names" (
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "breakdown_names_kind_code_pk" PRIMARY KEY("kind","code")
);
--> statement-breakpoint
CREATE TABLE "breakdown_rollups" (
	"unit" text NOT NULL,
	"grain" text NOT NULL,
	"day" date NOT NULL,
	"field" text NOT NULL,
	"procedure" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"direct" integer DEFAULT 0 NOT NULL,
	"online" integer DEFAULT 0 NOT NULL,
	"postal" integer DEFAULT 0 NOT NULL,
	"online_full" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"open_in" integer DEFAULT 0 NOT NULL,
	"open_out" integer DEFAULT 0 NOT NULL,
	"due_in" integer DEFAULT 0 NOT NULL,
	"due_out" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "breakdown_rollups_unit_grain_day_field_procedure_pk" PRIMARY KEY("unit","grain","day","field","procedure")
);
--> statement-breakpoint
-- Backfill from the dossiers as they stand: each dossier's stored day contribution (contrib: local day → counter
-- indexes, in the order of domain/figures/counter-names.ts) restricted to the breakdown counters
-- (domain/figures/breakdown-counters.ts), keyed by its field and procedure ('' when none), added to the day,
-- month and year rows of every ancestor of its unit, not of the unit itself (as ingest does).
WITH c AS (
	SELECT d.unit, coalesce(d.field, '') AS field, coalesce(d.procedure, '') AS procedure, e.key AS day, i.value::int AS idx
	FROM dossiers d
		CROSS JOIN LATERAL jsonb_each(d.contrib) AS e
		CROSS JOIN LATERAL jsonb_array_elements_text(e.value) AS i
	WHERE i.value::int IN (0, 1, 2, 3, 4, 7, 8, 9, 11, 22, 23, 24, 25)
), g AS (
	SELECT unit, field, procedure, day,
		count(*) FILTER (WHERE idx = 0) AS received, count(*) FILTER (WHERE idx = 1) AS direct,
		count(*) FILTER (WHERE idx = 2) AS online, count(*) FILTER (WHERE idx = 3) AS postal,
		count(*) FILTER (WHERE idx = 4) AS online_full, count(*) FILTER (WHERE idx = 7) AS early,
		count(*) FILTER (WHERE idx = 8) AS on_time, count(*) FILTER (WHERE idx = 9) AS overdue,
		count(*) FILTER (WHERE idx = 11) AS withdrawn, count(*) FILTER (WHERE idx = 22) AS open_in,
		count(*) FILTER (WHERE idx = 23) AS open_out, count(*) FILTER (WHERE idx = 24) AS due_in,
		count(*) FILTER (WHERE idx = 25) AS due_out
	FROM c GROUP BY unit, field, procedure, day
), b AS (
	SELECT a.code AS unit, gr.grain,
		(CASE gr.grain WHEN 'd' THEN g.day WHEN 'm' THEN left(g.day, 8) || '01' ELSE left(g.day, 5) || '01-01' END)::date AS day,
		g.field, g.procedure, g.received, g.direct, g.online, g.postal, g.online_full, g.early, g.on_time, g.overdue,
		g.withdrawn, g.open_in, g.open_out, g.due_in, g.due_out
	FROM g JOIN units u ON u.code = g.unit
		CROSS JOIN LATERAL unnest(u.ancestors) AS a(code)
		CROSS JOIN (VALUES ('d'), ('m'), ('y')) AS gr(grain)
	WHERE a.code <> g.unit
)
INSERT INTO "breakdown_rollups" (unit, grain, day, field, procedure, received, direct, online, postal, online_full,
	early, on_time, overdue, withdrawn, open_in, open_out, due_in, due_out)
SELECT unit, grain, day, field, procedure, sum(received), sum(direct), sum(online), sum(postal), sum(online_full),
	sum(early), sum(on_time), sum(overdue), sum(withdrawn), sum(open_in), sum(open_out), sum(due_in), sum(due_out)
FROM b GROUP BY unit, grain, day, field, procedure;
--> statement-breakpoint
INSERT INTO "breakdown_names" (kind, code, name)
SELECT 'f', coalesce(field, ''), max(field_name) FROM dossiers WHERE field_name IS NOT NULL GROUP BY coalesce(field, '')
UNION ALL
SELECT 'p', coalesce(procedure, ''), max(procedure_name) FROM dossiers WHERE procedure_name IS NOT NULL GROUP BY coalesce(procedure, '');
