/**
 * GET /api/v1/scoreboard (docs/domain.md#scoreboard), for one unit or many: the §4
 * summary (queries/summary.ts) and, from counters as well, what progress
 * needs besides — the dossiers with more than one supplement request resolved
 * in time, or pending within the deadline at the end (open-counts.ts's
 * identities over the mopen/mdue counters, plus today's rest when the period
 * runs until now). The formulas are domain/figures/scoreboard.ts.
 */
import { localDay } from '../../domain/calendar/days.ts';
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
import { manySupplementCountersByUnit, type LaterToday } from './counters.ts';
import { restOfToday, summaries } from './summary.ts';
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
	const codes = units.map((u) => u.code);
	const none = Promise.resolve(new Map<string, LaterToday>());
	// The rest of today once for the summaries and for today's what-if: the dossiers open now and due before
	// midnight, all of them less those with more than one supplement request (counters.ts `dueSoon`).
	const restAll = endsNow ? restOfToday(database, units, now) : undefined;
	const [sums, many, rest, all] = await Promise.all([
		summaries(database, units, from, to, now, restAll),
		manySupplementCountersByUnit(database, codes, from, to, endsNow ? today : to),
		endsNow ? restOfToday(database, units, now, true) : none,
		restAll ?? none
	]);
	const dueToday = new Map(
		units.map((u) => [u.code, (all.get(u.code)?.dueSoon ?? 0) - (rest.get(u.code)?.dueSoon ?? 0)])
	);
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
