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
import type { Attribution } from '../../types/views.ts';

type Unit = Pick<UnitInfo, 'code' | 'depth'>;

export type { Attribution };

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

/**
 * The parts that do not come from the §4 summary, per unit: resolved late, resolved late for a synchronisation
 * reason, synchronised late, and phantom dossiers open at the period's end. `attributionOf` adds the summary's
 * pending overdue — a caller that already has the summaries (the report's §8 table) passes them in.
 */
export async function attributionParts(
	database: Database,
	units: readonly Unit[],
	from: string,
	to: string,
	now = new Date()
): Promise<
	Map<
		string,
		{ resolvedLate: number; resolvedLateSync: number; syncedLate: number; phantomOpen: number }
	>
> {
	const p = periodOf(from, to, now);
	const [counters, phantom] = await Promise.all([
		periodCountersByUnit(
			database,
			units.map((u) => u.code),
			from,
			to,
			['overdue', 'overdue_sync', 'late_sync_resolved']
		),
		phantomOpenAt(database, units, p.end)
	]);
	return new Map(
		units.map((u) => {
			const c = counters.get(u.code)!;
			return [
				u.code,
				{
					resolvedLate: c.overdue,
					resolvedLateSync: c.overdue_sync,
					syncedLate: c.late_sync_resolved,
					phantomOpen: phantom.get(u.code) ?? 0
				}
			];
		})
	);
}

/** One unit's split, from its parts and the §4 pending overdue at the period's end. */
export function attributionOf(
	parts: {
		resolvedLate: number;
		resolvedLateSync: number;
		syncedLate: number;
		phantomOpen: number;
	},
	openOverdue: number
): Attribution {
	const sync = parts.resolvedLateSync + parts.syncedLate + parts.phantomOpen;
	const judged = parts.resolvedLate + parts.syncedLate + openOverdue;
	return {
		judged,
		sync,
		processing: judged - sync,
		resolvedLate: parts.resolvedLate,
		syncedLate: parts.syncedLate,
		openOverdue
	};
}

/** The split per unit, summaries included. */
export async function attributions(
	database: Database,
	units: readonly Unit[],
	from: string,
	to: string,
	now = new Date()
): Promise<Map<string, Attribution>> {
	const [parts, sums] = await Promise.all([
		attributionParts(database, units, from, to, now),
		summaries(database, units, from, to, now)
	]);
	return new Map(
		units.map((u) => [u.code, attributionOf(parts.get(u.code)!, sums.get(u.code)!.pending.overdue)])
	);
}
