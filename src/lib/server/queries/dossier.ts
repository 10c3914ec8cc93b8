/** GET /api/v1/dossiers/CODE (docs/api.md#one-dossier): one dossier with its events. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { inSubtree } from './subtree.ts';
import type { DossierView } from '../../types/views.ts';

export type { DossierView };

/** The dossier, or null when unknown or outside `scopeCode`'s subtree. */
/** The dossier fields of docs/api.md#one-dossier as one SQL JSON object over `d` (dossiers). */
export const DOSSIER_JSON = sql.raw(`jsonb_build_object(
	'dossier', d.code, 'unit', d.unit, 'procedure', d.procedure, 'procedureName', d.procedure_name,
	'field', d.field, 'fieldName', d.field_name, 'channel', d.channel, 'onlineLevel', d.online_level,
	'receivedAt', d.received_at, 'dueAt', d.due_at, 'firstDueAt', d.first_due_at, 'status', d.status,
	'outcome', d.outcome, 'resolvedAt', d.resolved_at, 'returnedAt', d.returned_at, 'finishedAt', d.finished_at,
	'supplements', d.supplements, 'apology', d.apologies > 0, 'apologies', d.apologies, 'rating', d.rating,
	'flags', d.flags)`);

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
