/**
 * The stored feed, for the live hub's resumes the ring cannot answer (after a restart, on
 * another process, long disconnections). `feedSource` is the ONE place that
 * says what the feed is made of — the accepted events and the overdue
 * announcements (`dossier.overdue`, no source id) — and every query below
 * follows it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import type { FeedItem, RoutedItem } from '../realtime/types.ts';
import { inSubtree } from './subtree.ts';

/** Feed rows after `since`: (seq, id, type, unit, dossier, at, logged_at), logged_at = when it entered the feed. */
function feedSource(since: number): SQL {
	return sql`select e.seq, e.event_id as id, e.type, e.unit, e.dossier, e.at, e.accepted_at as logged_at
			from events e where e.seq > ${since}
		union all
		select a.seq, null::text, 'dossier.overdue'::text, a.unit, a.dossier, a.at, a.announced_at
			from overdue_announcements a where a.seq > ${since}`;
}

export type LoggedItem = { item: FeedItem; loggedAt: number };

type Row = FeedItem & { loggedAt: string };

/** A row as a live item has it (ISO instants in UTC, numeric seq), with when it entered the feed. */
function logged(r: Row): LoggedItem {
	return {
		item: {
			seq: Number(r.seq),
			id: r.id,
			type: r.type,
			unit: r.unit,
			dossier: r.dossier,
			at: new Date(r.at).toISOString()
		},
		loggedAt: new Date(r.loggedAt).getTime()
	};
}

/** Feed items with seq > since in the subtree of `unitCode`, oldest first, at most `limit`. */
export async function feedSince(
	database: Database,
	unitCode: string,
	since: number,
	limit: number
): Promise<LoggedItem[]> {
	const rows = await jsonRows<Row>(
		database,
		sql`select jsonb_build_object('seq', f.seq, 'id', f.id, 'type', f.type, 'unit', f.unit, 'dossier', f.dossier,
				'at', f.at, 'loggedAt', f.logged_at) as j
			from (${feedSource(since)}) f join units u on u.code = f.unit
			where ${inSubtree(sql`f.unit`, unitCode)}
			order by f.seq limit ${limit}`
	);
	return rows.map(logged);
}

/** Feed items of every unit with seq > since, oldest first, at most `limit`, with their unit's ancestors (root … unit). */
export async function feedSinceAll(
	database: Database,
	since: number,
	limit: number
): Promise<RoutedItem[]> {
	const rows = await jsonRows<Row & { ancestors: string[] }>(
		database,
		sql`select jsonb_build_object('seq', f.seq, 'id', f.id, 'type', f.type, 'unit', f.unit, 'dossier', f.dossier,
				'at', f.at, 'loggedAt', f.logged_at, 'ancestors', to_jsonb(u.ancestors)) as j
			from (${feedSource(since)}) f join units u on u.code = f.unit
			order by f.seq limit ${limit}`
	);
	return rows.map((r) => ({ ...logged(r), ancestors: r.ancestors }));
}

/** The highest seq in the feed (0 when empty). */
export async function feedTop(database: Database): Promise<number> {
	const rows = await jsonRows<number | null>(
		database,
		sql`select to_jsonb((select max(f.seq) from (${feedSource(0)}) f)) as j`
	);
	return Number(rows[0] ?? 0);
}

/** How many feed items (of any unit) have since < seq ≤ upTo. */
export async function feedCountBetween(
	database: Database,
	since: number,
	upTo: number
): Promise<number> {
	const rows = await jsonRows<number>(
		database,
		sql`select to_jsonb(count(*)) as j from (${feedSource(since)}) f where f.seq <= ${upTo}`
	);
	return Number(rows[0] ?? 0);
}
