/**
 * The freshness records (docs/domain.md#freshness, db/schema.ts unitActivity and
 * acceptHours), written by the ingest transaction beside the log, and
 * recomputed from the log by rebuild and the migration that added them.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.ts';

/** ISO instants of one length (toISOString's) compare as strings; two Dates for each of 5,000 rows cost ~5 ms a batch. */
const later = (a: string, b: string) =>
	a.length === b.length ? a > b : Date.parse(a) > Date.parse(b);

/** After a batch: each unit's latest `at` and this acceptance; the hour's first seq (kept if the hour has one). */
export async function recordActivity(
	database: Database,
	tx: Db,
	rows: readonly { unit: string; at: string }[],
	firstSeq: number,
	acceptedAt: string
): Promise<void> {
	const latest = new Map<string, string>();
	for (const r of rows) {
		const prev = latest.get(r.unit);
		if (prev === undefined || later(r.at, prev)) latest.set(r.unit, r.at);
	}
	const units = JSON.stringify([...latest].map(([unit, at]) => ({ unit, at })));
	await Promise.all([
		database.rows(
			sql`insert into unit_activity (unit, last_at, last_accepted_at)
				select x.unit, x.at, ${acceptedAt}::timestamptz from jsonb_to_recordset(${units}::jsonb) as x(unit text, at timestamptz)
				on conflict (unit) do update set last_at = greatest(unit_activity.last_at, excluded.last_at),
					last_accepted_at = greatest(unit_activity.last_accepted_at, excluded.last_accepted_at)`,
			tx
		),
		database.rows(
			sql`insert into accept_hours (hour, first_seq) values (date_trunc('hour', ${acceptedAt}::timestamptz), ${firstSeq}) on conflict (hour) do nothing`,
			tx
		)
	]);
}

/** Both records again from the log (rebuild). */
export async function rebuildActivity(database: Database, tx: Db): Promise<void> {
	await database.rows(sql`truncate unit_activity, accept_hours`, tx);
	await database.rows(
		sql`insert into unit_activity (unit, last_at, last_accepted_at) select unit, max(at), max(accepted_at) from events group by unit`,
		tx
	);
	await database.rows(
		sql`insert into accept_hours (hour, first_seq) select date_trunc('hour', accepted_at), min(seq) from events group by 1`,
		tx
	);
}
