/**
 * A reporting period in local days (Asia/Ho_Chi_Minh, inclusive at both ends)
 * and the instants that bound it. "end" is the end of `to`, or now when `to`
 * is today or later (docs/domain.md#periods).
 */
import { addDays, localDayStart } from '../calendar/days.ts';
import { isYearInRange } from '../events/instant.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day `YYYY-MM-DD` in the years figures are kept for (1990–2100, as events' times). */
export function isValidDay(s: string): boolean {
	if (typeof s !== 'string' || !DAY.test(s) || !isYearInRange(Number(s.slice(0, 4)))) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export type Period = { from: string; to: string; start: Date; end: Date };

export function periodOf(from: string, to: string, now: Date): Period {
	const start = localDayStart(from);
	const endOfTo = localDayStart(addDays(to, 1));
	const end = endOfTo.getTime() > now.getTime() ? now : endOfTo;
	return { from, to, start, end };
}

/** Whether an instant lies inside a dossier's open interval: received before it, not finished before it. */
export function isOpenAt(receivedAt: Date | null, finishedAt: Date | null, instant: Date): boolean {
	if (!receivedAt) return false;
	const t = instant.getTime();
	return receivedAt.getTime() < t && (finishedAt === null || finishedAt.getTime() >= t);
}
