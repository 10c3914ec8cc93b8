/**
 * Report periods (pure). Kinds: a calendar month, quarter or year; a custom
 * range; and the provinces' reporting period — from the 15th of the previous
 * month to the 14th of the month (kỳ báo cáo 15–14). Days are local
 * (Asia/Ho_Chi_Minh) 'YYYY-MM-DD' strings, inclusive at both ends.
 */
import { addDays } from '../calendar/days.ts';
import { isValidDay } from '../figures/period.ts';

export const REPORT_KINDS = ['month', 'quarter', 'year', 'reporting', 'custom'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type Range = { from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const partsOf = (day: string) => ({
	y: Number(day.slice(0, 4)),
	m: Number(day.slice(5, 7)),
	d: Number(day.slice(8, 10))
});

/** Year and month `n` months after (y, m). */
function addMonths(y: number, m: number, n: number): { y: number; m: number } {
	const k = y * 12 + (m - 1) + n;
	return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

function monthsRange(y: number, m: number, months: number): Range {
	const end = addMonths(y, m, months - 1);
	return { from: ymd(y, m, 1), to: ymd(end.y, end.m, lastDayOfMonth(end.y, end.m)) };
}

/** The reporting period of month (y, m): 15th of the previous month to the 14th of month m. */
export function reportingPeriodOfMonth(y: number, m: number): Range {
	const prev = addMonths(y, m, -1);
	return { from: ymd(prev.y, prev.m, 15), to: ymd(y, m, 14) };
}

/** The reporting period (15th–14th) that contains `day`. */
export function reportingPeriod(day: string): Range {
	const { y, m, d } = partsOf(day);
	if (d >= 15) {
		const next = addMonths(y, m, 1);
		return reportingPeriodOfMonth(next.y, next.m);
	}
	return reportingPeriodOfMonth(y, m);
}

/** The period of a (non-custom) kind that contains `day`. */
export function periodContaining(kind: Exclude<ReportKind, 'custom'>, day: string): Range {
	const { y, m } = partsOf(day);
	switch (kind) {
		case 'month':
			return monthsRange(y, m, 1);
		case 'quarter':
			return monthsRange(y, Math.floor((m - 1) / 3) * 3 + 1, 3);
		case 'year':
			return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
		case 'reporting':
			return reportingPeriod(day);
	}
}

function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The period `n` steps after (negative: before) `r`: whole months, quarters,
 * years or reporting periods for those kinds, and the same number of days for
 * a custom range.
 */
export function shiftPeriod(kind: ReportKind, r: Range, n: number): Range {
	if (kind === 'custom') {
		const len = daysBetween(r.from, r.to) + 1;
		return { from: addDays(r.from, n * len), to: addDays(r.to, n * len) };
	}
	const { y, m } = partsOf(r.from);
	switch (kind) {
		case 'month': {
			const s = addMonths(y, m, n);
			return monthsRange(s.y, s.m, 1);
		}
		case 'quarter': {
			const s = addMonths(y, m, 3 * n);
			return monthsRange(s.y, s.m, 3);
		}
		case 'year':
			return { from: ymd(y + n, 1, 1), to: ymd(y + n, 12, 31) };
		case 'reporting': {
			const end = partsOf(r.to);
			const s = addMonths(end.y, end.m, n);
			return reportingPeriodOfMonth(s.y, s.m);
		}
	}
}

/** The same days one year earlier (29 February becomes 28 February). */
export function sameLastYear(r: Range): Range {
	const back = (day: string) => {
		const { y, m, d } = partsOf(day);
		return ymd(y - 1, m, Math.min(d, lastDayOfMonth(y - 1, m)));
	};
	return { from: back(r.from), to: back(r.to) };
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A short Vietnamese (or English) name of the period: "Tháng 3/2024", "Quý I/2024", "Năm 2024", … */
export function periodLabel(kind: ReportKind, r: Range, lang: 'vi' | 'en' = 'vi'): string {
	const { y, m } = partsOf(r.from);
	const span = `${dmy(r.from)} – ${dmy(r.to)}`;
	switch (kind) {
		case 'month':
			return lang === 'vi' ? `Tháng ${m}/${y}` : `Month ${m}/${y}`;
		case 'quarter':
			return lang === 'vi'
				? `Quý ${ROMAN[Math.floor((m - 1) / 3)]}/${y}`
				: `Q${Math.floor((m - 1) / 3) + 1}/${y}`;
		case 'year':
			return lang === 'vi' ? `Năm ${y}` : `Year ${y}`;
		case 'reporting': {
			const end = partsOf(r.to);
			return lang === 'vi'
				? `Kỳ báo cáo tháng ${end.m}/${end.y} (${span})`
				: `Reporting period ${end.m}/${end.y} (${span})`;
		}
		case 'custom':
			return span;
	}
}

/** The longest custom range accepted (about ten years). */
export const MAX_RANGE_DAYS = 3660;

export type PeriodChoice = { kind: ReportKind; range: Range };
export type PeriodParse = { ok: true; value: PeriodChoice } | { ok: false; error: string };

/**
 * The period named by URL parameters: `p` (kind, default month) and `from`/`to`.
 * For a month/quarter/year/reporting period, `from` (default `today`) picks the
 * period that contains it and `to` is ignored; a custom range needs both days.
 */
export function parsePeriod(
	params: { p?: string | null; from?: string | null; to?: string | null },
	today: string
): PeriodParse {
	const p = params.p ?? 'month';
	if (!(REPORT_KINDS as readonly string[]).includes(p))
		return {
			ok: false,
			error: `Loại kỳ "${p}" không hợp lệ (month, quarter, year, reporting, custom)`
		};
	const kind = p as ReportKind;
	const from = params.from || null;
	const to = params.to || null;
	if (from !== null && !isValidDay(from))
		return { ok: false, error: `Ngày bắt đầu "${from}" không hợp lệ (YYYY-MM-DD)` };
	if (kind !== 'custom')
		return { ok: true, value: { kind, range: periodContaining(kind, from ?? today) } };
	if (from === null || to === null)
		return { ok: false, error: 'Kỳ tùy chọn cần cả ngày bắt đầu và ngày kết thúc' };
	if (!isValidDay(to))
		return { ok: false, error: `Ngày kết thúc "${to}" không hợp lệ (YYYY-MM-DD)` };
	if (from > to) return { ok: false, error: 'Ngày bắt đầu phải không sau ngày kết thúc' };
	if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
		return { ok: false, error: `Kỳ tùy chọn dài tối đa ${MAX_RANGE_DAYS} ngày` };
	return { ok: true, value: { kind, range: { from, to } } };
}
