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
import { periodCountersByUnit } from './counters.ts';
import { countDossiersByUnit } from './dossier-counts.ts';
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

/** Phantom dossiers (returned in time, not resolved) open and past their appointment at `end`, per unit. */
function phantomOpenAt(
	database: Database,
	units: readonly Unit[],
	end: Date
): Promise<Map<string, number>> {
	const e = end.toISOString();
	return countDossiersByUnit(
		database,
		units,
		sql`d.flags @> '["phantom_overdue"]'::jsonb and d.first_due_at < ${e}::timestamptz
			and d.received and d.received_at < ${e}::timestamptz and (d.finished_at is null or d.finished_at >= ${e}::timestamptz)`
	);
}

export async function attributions(
	database: Database,
	units: readonly Unit[],
	from: string,
	to: string,
	now = new Date()
): Promise<Map<string, Attribution>> {
	const p = periodOf(from, to, now);
	const [counters, sums, phantom] = await Promise.all([
		periodCountersByUnit(
			database,
			units.map((u) => u.code),
			from,
			to,
			['overdue', 'overdue_sync', 'late_sync_resolved']
		),
		summaries(database, units, from, to, now),
		phantomOpenAt(database, units, p.end)
	]);
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
