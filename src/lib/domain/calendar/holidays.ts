/**
 * The public holidays of the Labour Code 2019 (Bộ luật Lao động 2019,
 * Article 112) as rules, for a solar year:
 *
 * - Tết Dương lịch: 1 January;
 * - Tết Nguyên đán: 5 days, by default the last day of the lunar year (29 or
 *   30 tháng Chạp) and lunar 1/1 to 4/1 (the government picks the exact days
 *   each year; see schedules.ts for the years it announced);
 * - Giỗ Tổ Hùng Vương: lunar 10/3 (of the ordinary third month, never a leap one);
 * - Ngày Chiến thắng: 30 April; Ngày Quốc tế Lao động: 1 May;
 * - Quốc khánh: 2 September and one adjacent day, by default 1 September.
 *
 * Article 111(3): a holiday that falls on the weekly rest day (Saturday or
 * Sunday for civil servants) is made up by a compensatory day off (nghỉ bù) on
 * the next working day. Compensatory days are given in date order, each on
 * the first weekday after its holiday that is neither a holiday nor already
 * a compensatory day (so Tết's weekend days move to after Tết).
 */
import { daysFromCivil, fromDayNumber, weekdayOfNumber } from './days.ts';
import { lunarToSolar } from './lunar.ts';

export type Holiday = { date: string; name: string };

export const HOLIDAY_NAMES = {
	newYear: 'Tết Dương lịch',
	tet: 'Tết Nguyên đán',
	hungKings: 'Giỗ Tổ Hùng Vương',
	victory: 'Ngày Chiến thắng',
	labour: 'Ngày Quốc tế Lao động',
	nationalDay: 'Quốc khánh',
	nationalDayAdjacent: 'Quốc khánh (ngày liền kề)'
} as const;

/** The name of the compensatory day of a holiday. */
export function compensatoryName(holidayName: string): string {
	return `Nghỉ bù ${holidayName}`;
}

export type HolidayRuleOptions = {
	/** The day added to 2 September: 1 September ('before', the default) or 3 September ('after'). */
	nationalDayAdjacent?: 'before' | 'after';
};

function isWeekend(n: number): boolean {
	const w = weekdayOfNumber(n);
	return w === 0 || w === 6;
}

/** The statutory holidays of a year as day numbers, before compensatory days. */
function statutoryDays(year: number, options: HolidayRuleOptions): Map<number, string> {
	const days = new Map<number, string>();
	const put = (n: number, name: string): void => {
		// Two rules landing on one day (possible in theory: lunar 10/3 on 30/4)
		// give one day off, named after the first.
		if (!days.has(n)) days.set(n, name);
	};
	put(daysFromCivil(year, 1, 1), HOLIDAY_NAMES.newYear);
	const tet = lunarToSolar(year, 1, 1);
	const tetDay = daysFromCivil(tet.year, tet.month, tet.day);
	for (let i = -1; i <= 3; i++) put(tetDay + i, HOLIDAY_NAMES.tet);
	const hung = lunarToSolar(year, 3, 10);
	put(daysFromCivil(hung.year, hung.month, hung.day), HOLIDAY_NAMES.hungKings);
	put(daysFromCivil(year, 4, 30), HOLIDAY_NAMES.victory);
	put(daysFromCivil(year, 5, 1), HOLIDAY_NAMES.labour);
	const sep2 = daysFromCivil(year, 9, 2);
	const adjacent = options.nationalDayAdjacent === 'after' ? sep2 + 1 : sep2 - 1;
	if (adjacent < sep2) put(adjacent, HOLIDAY_NAMES.nationalDayAdjacent);
	put(sep2, HOLIDAY_NAMES.nationalDay);
	if (adjacent > sep2) put(adjacent, HOLIDAY_NAMES.nationalDayAdjacent);
	return days;
}

/**
 * The rule-based days off of a solar year (statutory holidays and their
 * compensatory days), sorted by date, with Vietnamese names. These are the
 * rules only: for a year with an announced schedule the calendar uses the
 * announcement instead (see schedules.ts).
 */
export function holidaysOfYear(year: number, options: HolidayRuleOptions = {}): Holiday[] {
	if (!Number.isInteger(year) || year < 1000 || year > 9999)
		throw new RangeError(`bad year ${year}`);
	const statutory = statutoryDays(year, options);
	const all = new Map(statutory);
	const ordered = [...statutory.keys()].sort((a, b) => a - b);
	for (const n of ordered) {
		if (!isWeekend(n)) continue;
		let c = n + 1;
		while (isWeekend(c) || all.has(c)) c++;
		all.set(c, compensatoryName(statutory.get(n) as string));
	}
	return [...all.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([n, name]) => ({ date: fromDayNumber(n), name }));
}

const memo = new Map<number, ReadonlyMap<string, string>>();

/** holidaysOfYear(year) with default options as a date → name map, memoised. */
export function ruleHolidayMap(year: number): ReadonlyMap<string, string> {
	let m = memo.get(year);
	if (!m) {
		m = new Map(holidaysOfYear(year).map((h) => [h.date, h.name]));
		memo.set(year, m);
	}
	return m;
}
