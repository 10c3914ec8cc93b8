/**
 * A dossier's timeline: its stored events with the details worth reading
 * (appointment, apology, reason, rating) and, when the overdue ticker announced
 * it, the moment it became overdue (`dossier.overdue`, docs/domain.md#overdue).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db/index.ts';
import { jsonRows } from '$lib/server/db/json-rows.ts';

export type TimelineEntry = {
	seq: number;
	id: string | null;
	type: string;
	at: string;
	unit: string;
	details: {
		dueAt?: string;
		processingDays?: number;
		apology?: boolean;
		reason?: string;
		level?: string;
		via?: string;
		resultDigitized?: boolean;
		digitized?: boolean;
		channel?: string;
		onlineLevel?: string;
		dueAtComputed?: boolean;
	};
};

const DETAIL_KEYS = [
	'dueAt',
	'processingDays',
	'apology',
	'reason',
	'level',
	'via',
	'resultDigitized',
	'digitized',
	'channel',
	'onlineLevel',
	'dueAtComputed'
] as const;

/** Events in time order (seq breaks ties); the overdue announcement sits at the first appointment it marks. */
export async function dossierTimeline(database: Database, code: string): Promise<TimelineEntry[]> {
	const rows = await jsonRows<{
		seq: number;
		id: string | null;
		type: string;
		at: string;
		unit: string;
		payload: Record<string, unknown> | null;
	}>(
		database,
		sql`select j from (
				select jsonb_build_object('seq', e.seq, 'id', e.event_id, 'type', e.type, 'at', e.at, 'unit', e.unit, 'payload', e.payload) as j, e.at, e.seq
				from events e where e.dossier = ${code}
				union all
				select jsonb_build_object('seq', o.seq, 'id', null, 'type', 'dossier.overdue', 'at', o.at, 'unit', o.unit, 'payload', null), o.at, o.seq
				from overdue_announcements o where o.dossier = ${code}
			) t order by t.at, t.seq`
	);
	return rows.map((r) => {
		const details: TimelineEntry['details'] = {};
		const p = r.payload ?? {};
		for (const k of DETAIL_KEYS)
			if (p[k] !== undefined && p[k] !== null) (details as Record<string, unknown>)[k] = p[k];
		return { seq: Number(r.seq), id: r.id, type: r.type, at: r.at, unit: r.unit, details };
	});
}
