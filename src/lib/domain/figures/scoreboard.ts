/**
 * Our estimate of the parts of the national service index that dossiers
 * decide (docs/domain.md#scoreboard), from our own events — not the official score.
 *
 * Source: Decision 766/QĐ-TTg of 23/06/2022 on the set of indicators for
 * directing, administering and assessing the quality of service to citizens
 * and businesses (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục
 * vụ người dân, doanh nghiệp), as republished on the national portal:
 * transparency 18 points, progress 20, digitisation 22, online service 22
 * (later online 12 + online payment 10), satisfaction 18.
 *
 * - Progress ("Tiến độ giải quyết", 20 points): 20 × dossiers handled in time
 *   / dossiers handled, handled = resolved in the period + pending at its
 *   end; in time = resolved early or on time, or pending within the
 *   deadline — except that a dossier with more than one supplement request
 *   counts as late (766's rule that more than one request to supplement is
 *   a delay caused by the administration).
 * - Online service, the dossier-share part (6 of the group's points): full
 *   marks from 50 % of new dossiers received online, proportional below.
 * - Satisfaction, the "at receiving" part (6 points): full marks from 90 % of
 *   ratings satisfied or very satisfied, proportional below.
 * - A group with no dossiers (n = 0) has no value and no points and is left
 *   out of the total, which sums the others' points and maxima.
 *
 * Digitisation (22 points) is not estimated: its criteria (components and
 * results digitised and reused from the national data stores, e-results
 * issued) are more than our two flags `digitized` and `resultDigitized` can
 * tell, so a number would look official and mean something else. The two
 * shares are shown beside the score as what they are.
 */
import type { Summary } from './summary.ts';

export type ScoreGroup = { points: number | null; max: number; value: number | null; n: number };

export type Scoreboard = {
	unit: string;
	from: string;
	to: string;
	progress: ScoreGroup;
	online: ScoreGroup;
	satisfaction: ScoreGroup;
	total: { points: number; max: number };
};

export const PROGRESS_MAX = 20;
export const ONLINE_MAX = 6;
export const ONLINE_FULL_FROM = 0.5;
export const SATISFACTION_MAX = 6;
export const SATISFACTION_FULL_FROM = 0.9;

/**
 * What the summary does not tell: of the dossiers with more than one
 * supplement request, those resolved early or on time in the period, and
 * those pending within the deadline at its end (both counted late here).
 */
export type ManySupplements = { resolvedInTime: number; pendingWithinDeadline: number };

const group = (
	max: number,
	n: number,
	value: (n: number) => number,
	points: (v: number) => number
): ScoreGroup => {
	if (n === 0) return { points: null, max, value: null, n };
	const v = value(n);
	return { points: points(v), max, value: v, n };
};

/** The dossiers handled in time, as progress counts them. */
export function progressInTime(s: Summary, many: ManySupplements): number {
	return (
		s.resolved.early +
		s.resolved.onTime -
		many.resolvedInTime +
		s.pending.withinDeadline -
		many.pendingWithinDeadline
	);
}

export function scoreboardOf(s: Summary, many: ManySupplements): Scoreboard {
	const handled = s.resolved.total + s.pending.total;
	const inTime = progressInTime(s, many);
	const progress = group(
		PROGRESS_MAX,
		handled,
		(n) => inTime / n,
		(v) => PROGRESS_MAX * v
	);
	const online = group(
		ONLINE_MAX,
		s.received.new,
		(n) => s.received.online / n,
		(v) => ONLINE_MAX * Math.min(1, v / ONLINE_FULL_FROM)
	);
	const satisfaction = group(
		SATISFACTION_MAX,
		s.ratings.total,
		(n) => (s.ratings.verySatisfied + s.ratings.satisfied) / n,
		(v) => SATISFACTION_MAX * Math.min(1, v / SATISFACTION_FULL_FROM)
	);
	const groups = [progress, online, satisfaction].filter((g) => g.points !== null);
	return {
		unit: s.unit,
		from: s.from,
		to: s.to,
		progress,
		online,
		satisfaction,
		total: {
			points: groups.reduce((a, g) => a + g.points!, 0),
			max: groups.reduce((a, g) => a + g.max, 0)
		}
	};
}

/** Points a group loses against its maximum (0 for a group without data). */
export function pointsLost(g: ScoreGroup): number {
	return g.points === null ? 0 : g.max - g.points;
}

/** Points a unit loses in the groups it has data for (what it would need to reach their maxima). */
export function totalPointsLost(b: Scoreboard): number {
	return pointsLost(b.progress) + pointsLost(b.online) + pointsLost(b.satisfaction);
}

/**
 * What-if for a period that runs until now: the `dueToday` dossiers pending
 * within the deadline whose first appointment passes before midnight count
 * in time now; each one not resolved by then turns late. Progress if all of
 * them are late (if all are resolved in time, it stays `scoreboardOf`'s):
 * computed from the same counts — they move from in time to late, `n` does
 * not change.
 */
export function progressIfLate(s: Summary, many: ManySupplements, dueToday: number): ScoreGroup {
	const handled = s.resolved.total + s.pending.total;
	if (handled === 0) return { points: null, max: PROGRESS_MAX, value: null, n: 0 };
	const value = Math.max(0, progressInTime(s, many) - dueToday) / handled;
	return { points: PROGRESS_MAX * value, max: PROGRESS_MAX, value, n: handled };
}
