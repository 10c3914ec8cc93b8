/** The latest events of a subtree in readable form, for the live feed's first paint. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';

export type FeedEntry = {
	seq: number;
	id: string;
	type: string;
	unit: string;
	unitName: string;
	dossier: string | null;
	at: string;
	procedureName: string | null;
	channel: string | null;
	outcome: string | null;
	level: string | null;
};

const ENTRY = sql.raw(`jsonb_build_object('seq', e.seq, 'id', e.event_id, 'type', e.type, 'unit', e.unit, 'unitName', u.name,
	'dossier', e.dossier, 'at', e.at, 'procedureName', coalesce(d.procedure_name, d.procedure),
	'channel', d.channel, 'outcome', d.outcome, 'level', e.payload->>'level')`);

export async function recentFeed(database: Database, unit: string, limit = 30): Promise<FeedEntry[]> {
	return jsonRows<FeedEntry>(
		database,
		sql`select ${ENTRY} as j
			from events e join units u on u.code = e.unit left join dossiers d on d.code = e.dossier
			where u.ancestors @> array[${unit}]::text[]
			order by e.seq desc limit ${limit}`
	);
}

/** Readable events of a subtree after a seq (oldest first), for live feed items. */
export async function feedAfter(database: Database, unit: string, after: number, limit = 50): Promise<FeedEntry[]> {
	return jsonRows<FeedEntry>(
		database,
		sql`select ${ENTRY} as j
			from events e join units u on u.code = e.unit left join dossiers d on d.code = e.dossier
			where e.seq > ${after} and u.ancestors @> array[${unit}]::text[]
			order by e.seq limit ${limit}`
	);
}
