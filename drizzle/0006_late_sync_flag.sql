-- The `late_sync` flag (domain/dossier/flags.ts) for dossiers stored before it existed: resolved early or on time,
-- the receipt known (accepted) no later than the first appointment, the final terminal event (latest by time, then seq)
-- accepted after it. New flags are appended in FLAGS order, where late_sync is last.
UPDATE "dossiers" d SET "flags" = d.flags || '["late_sync"]'::jsonb
WHERE d.status = 'resolved' AND d.outcome IN ('early', 'on_time') AND d.first_due_at IS NOT NULL
	AND NOT d.flags @> '["late_sync"]'::jsonb
	AND (SELECT min(e.accepted_at) FROM "events" e WHERE e.dossier = d.code AND e.type = 'dossier.received') <= d.first_due_at
	AND (SELECT e.accepted_at FROM "events" e
		WHERE e.dossier = d.code AND e.type IN ('dossier.resolved', 'dossier.withdrawn', 'dossier.rejected')
		ORDER BY e.at DESC, e.seq DESC LIMIT 1) > d.first_due_at;
