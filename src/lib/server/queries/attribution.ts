/**
 * How much of a period's lateness is the data's fault (dossier/attribution.ts), per unit's subtree: the
 * dossiers judged overdue — resolved late in the period, resolved in time but synchronised late, still open
 * past their appointment at its end — and of those, the ones attributed to synchronisation. The resolved
 * part comes from counters (overdue_sync, late_sync_resolved); the open part is the §4 pending overdue, of
 * which only the phantom ones (returned in time, not resolved) are the data's, read from their own index.
 */
import { sql } from 'drizzle-orm';
import { periodOf } from '../../domain/figures/period.ts';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';
import { periodCountersByUnit } from './counters.ts';
import { summaries } from './summary.ts';
import type { UnitInfo } from './units.ts';

type Unit = Pick<UnitInfo, 'code' | 'depth'>;

export type Attribution = {
	judged: number;
	sync: number;
	processing: number;
	resolvedLate: number;
	syncedLate: number;
	openOverdue: number;
};

/** Per unit of one depth: phantom dossiers open and past their appointment at `end`. */
async function phantomOpenAt(
	database: Database,
	roots: readonly string[],
	depth: number,
	end: Date
): Promise<Map<string, number>> {
	const out = new Map(roots.map((r) => [r, 0]));
	if (roots.length === 0) return out;
	if (!Number.isInteger(depth) || depth < 0)
		throw new RangeError(`depth must be a whole number, got ${depth}`);
	const root = sql.raw(`u.ancestors[${depth + 1}]`);
	const e = end.toISOString();
	const rows = await jsonRows<{ root: string; n: number }>(
		database,
		sql`select jsonb_build_object('root', ${root}, 'n', count(*)) as j
			from dossiers d join units u on u.code = d.unit
			where d.flags @> '["phantom_overdue"]'::jsonb and d.first_due_at < ${e}::timestamptz
				and d.received and d.received_at < ${e}::timestamptz and (d.finished_at is null or d.finished_at >= ${e}::timestamptz)
				and ${root} = ${anyOf(roots)}
			group by ${root}`
	);
	for (const r of rows) out.set(r.root, Number(r.n));
	return out;
}

export async function attributions(
	database: Database,
	units: readonly Unit[],
	from: string,
	to: string,
	now = new Date()
): Promise<Map<string, Attribution>> {
	const p = periodOf(from, to, now);
	const depths = [...new Set(units.map((u) => u.depth))];
	const [counters, sums, phantoms] = await Promise.all([
		periodCountersByUnit(
			database,
			units.map((u) => u.code),
			from,
			to,
			['overdue', 'overdue_sync', 'late_sync_resolved']
		),
		summaries(database, units, from, to, now),
		Promise.all(
			depths.map((d) =>
				phantomOpenAt(
					database,
					units.filter((u) => u.depth === d).map((u) => u.code),
					d,
					p.end
				)
			)
		)
	]);
	const phantom = new Map(phantoms.flatMap((m) => [...m]));
	return new Map(
		units.map((u) => {
			const c = counters.get(u.code)!;
			const open = sums.get(u.code)!.pending.overdue;
			const sync = c.overdue_sync + c.late_sync_resolved + (phantom.get(u.code) ?? 0);
			const judged = c.overdue + c.late_sync_resolved + open;
			return [
				u.code,
				{
					judged,
					sync,
					processing: judged - sync,
					resolvedLate: c.overdue,
					syncedLate: c.late_sync_resolved,
					openOverdue: open
				}
			];
		})
	);
}
