/** The latest events of a subtree in readable form, for the live feed's first paint. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { inSubtree, subtreeSize, subtreeUnits, UNIT_BY_UNIT } from './subtree.ts';
import type { FeedEntry } from '../../types/views.ts';

export type { FeedEntry };

const ENTRY =
	sql.raw(`jsonb_build_object('seq', e.seq, 'id', e.event_id, 'type', e.type, 'unit', e.unit, 'unitName', u.name,
	'dossier', e.dossier, 'at', e.at, 'procedureName', coalesce(d.procedure_name, d.procedure),
	'channel', d.channel, 'outcome', d.outcome, 'level', e.payload->>'level',
	'lagSeconds', greatest(0, floor(extract(epoch from e.accepted_at - e.at))))`);

const ANNOUNCEMENT =
	sql.raw(`jsonb_build_object('seq', a.seq, 'id', null, 'type', 'dossier.overdue', 'unit', a.unit, 'unitName', u.name,
	'dossier', a.dossier, 'at', a.at, 'procedureName', coalesce(d.procedure_name, d.procedure),
	'channel', d.channel, 'outcome', null, 'level', null, 'lagSeconds', 0)`);

/**
 * Events and overdue announcements of a subtree as one feed: the newest
 * `limit`, or the oldest `limit` after a seq — from the seq order of each
 * table: unit by unit (events_unit_seq_idx) for a small subtree, else in one
 * ordered scan that skips the other units' rows.
 */
async function feed(
	database: Database,
	unit: string,
	after: number | null,
	limit: number
): Promise<FeedEntry[]> {
	const dir = sql.raw(after === null ? 'desc' : 'asc');
	const e = after === null ? sql`true` : sql`e.seq > ${after}`;
	const a = after === null ? sql`true` : sql`a.seq > ${after}`;
	const small = (await subtreeSize(database, unit)) <= UNIT_BY_UNIT;
	// The newest `limit` first, then their names: joins for the few rows shown, not for every candidate.
	const events = small
		? sql`select e.* from ${subtreeUnits(unit)} cross join lateral (
				select * from events e where e.unit = su.code and ${e} order by e.seq ${dir} limit ${limit}) e
			order by e.seq ${dir} limit ${limit}`
		: sql`select * from events e where ${inSubtree(sql`e.unit`, unit)} and ${e} order by e.seq ${dir} limit ${limit}`;
	return jsonRows<FeedEntry>(
		database,
		sql`select j from (
			(select e.seq, ${ENTRY} as j
				from (${events}) e join units u on u.code = e.unit left join dossiers d on d.code = e.dossier
				order by e.seq ${dir} limit ${limit})
			union all
			(select a.seq, ${ANNOUNCEMENT} as j
				from overdue_announcements a join units u on u.code = a.unit left join dossiers d on d.code = a.dossier
				where ${inSubtree(sql`a.unit`, unit)} and ${a} order by a.seq ${dir} limit ${limit})
			) f order by seq ${dir} limit ${limit}`
	);
}

/** The newest events of a subtree, newest first. */
export function recentFeed(database: Database, unit: string, limit = 30): Promise<FeedEntry[]> {
	return feed(database, unit, null, limit);
}

/** Readable events of a subtree after a seq (oldest first), for live feed items. */
export function feedAfter(
	database: Database,
	unit: string,
	after: number,
	limit = 50
): Promise<FeedEntry[]> {
	return feed(database, unit, after, limit);
}
