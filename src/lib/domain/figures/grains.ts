/**
 * Rollup grains. Every counter is kept three times per unit (and per
 * ancestor): by local day, by month and by year, each row keyed by the first
 * day of its bucket. A span of days is then summed from at most ~60 day rows,
 * 22 month rows and one run of year rows, whatever its length — a province's
 * year is one row, not 365 — and so is every prefix "all days up to D" that
 * the point-in-time figures need (open-counts.ts).
 */
import { addDays } from '../calendar/days.ts';

export type Grain = 'd' | 'm' | 'y';
export const GRAINS: readonly Grain[] = ['d', 'm', 'y'];

/** Rows of one grain whose bucket starts lie in [from, to] (inclusive, 'YYYY-MM-DD'). */
export type Span = { grain: Grain; from: string; to: string };

/** Before any day a rollup can hold (event times are 1990–2100, local days one off at most). */
export const FIRST_DAY = '1900-01-01';

/** The first day of the day's bucket at a grain. */
export function bucketStart(day: string, grain: Grain): string {
	return grain === 'd' ? day : grain === 'm' ? `${day.slice(0, 8)}01` : `${day.slice(0, 5)}01-01`;
}

const monthEnd = (day: string) => addDays(bucketStart(addDays(bucketStart(day, 'm'), 32), 'm'), -1);
const nextMonth = (day: string) => bucketStart(addDays(bucketStart(day, 'm'), 32), 'm');
const nextYear = (day: string) => `${String(Number(day.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;

/**
 * The buckets that cover the days [from, to] exactly, each day once: whole
 * years as year rows, whole months left over as month rows, the rest as day
 * rows. Empty when from > to.
 */
export function spansOf(from: string, to: string): Span[] {
	if (from > to) return [];
	const spans: Span[] = [];
	// Whole years inside [from, to].
	const firstYear = from.slice(5) === '01-01' ? from : nextYear(from);
	const lastYearEnd = to.slice(5) === '12-31' ? to : addDays(`${to.slice(0, 4)}-01-01`, -1);
	if (firstYear <= lastYearEnd) {
		spans.push(...monthsAndDays(from, addDays(firstYear, -1)));
		spans.push({ grain: 'y', from: firstYear, to: bucketStart(lastYearEnd, 'y') });
		spans.push(...monthsAndDays(addDays(lastYearEnd, 1), to));
		return spans;
	}
	return monthsAndDays(from, to);
}

/** [from, to] within less than a whole year: whole months, and days at either end. */
function monthsAndDays(from: string, to: string): Span[] {
	if (from > to) return [];
	const firstMonth = from.slice(8) === '01' ? from : nextMonth(from);
	const lastMonthEnd = to === monthEnd(to) ? to : addDays(bucketStart(to, 'm'), -1);
	if (firstMonth > lastMonthEnd) return [{ grain: 'd', from, to }];
	const out: Span[] = [];
	if (from < firstMonth) out.push({ grain: 'd', from, to: addDays(firstMonth, -1) });
	out.push({ grain: 'm', from: firstMonth, to: bucketStart(lastMonthEnd, 'm') });
	if (lastMonthEnd < to) out.push({ grain: 'd', from: addDays(lastMonthEnd, 1), to });
	return out;
}

/** Every day up to and including `day`: what a running total at the end of that day sums. */
export function prefixSpans(day: string): Span[] {
	return spansOf(FIRST_DAY, day);
}

/** The three rows (day, month, year) a change on `day` moves. */
export function bucketsOf(day: string): { grain: Grain; day: string }[] {
	return GRAINS.map((grain) => ({ grain, day: bucketStart(day, grain) }));
}
