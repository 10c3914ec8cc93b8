/**
 * One dossier: with its events for GET /api/v1/dossiers/CODE (docs/api.md#one-dossier), or
 * with its timeline for the dossier page.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { inSubtree } from './subtree.ts';
import type { DossierView, TimelineEntry } from '../../types/views.ts';

export type { DossierView, TimelineEntry };

/** The dossier fields of docs/api.md#one-dossier as one SQL JSON object over `d` (dossiers). */
export const DOSSIER_JSON = sql.raw(`jsonb_build_object(
	'dossier', d.code, 'unit', d.unit, 'procedure', d.procedure, 'procedureName', d.procedure_name,
	'field', d.field, 'fieldName', d.field_name, 'channel', d.channel, 'onlineLevel', d.online_level,
	'receivedAt', d.received_at, 'dueAt', d.due_at, 'firstDueAt', d.first_due_at, 'status', d.status,
	'outcome', d.outcome, 'resolvedAt', d.resolved_at, 'returnedAt', d.returned_at, 'finishedAt', d.finished_at,
	'supplements', d.supplements, 'apology', d.apologies > 0, 'apologies', d.apologies, 'rating', d.rating,
	'flags', d.flags)`);

/** The dossier, or null when unknown or outside `scopeCode`'s subtree. */
export async function getDossier(
	database: Database,
	code: string,
	scopeCode: string
): Promise<DossierView | null> {
	const rows = await jsonRows<DossierView>(
		database,
		sql`select ${DOSSIER_JSON} || jsonb_build_object(
				'events', coalesce((select jsonb_agg(jsonb_build_object('seq', e.seq, 'id', e.event_id, 'type', e.type, 'at', e.at)
					order by e.at, e.seq) from events e where e.dossier = d.code), '[]'::jsonb)) as j
			from dossiers d join units u on u.code = d.unit
			where d.code = ${code} and ${inSubtree(sql`d.unit`, scopeCode)}`
	);
	return rows[0] ?? null;
}

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

type TimelineRow = Omit<TimelineEntry, 'details'> & { payload: Record<string, unknown> | null };

/**
 * The dossier (without its event list), its unit's ancestors (root … unit) and
 * its timeline, in one read — or null as for getDossier. The timeline is its stored events in time order (seq
 * breaks ties) with the details worth reading (appointment, apology, reason,
 * rating) and, when the overdue ticker announced it, the moment it became
 * overdue (`dossier.overdue`, docs/domain.md#overdue), at the first appointment it marks.
 */
export async function getDossierTimeline(
	database: Database,
	code: string,
	scopeCode: string
): Promise<{
	dossier: Omit<DossierView, 'events'>;
	ancestors: string[];
	timeline: TimelineEntry[];
} | null> {
	const rows = await jsonRows<
		Omit<DossierView, 'events'> & { ancestors: string[]; timeline: TimelineRow[] }
	>(
		database,
		sql`select ${DOSSIER_JSON} || jsonb_build_object('ancestors', to_jsonb(u.ancestors), 'timeline', coalesce((
				select jsonb_agg(t.j order by t.at, t.seq) from (
					select jsonb_build_object('seq', e.seq, 'id', e.event_id, 'type', e.type, 'at', e.at, 'unit', e.unit, 'payload', e.payload) as j, e.at, e.seq
					from events e where e.dossier = d.code
					union all
					select jsonb_build_object('seq', o.seq, 'id', null, 'type', 'dossier.overdue', 'at', o.at, 'unit', o.unit, 'payload', null), o.at, o.seq
					from overdue_announcements o where o.dossier = d.code
				) t), '[]'::jsonb)) as j
			from dossiers d join units u on u.code = d.unit
			where d.code = ${code} and ${inSubtree(sql`d.unit`, scopeCode)}`
	);
	if (!rows[0]) return null;
	const { ancestors, timeline, ...dossier } = rows[0];
	return {
		dossier,
		ancestors,
		timeline: timeline.map((r) => {
			const details: TimelineEntry['details'] = {};
			const p = r.payload ?? {};
			for (const k of DETAIL_KEYS)
				if (p[k] !== undefined && p[k] !== null) (details as Record<string, unknown>)[k] = p[k];
			return { seq: Number(r.seq), id: r.id, type: r.type, at: r.at, unit: r.unit, details };
		})
	};
}
