ALTER TABLE "rollups" ADD COLUMN "timely_multi" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "mopen_in" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "mopen_out" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "mdue_in" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "mdue_out" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The scoreboard's counters (domain/figures/counters.ts, for dossiers with more than one supplement request):
-- appended to each such dossier's stored contribution, then added to the rollups of its unit and every ancestor
-- at the three grains (only these dossiers add to the new columns, so no other row changes).
CREATE TEMP TABLE "scoreboard_adds" AS
	SELECT code, unit, day, idx FROM (
		SELECT code, unit, to_char((resolved_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, 35 AS idx FROM "dossiers"
			WHERE received and received_at is not null and channel is not null and supplements > 1
				AND status = 'resolved' AND resolved_at IS NOT NULL AND outcome IN ('early', 'on_time')
		UNION ALL SELECT code, unit, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 36 FROM "dossiers"
			WHERE received and received_at is not null and channel is not null and supplements > 1
		UNION ALL SELECT code, unit, to_char((greatest(received_at, finished_at) at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 37 FROM "dossiers"
			WHERE received and received_at is not null and channel is not null and supplements > 1 AND finished_at IS NOT NULL
		UNION ALL SELECT code, unit, to_char((greatest(received_at, first_due_at) at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 38 FROM "dossiers"
			WHERE received and received_at is not null and channel is not null and supplements > 1 AND first_due_at IS NOT NULL
		UNION ALL SELECT code, unit, to_char((greatest(received_at, first_due_at, finished_at) at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 39 FROM "dossiers"
			WHERE received and received_at is not null and channel is not null and supplements > 1 AND first_due_at IS NOT NULL AND finished_at IS NOT NULL
	) a;--> statement-breakpoint
UPDATE "dossiers" d SET "contrib" = d.contrib || m.obj FROM (
	SELECT x.code, jsonb_object_agg(x.day, coalesce(d2.contrib -> x.day, '[]'::jsonb) || x.idxs) AS obj
	FROM (SELECT code, day, jsonb_agg(idx) AS idxs FROM "scoreboard_adds" GROUP BY code, day) x JOIN "dossiers" d2 ON d2.code = x.code
	GROUP BY x.code
) m WHERE d.code = m.code;--> statement-breakpoint
INSERT INTO "rollups" (unit, grain, day, timely_multi, mopen_in, mopen_out, mdue_in, mdue_out)
SELECT a.anc, g.grain,
	CASE g.grain WHEN 'd' THEN x.day::date WHEN 'm' THEN date_trunc('month', x.day::date)::date ELSE date_trunc('year', x.day::date)::date END,
	count(*) filter (where x.idx = 35), count(*) filter (where x.idx = 36), count(*) filter (where x.idx = 37),
	count(*) filter (where x.idx = 38), count(*) filter (where x.idx = 39)
FROM "scoreboard_adds" x JOIN "units" u ON u.code = x.unit
CROSS JOIN LATERAL unnest(u.ancestors) AS a(anc)
CROSS JOIN (VALUES ('d'), ('m'), ('y')) AS g(grain)
GROUP BY 1, 2, 3
ON CONFLICT (unit, grain, day) DO UPDATE SET timely_multi = rollups.timely_multi + excluded.timely_multi,
	mopen_in = rollups.mopen_in + excluded.mopen_in, mopen_out = rollups.mopen_out + excluded.mopen_out,
	mdue_in = rollups.mdue_in + excluded.mdue_in, mdue_out = rollups.mdue_out + excluded.mdue_out;--> statement-breakpoint
DROP TABLE "scoreboard_adds";
