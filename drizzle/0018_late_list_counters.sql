ALTER TABLE "rollups" ADD COLUMN "overdue_no_apology" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "overdue_many" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_lateness_idx" ON "dossiers" USING btree (("resolved_at" - "first_due_at") desc,"code") WHERE outcome = 'overdue';--> statement-breakpoint
CREATE INDEX "dossiers_late_unit_idx" ON "dossiers" USING btree ("unit","resolved_at") WHERE outcome = 'overdue';--> statement-breakpoint
-- The late list's counters (domain/figures/counters.ts): appended to the stored contribution of each dossier
-- resolved late without an apology letter (42) or with more than one supplement request (43), on its
-- resolution day, then added to the rollups of its unit and every ancestor at the three grains (only these
-- dossiers add to the new columns, so no other row changes).
CREATE TEMP TABLE "late_adds" AS
	SELECT code, unit, day, idx FROM (
		SELECT code, unit, to_char((resolved_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, 42 AS idx FROM "dossiers"
			WHERE received AND received_at IS NOT NULL AND channel IS NOT NULL AND status = 'resolved' AND resolved_at IS NOT NULL
				AND outcome = 'overdue' AND flags @> '["no_apology"]'::jsonb
		UNION ALL SELECT code, unit, to_char((resolved_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 43 FROM "dossiers"
			WHERE received AND received_at IS NOT NULL AND channel IS NOT NULL AND status = 'resolved' AND resolved_at IS NOT NULL
				AND outcome = 'overdue' AND supplements > 1
	) a;--> statement-breakpoint
UPDATE "dossiers" d SET "contrib" = d.contrib || m.obj FROM (
	SELECT x.code, jsonb_object_agg(x.day, coalesce(d2.contrib -> x.day, '[]'::jsonb) || x.idxs) AS obj
	FROM (SELECT code, day, jsonb_agg(idx) AS idxs FROM "late_adds" GROUP BY code, day) x JOIN "dossiers" d2 ON d2.code = x.code
	GROUP BY x.code
) m WHERE d.code = m.code;--> statement-breakpoint
INSERT INTO "rollups" (unit, grain, day, overdue_no_apology, overdue_many)
SELECT a.anc, g.grain,
	(CASE g.grain WHEN 'd' THEN x.day WHEN 'm' THEN left(x.day, 8) || '01' ELSE left(x.day, 5) || '01-01' END)::date,
	count(*) filter (where x.idx = 42), count(*) filter (where x.idx = 43)
FROM "late_adds" x JOIN "units" u ON u.code = x.unit
CROSS JOIN LATERAL unnest(u.ancestors) AS a(anc)
CROSS JOIN (VALUES ('d'), ('m'), ('y')) AS g(grain)
GROUP BY 1, 2, 3
ON CONFLICT (unit, grain, day) DO UPDATE SET overdue_no_apology = rollups.overdue_no_apology + excluded.overdue_no_apology,
	overdue_many = rollups.overdue_many + excluded.overdue_many;--> statement-breakpoint
DROP TABLE "late_adds";
