/**
 * GET /api/v1/summary (docs/api.md#summary, docs/domain.md#figures), for one unit or many at once: the period
 * from the rollups, carried over and pending as running totals of the day
 * counters (domain/figures/open-counts.ts), and — when the period runs until
 * now — the rest of today from the dossiers received, finished or due in it.
 * No query scans the open dossiers, whatever their number.
 */
import { addDays, localDay, localDayStart } from '../../domain/calendar/days.ts';
import { emptyCounters } from '../../domain/figures/counters.ts';
import { buildSummary, type Summary } from '../../domain/figures/summary.ts';
import { periodOf } from '../../domain/figures/period.ts';
import type { Database } from '../db/index.ts';
import { figureCountersByUnit, laterTodayByRoot, type LaterToday } from './counters.ts';
import { getUnit, type UnitInfo } from './units.ts';

type Unit = Pick<UnitInfo, 'code' | 'depth'>;

/** Per unit, how now differs from the end of today (counters.ts `laterTodayByRoot`), with as few queries as depths. */
export async function restOfToday(
	database: Database,
	units: readonly Unit[],
	now: Date,
	/** Only the dossiers with more than one supplement request (the scoreboard's). */
	onlyManySupplements = false
): Promise<Map<string, LaterToday>> {
	const endOfToday = localDayStart(addDays(localDay(now), 1));
	const depths = [...new Set(units.map((u) => u.depth))];
	const rests = await Promise.all(
		depths.map((d) =>
			laterTodayByRoot(
				database,
				units.filter((u) => u.depth === d).map((u) => u.code),
				d,
				now,
				endOfToday,
				onlyManySupplements
			)
		)
	);
	return new Map(rests.flatMap((m) => [...m]));
}

/**
 * The summaries of several units (any depths) for one period, with as few queries as depths; `rest` when the
 * caller has read the rest of today already (the scoreboard).
 */
export async function summaries(
	database: Database,
	units: readonly Unit[],
	from: string,
	to: string,
	now = new Date(),
	rest?: Promise<Map<string, LaterToday>>
): Promise<Map<string, Summary>> {
	const p = periodOf(from, to, now);
	const endsNow = p.end.getTime() === now.getTime();
	const today = localDay(now);
	const codes = units.map((u) => u.code);
	const [counters, later] = await Promise.all([
		figureCountersByUnit(database, codes, from, to, addDays(from, -1), endsNow ? today : to),
		endsNow ? (rest ?? restOfToday(database, units, now)) : new Map<string, LaterToday>()
	]);
	return new Map(
		units.map((u) => {
			const c = counters.get(u.code)!;
			const r = later.get(u.code) ?? { total: 0, overdue: 0 };
			const pending = { total: c.end.total + r.total, overdue: c.end.overdue + r.overdue };
			return [u.code, buildSummary({ unit: u.code, from, to }, c.period, c.carried.total, pending)];
		})
	);
}

export async function summary(
	database: Database,
	unit: string | Unit,
	from: string,
	to: string,
	now = new Date()
): Promise<Summary> {
	const u = typeof unit === 'string' ? await getUnit(database, unit) : unit;
	if (!u) return summaryOfUnknown(unit as string, from, to);
	return (await summaries(database, [u], from, to, now)).get(u.code)!;
}

/** A unit that is not in the registry has no dossiers. */
function summaryOfUnknown(code: string, from: string, to: string): Summary {
	return buildSummary({ unit: code, from, to }, emptyCounters(), 0, { total: 0, overdue: 0 });
}
