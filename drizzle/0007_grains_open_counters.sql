-- Rollups by grain (day, month, year: domain/figures/grains.ts), with the counters behind point-in-time figures
-- (domain/figures/open-counts.ts), anomaly counts and online ratings. The stored contributions first get the new
-- counters (their indexes are appended after the old ones); then every rollup row is rebuilt from them.
ALTER TABLE "rollups" ADD COLUMN "open_in" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "open_out" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "due_in" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "due_out" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "flagged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "flag_phantom_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "flag_no_apology" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "flag_many_supplements" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "flag_late_sync" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "online_rated_online" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "online_rated_counter" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "online_rated_qr" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "online_unrated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" ADD COLUMN "grain" text DEFAULT 'd' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollups" DROP CONSTRAINT "rollups_unit_day_pk";--> statement-breakpoint
ALTER TABLE "rollups" ADD CONSTRAINT "rollups_unit_grain_day_pk" PRIMARY KEY("unit","grain","day");--> statement-breakpoint
-- Point-in-time figures no longer scan open intervals; lists and "the rest of today" use btree indexes.
DROP INDEX IF EXISTS "dossiers_open_interval_idx";--> statement-breakpoint
DROP INDEX "dossiers_pending_due_idx";--> statement-breakpoint
CREATE INDEX "dossiers_pending_due_idx" ON "dossiers" USING btree ("first_due_at","code") WHERE status = 'pending' and received;--> statement-breakpoint
CREATE INDEX "dossiers_pending_unit_due_idx" ON "dossiers" USING btree ("unit","first_due_at","code") WHERE status = 'pending' and received;--> statement-breakpoint
CREATE INDEX "dossiers_received_at_idx" ON "dossiers" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "dossiers_finished_at_idx" ON "dossiers" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "events_unit_seq_idx" ON "events" USING btree ("unit","seq");--> statement-breakpoint
-- A dossier not yet received belongs to the unit of its first event (by time, then seq), as the fold now says.
UPDATE "dossiers" d SET "unit" = f.unit FROM (
	SELECT DISTINCT ON (e.dossier) e.dossier, e.unit FROM "events" e JOIN "dossiers" x ON x.code = e.dossier
	WHERE NOT x.received ORDER BY e.dossier, e.at, e.seq) f
WHERE d.code = f.dossier AND NOT d.received AND d.unit <> f.unit;--> statement-breakpoint
-- The new counters of every received dossier, merged into its stored contribution (day → counter indexes).
WITH adds AS (
	SELECT code, day, jsonb_agg(idx) AS idxs FROM (
		SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, 22 AS idx FROM "dossiers" WHERE received and received_at is not null and channel is not null
		UNION ALL SELECT code, to_char((greatest(received_at, finished_at) at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 23 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND finished_at IS NOT NULL
		UNION ALL SELECT code, to_char((greatest(received_at, first_due_at) at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 24 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND first_due_at IS NOT NULL
		UNION ALL SELECT code, to_char((greatest(received_at, first_due_at, finished_at) at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 25 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND first_due_at IS NOT NULL AND finished_at IS NOT NULL
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 26 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND jsonb_array_length(flags) > 0
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 27 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND flags @> '["phantom_overdue"]'::jsonb
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 28 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND flags @> '["no_apology"]'::jsonb
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 29 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND flags @> '["many_supplements"]'::jsonb
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 30 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND flags @> '["late_sync"]'::jsonb
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 34 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND channel = 'online' AND rating IS NULL
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 31 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND channel = 'online' AND rating IS NOT NULL AND rating_via = 'online'
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 32 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND channel = 'online' AND rating IS NOT NULL AND rating_via IN ('kiosk', 'paper')
		UNION ALL SELECT code, to_char((received_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), 33 FROM "dossiers" WHERE received and received_at is not null and channel is not null AND channel = 'online' AND rating IS NOT NULL AND rating_via = 'qr'
	) n GROUP BY code, day
), merged AS (
	SELECT a.code, jsonb_object_agg(a.day, coalesce(d.contrib -> a.day, '[]'::jsonb) || a.idxs) AS obj
	FROM adds a JOIN "dossiers" d ON d.code = a.code GROUP BY a.code
)
UPDATE "dossiers" d SET "contrib" = d.contrib || m.obj FROM merged m WHERE d.code = m.code;--> statement-breakpoint
-- Every rollup row again, at the three grains, for the unit and each ancestor, from the contributions
-- (dossiers, PAKN items) and the ratings sent without a dossier: what a rebuild from the log gives.
TRUNCATE "rollups";--> statement-breakpoint
INSERT INTO "rollups" (unit, grain, day, received, direct, online, postal, online_full, digitized_intake, resolved, early, on_time, overdue, digitized_result, withdrawn, rejected, returned, apologies, supplements, rated, very_satisfied, satisfied, unsatisfied, feedback_received, feedback_resolved, open_in, open_out, due_in, due_out, flagged, flag_phantom_overdue, flag_no_apology, flag_many_supplements, flag_late_sync, online_rated_online, online_rated_counter, online_rated_qr, online_unrated)
SELECT a.anc, g.grain,
	CASE g.grain WHEN 'd' THEN x.day WHEN 'm' THEN date_trunc('month', x.day)::date ELSE date_trunc('year', x.day)::date END,
		count(*) filter (where x.idx = 0),
		count(*) filter (where x.idx = 1),
		count(*) filter (where x.idx = 2),
		count(*) filter (where x.idx = 3),
		count(*) filter (where x.idx = 4),
		count(*) filter (where x.idx = 5),
		count(*) filter (where x.idx = 6),
		count(*) filter (where x.idx = 7),
		count(*) filter (where x.idx = 8),
		count(*) filter (where x.idx = 9),
		count(*) filter (where x.idx = 10),
		count(*) filter (where x.idx = 11),
		count(*) filter (where x.idx = 12),
		count(*) filter (where x.idx = 13),
		count(*) filter (where x.idx = 14),
		count(*) filter (where x.idx = 15),
		count(*) filter (where x.idx = 16),
		count(*) filter (where x.idx = 17),
		count(*) filter (where x.idx = 18),
		count(*) filter (where x.idx = 19),
		count(*) filter (where x.idx = 20),
		count(*) filter (where x.idx = 21),
		count(*) filter (where x.idx = 22),
		count(*) filter (where x.idx = 23),
		count(*) filter (where x.idx = 24),
		count(*) filter (where x.idx = 25),
		count(*) filter (where x.idx = 26),
		count(*) filter (where x.idx = 27),
		count(*) filter (where x.idx = 28),
		count(*) filter (where x.idx = 29),
		count(*) filter (where x.idx = 30),
		count(*) filter (where x.idx = 31),
		count(*) filter (where x.idx = 32),
		count(*) filter (where x.idx = 33),
		count(*) filter (where x.idx = 34)
FROM (
	SELECT d.unit, c.key::date AS day, i.value::int AS idx FROM "dossiers" d, jsonb_each(d.contrib) c, jsonb_array_elements_text(c.value) i
	UNION ALL SELECT f.unit, c.key::date, i.value::int FROM "feedbacks" f, jsonb_each(f.contrib) c, jsonb_array_elements_text(c.value) i
	UNION ALL SELECT e.unit, to_char((e.at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')::date, 16 FROM "events" e WHERE e.type = 'dossier.rated' AND e.dossier IS NULL
	UNION ALL SELECT e.unit, to_char((e.at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')::date, CASE e.payload->>'level' WHEN 'very_satisfied' THEN 17 WHEN 'satisfied' THEN 18 ELSE 19 END
		FROM "events" e WHERE e.type = 'dossier.rated' AND e.dossier IS NULL
) x JOIN "units" u ON u.code = x.unit
CROSS JOIN LATERAL unnest(u.ancestors) AS a(anc)
CROSS JOIN (VALUES ('d'), ('m'), ('y')) AS g(grain)
GROUP BY 1, 2, 3;
