/**
 * Point-in-time figures from day counters — carried over (open at the start
 * of a period), pending and pending-overdue (open at its end) — without
 * scanning the dossiers open at that instant (docs/domain.md#pending, #carried-over).
 *
 * A dossier is OPEN at instant t when r < t ≤ f′, with r its receipt,
 * f′ = max(r, f) for its finish f (resolved, withdrawn, rejected; never
 * finished: ∞). It is OPEN-OVERDUE when, besides, its first appointment
 * u < t. For the end of local day D — the midnight E that follows it — each
 * condition is one on local days: r < E ⇔ day(r) ≤ D, E ≤ f′ ⇔ day(f′) > D,
 * u < E ⇔ day(u) ≤ D. So with four counters per dossier, on the local day of
 *
 *   open_in  = r                        open_out = f′            (finished only)
 *   due_in   = a = max(r, u)            due_out  = max(a, f′)    (finished only)
 *
 *   open(E_D)         = #{day(r) ≤ D} − #{day(f′) ≤ D}       = Σ_{d ≤ D} (open_in − open_out)_d
 *   openOverdue(E_D)  = #{day(a) ≤ D} − #{day(max(a, f′)) ≤ D} = Σ_{d ≤ D} (due_in − due_out)_d
 *
 * (day(f′) ≤ D implies day(r) ≤ D, and day(max(a, f′)) ≤ D implies
 * day(a) ≤ D, so each difference counts exactly the dossiers with the first
 * condition and not the second.) The prefix sums come from the rollups by
 * grain (grains.ts), kept for every ancestor like every other counter.
 *
 * An instant t inside day D (the "now" of a period that has not ended) is not
 * a day boundary. Only dossiers with r, f′ or u in [t, E_D) can be open (or
 * open-overdue) at t and not at E_D or the other way round, so
 *
 *   open(t) = open(E_D) + Σ over those dossiers of ([open at t] − [open at E_D])
 *
 * and the same for open-overdue: the projection is read for today's rest only
 * (`laterToday`), never for the open history. The same identity holds for
 * any later instant in place of E_D; hours.ts keeps the counters by the hour
 * so that the instant is the end of t's hour and the rest is an hour's worth.
 */
import type { Counter } from './counter-names.ts';
import { isOpenAt } from './period.ts';

/** What the point-in-time figures of one dossier depend on. */
export type OpenTimes = {
	receivedAt: Date | null;
	finishedAt: Date | null;
	firstDueAt: Date | null;
};

const latest = (...ts: (Date | null)[]) =>
	ts.reduce<Date | null>((m, t) => (t && (!m || t > m) ? t : m), null);

/** The instants of the four counters for a received dossier (null where it adds nothing). */
export function openCounterTimes(
	s: OpenTimes
): Record<Extract<Counter, 'open_in' | 'open_out' | 'due_in' | 'due_out'>, Date | null> {
	const r = s.receivedAt;
	if (!r) return { open_in: null, open_out: null, due_in: null, due_out: null };
	const fEnd = s.finishedAt ? latest(r, s.finishedAt) : null;
	const a = s.firstDueAt ? latest(r, s.firstDueAt) : null;
	return { open_in: r, open_out: fEnd, due_in: a, due_out: a && fEnd ? latest(a, fEnd) : null };
}

export function isOpenOverdueAt(s: OpenTimes, t: Date): boolean {
	return (
		isOpenAt(s.receivedAt, s.finishedAt, t) &&
		s.firstDueAt !== null &&
		s.firstDueAt.getTime() < t.getTime()
	);
}

/** Point-in-time counts: open, and of those past their first appointment. */
export type OpenCounts = { total: number; overdue: number };

/** Prefix sums of the four counters → the counts at the end of that day. */
export function openFromPrefix(sum: {
	open_in: number;
	open_out: number;
	due_in: number;
	due_out: number;
}): OpenCounts {
	return { total: sum.open_in - sum.open_out, overdue: sum.due_in - sum.due_out };
}

/**
 * Whether a dossier can count differently at t than at the end of t's day E:
 * one of r, f′, u lies in [t, E). Only such dossiers are read for "now".
 */
export function laterToday(s: OpenTimes, t: Date, end: Date): boolean {
	const inRest = (x: Date | null) =>
		x !== null && x.getTime() >= t.getTime() && x.getTime() < end.getTime();
	return (
		inRest(s.receivedAt) ||
		inRest(s.finishedAt ? latest(s.receivedAt, s.finishedAt) : null) ||
		inRest(s.firstDueAt)
	);
}

/** The counts at t from those at the end of its day and the dossiers `laterToday` picks. */
export function openAtInstant(
	atDayEnd: OpenCounts,
	rest: readonly OpenTimes[],
	t: Date,
	end: Date
): OpenCounts {
	let total = atDayEnd.total;
	let overdue = atDayEnd.overdue;
	for (const s of rest) {
		total +=
			Number(isOpenAt(s.receivedAt, s.finishedAt, t)) -
			Number(isOpenAt(s.receivedAt, s.finishedAt, end));
		overdue += Number(isOpenOverdueAt(s, t)) - Number(isOpenOverdueAt(s, end));
	}
	return { total, overdue };
}
