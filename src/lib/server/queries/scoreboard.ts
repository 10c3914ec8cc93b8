/**
 * GET /api/v1/scoreboard (docs/domain.md#scoreboard), for one unit or many: the §4
 * summary (queries/summary.ts) and, from counters as well, what progress
 * needs besides — the dossiers with more than one supplement request resolved
 * in time, or pending within the deadline at the end (open-counts.ts's
 * identities over the mopen/mdue counters, plus today's rest when the period
 * runs until now). The formulas are domain/figures/scoreboard.ts.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDay, localDayStart } from '../../domain/calendar/days.ts';
import { periodOf } from '../../domain/figures/period.ts';
import {
	progressIfLate,
	scoreboardOf,
	type ManySupplements,
	type Scoreboard,
	type ScoreGroup
} from '../../domain/figures/scoreboard.ts';
import type { Summary } from '../../domain/figures/summary.ts';
import type { Database } from '../db/index.ts';
import { laterTodayByRoot, manySupplementCountersByUnit } from './counters.ts';
import { countDossiersByUnit } from './dossier-counts.ts';
import { summaries } from './summary.ts';
import type { UnitInfo } from './units.ts';

type Unit = Pick<UnitInfo, 'code' | 'depth'>;

/** A unit's scoreboard, with the summary it came from and, for a period running until now, today's what-if. */
export type UnitScore = {
	board: Scoreboard;
	summary: Summary;
	many: ManySupplements;
	/** Pending within the deadline, due before midnight (null unless the period runs until now). */
	dueToday: number | null;
	/** Progress if every one of them turns late. */
	ifLate: ScoreGroup | null;
};

/** Pending dossiers (one supplement request at most) whose first appointment lies in [t, end), per unit. */
function dueBeforeMidnight(
	database: Database,
	units: readonly Unit[],
	t: Date,
	end: Date
): Promise<Map<string, number>> {
	return countDossiersByUnit(
		database,
		units,
		sql`d.status = 'pending' and d.received and d.supplements <= 1
			and d.first_due_at >= ${t.toISOString()}::timestamptz and d.first_due_at < ${end.toISOString()}::timestamptz`
	);
}

export async function scoreboards(
	database: Database,
	units: readonly Unit[],
	from: string,
	to: string,
	now = new Date()
): Promise<Map<string, UnitScore>> {
	const p = periodOf(from, to, now);
	const endsNow = p.end.getTime() === now.getTime();
	const today = localDay(now);
	const endOfToday = localDayStart(addDays(today, 1));
	const codes = units.map((u) => u.code);
	const depths = [...new Set(units.map((u) => u.depth))];
	const byDepth = (d: number) => units.filter((u) => u.depth === d).map((u) => u.code);
	const [sums, many, rests, due] = await Promise.all([
		summaries(database, units, from, to, now),
		manySupplementCountersByUnit(database, codes, from, to, endsNow ? today : to),
		endsNow
			? Promise.all(
					depths.map((d) => laterTodayByRoot(database, byDepth(d), d, now, endOfToday, true))
				)
			: Promise.resolve([]),
		endsNow
			? dueBeforeMidnight(database, units, now, endOfToday)
			: Promise.resolve(new Map<string, number>())
	]);
	const rest = new Map(rests.flatMap((m) => [...m]));
	const dueToday = due;
	return new Map(
		units.map((u) => {
			const s = sums.get(u.code)!;
			const m = many.get(u.code)!;
			const r = rest.get(u.code) ?? { total: 0, overdue: 0 };
			const open = m.end.total + r.total;
			const overdue = m.end.overdue + r.overdue;
			const ms: ManySupplements = {
				resolvedInTime: m.resolvedInTime,
				pendingWithinDeadline: open - overdue
			};
			const n = endsNow ? (dueToday.get(u.code) ?? 0) : null;
			return [
				u.code,
				{
					board: scoreboardOf(s, ms),
					summary: s,
					many: ms,
					dueToday: n,
					ifLate: n === null ? null : progressIfLate(s, ms, n)
				}
			];
		})
	);
}

export async function scoreboard(
	database: Database,
	unit: Unit,
	from: string,
	to: string,
	now = new Date()
): Promise<UnitScore> {
	return (await scoreboards(database, [unit], from, to, now)).get(unit.code)!;
}
