ALTER TABLE "rollups" ADD COLUMN "overdue_sync" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "late_sync_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_phantom_idx" ON "dossiers" USING btree ("first_due_at") WHERE flags @> '["phantom_overdue"]'::jsonb;--> statement-breakpoint
-- The attribution counters (domain/figures/counters.ts, dossier/attribution.ts) of the resolved dossiers that have
-- them, appended to their stored contributions and added to the rollups of their unit and every ancestor.
CREATE TEMP TABLE "attribution_adds" AS
	SELECT code, unit, to_char((resolved_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, 40 AS idx FROM "dossiers"
		WHERE received and received_at is not null and channel is not null AND status = 'resolved' AND resolved_at IS NOT NULL AND outcome = 'overdue'
			AND (flags @> '["late_sync"]'::jsonb OR flags @> '["phantom_overdue"]'::jsonb OR (returned_at IS NOT NULL AND resolved_at > returned_at))
	UNION ALL SELECT code, unit, to_char((resolved_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 41 FROM "dossiers"
		WHERE received and received_at is not null and channel is not null AND status = 'resolved' AND resolved_at IS NOT NULL AND outcome IS NOT NULL
			AND flags @> '["late_sync"]'::jsonb;--> statement-breakpoint
UPDATE "dossiers" d SET "contrib" = d.contrib || m.obj FROM (
	SELECT x.code, jsonb_object_agg(x.day, coalesce(d2.contrib -> x.day, '[]'::jsonb) || x.idxs) AS obj
	FROM (SELECT code, day, jsonb_agg(idx) AS idxs FROM "attribution_adds" GROUP BY code, day) x JOIN "dossiers" d2 ON d2.code = x.code
	GROUP BY x.code
) m WHERE d.code = m.code;--> statement-breakpoint
INSERT INTO "rollups" (unit, grain, day, overdue_sync, late_sync_resolved)
SELECT a.anc, g.grain,
	CASE g.grain WHEN 'd' THEN x.day::date WHEN 'm' THEN date_trunc('month', x.day::date)::date ELSE date_trunc('year', x.day::date)::date END,
	count(*) filter (where x.idx = 40), count(*) filter (where x.idx = 41)
FROM "attribution_adds" x JOIN "units" u ON u.code = x.unit
CROSS JOIN LATERAL unnest(u.ancestors) AS a(anc)
CROSS JOIN (VALUES ('d'), ('m'), ('y')) AS g(grain)
GROUP BY 1, 2, 3
ON CONFLICT (unit, grain, day) DO UPDATE SET overdue_sync = rollups.overdue_sync + excluded.overdue_sync,
	late_sync_resolved = rollups.late_sync_resolved + excluded.late_sync_resolved;--> statement-breakpoint
DROP TABLE "attribution_adds";
