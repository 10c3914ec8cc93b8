/**
 * Period presets of the period picker (Hôm nay · Tháng này · Quý · Năm · Tùy
 * chọn) and the previous period each is compared with. Days are local
 * (Asia/Ho_Chi_Minh) 'YYYY-MM-DD' strings; `today` is passed in (pure).
 */
import { addDays } from '../calendar/days.ts';
import { isValidDay } from './period.ts';

export const PRESETS = ['today', 'month', 'quarter', 'year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export type Range = { from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthRange(y: number, m: number, months: number): Range {
	const endMonth = m + months - 1;
	const ey = y + Math.floor((endMonth - 1) / 12);
	const em = ((endMonth - 1) % 12) + 1;
	return { from: `${y}-${pad(m)}-01`, to: `${ey}-${pad(em)}-${pad(lastDayOfMonth(ey, em))}` };
}

export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): Range {
	const y = Number(today.slice(0, 4));
	const m = Number(today.slice(5, 7));
	switch (preset) {
		case 'today':
			return { from: today, to: today };
		case 'month':
			return monthRange(y, m, 1);
		case 'quarter':
			return monthRange(y, Math.floor((m - 1) / 3) * 3 + 1, 3);
		case 'year':
			return { from: `${y}-01-01`, to: `${y}-12-31` };
	}
}

function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Months since year 0 of a 'YYYY-MM-DD' day (January 2024 = 2024 × 12). */
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
const fromMonthIndex = (i: number) => ({ y: Math.floor(i / 12), m: (i % 12) + 1 });

/** How many whole calendar months the period spans (from a 1st to a month's last day), else null. */
function wholeMonths(r: Range): number | null {
	const end = fromMonthIndex(monthIndex(r.to));
	if (!r.from.endsWith('-01') || r.to !== monthRange(end.y, end.m, 1).to) return null;
	return monthIndex(r.to) - monthIndex(r.from) + 1;
}

/** The period just before: the previous calendar month/quarter/year for whole ones, else the same number of days. */
export function previousRange(r: Range): Range {
	const months = wholeMonths(r);
	if (months !== null) {
		const start = fromMonthIndex(monthIndex(r.from) - months);
		return monthRange(start.y, start.m, months);
	}
	const len = daysBetween(r.from, r.to) + 1;
	return { from: addDays(r.from, -len), to: addDays(r.from, -1) };
}

/** `day` moved back `months` calendar months, kept inside the month (31 March − 1 month = 28/29 February). */
function monthsBack(day: string, months: number): string {
	const { y, m } = fromMonthIndex(monthIndex(day) - months);
	return `${y}-${pad(m)}-${pad(Math.min(Number(day.slice(8, 10)), lastDayOfMonth(y, m)))}`;
}

/**
 * What a period is compared with: the previous period (previousRange), but
 * while the period is still running (it contains today and goes beyond it)
 * only as far into the previous period as today is into this one, so that
 * month-to-date meets the same days of last month instead of a whole month.
 */
export function comparisonRange(r: Range, today: string): Range {
	const prev = previousRange(r);
	if (today < r.from || today >= r.to) return prev;
	const months = wholeMonths(r);
	const cut =
		months !== null ? monthsBack(today, months) : addDays(today, -(daysBetween(r.from, r.to) + 1));
	return { from: prev.from, to: cut < prev.to ? cut : prev.to };
}

/** Read the period from URL parameters (p, from, to), falling back to this month. */
export function rangeFromQuery(
	params: URLSearchParams,
	today: string
): { preset: Preset; range: Range } {
	const p = params.get('p') as Preset | null;
	if (p === 'custom') {
		const from = params.get('from') ?? '';
		const to = params.get('to') ?? '';
		if (isValidDay(from) && isValidDay(to) && from <= to)
			return { preset: 'custom', range: { from, to } };
	}
	const preset = p && p !== 'custom' && (PRESETS as readonly string[]).includes(p) ? p : 'month';
	return { preset, range: presetRange(preset as Exclude<Preset, 'custom'>, today) };
}
