/**
 * Anomaly flags (src/lib/domain/dossier/flags.ts) counted and listed for a unit
 * subtree. The population is precise and the same for the counts and the list:
 * the dossiers of the subtree (by receiving unit) RECEIVED within the period
 * [from, to] (local days, Asia/Ho_Chi_Minh, inclusive) — whatever their status
 * now. Flags come from the dossier's events only, so a count can rise later in
 * the period's life (a late resolution recorded next month flags a dossier
 * received this month) but never depends on when it is asked.
 */
import { sql } from 'drizzle-orm';
import { FLAGS } from '../../domain/dossier/flags.ts';
import { addDays, localDayStart } from '../../domain/calendar/days.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { periodCounters } from './counters.ts';
import { DOSSIER_JSON } from './dossier.ts';
import type { WatchItem } from './overdue.ts';
import { inSubtree } from './subtree.ts';
import type { AnomalyCounts } from '../../types/views.ts';

export type { AnomalyCounts };

/** Half-open instants [start, end) of the local days from..to; either side may be open. */
function bounds(
	from: string | null,
	to: string | null
): { start: string | null; end: string | null } {
	return {
		start: from ? localDayStart(from).toISOString() : null,
		end: to ? localDayStart(addDays(to, 1)).toISOString() : null
	};
}

/** The counts, from the rollups (each dossier adds its flags on its receipt day): no scan of the dossiers. */
export async function anomalyCounts(
	database: Database,
	unit: string,
	from: string,
	to: string
): Promise<AnomalyCounts> {
	const c = await periodCounters(database, unit, from, to);
	const out = { received: c.received, flagged: c.flagged } as AnomalyCounts;
	for (const f of FLAGS) out[f] = c[`flag_${f}`];
	return out;
}

/**
 * Flagged dossiers of the subtree received in [from, to] (each side optional:
 * open), newest received first, at most `limit` of them (`truncated` says
 * there were more: counts made from the list are then only a lower bound). `overdueHours` here is how late the dossier is
 * or was against its first appointment: (resolvedAt, or now while unresolved)
 * − firstDueAt, in hours (negative when early).
 */
export async function anomalyList(
	database: Database,
	unit: string,
	period: { from: string | null; to: string | null },
	now: Date,
	limit = 5000
): Promise<{ items: WatchItem[]; truncated: boolean }> {
	const { start, end } = bounds(period.from, period.to);
	const t = now.toISOString();
	const items = await jsonRows<WatchItem>(
		database,
		sql`select ${DOSSIER_JSON} || jsonb_build_object('unitName', u.name,
				'overdueHours', round((extract(epoch from (coalesce(d.resolved_at, ${t}::timestamptz) - d.first_due_at)) / 3600)::numeric, 2)) as j
			from dossiers d join units u on u.code = d.unit
			where d.received and jsonb_array_length(d.flags) > 0 and ${inSubtree(sql`d.unit`, unit)}
				and (${start}::timestamptz is null or d.received_at >= ${start}::timestamptz)
				and (${end}::timestamptz is null or d.received_at < ${end}::timestamptz)
			order by d.received_at desc, d.code
			limit ${limit + 1}`
	);
	const truncated = items.length > limit;
	if (truncated) items.length = limit;
	for (const item of items) item.overdueHours = Number(item.overdueHours);
	return { items, truncated };
}
