/**
 * Local days in Asia/Ho_Chi_Minh: fixed UTC+7, no daylight saving. Days are
 * 'YYYY-MM-DD' strings. Everything here is integer arithmetic on epoch
 * milliseconds and day numbers (days since 1970-01-01, the proleptic Gregorian
 * calendar), never Intl, so it is cheap enough to run for every event.
 */

export const OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Day number (days since 1970-01-01) of a Gregorian date; month 1..12. */
export function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (month + 9) % 12; // March = 0
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

/** The Gregorian date of a day number. */
export function civilFromDays(n: number): { year: number; month: number; day: number } {
	const z = n + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a Gregorian month (1..12). */
export function daysInMonth(year: number, month: number): number {
	return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

function digit(s: string, i: number): number {
	const c = s.charCodeAt(i) - 48;
	return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Day number of a 'YYYY-MM-DD' string; throws a RangeError for anything else
 * (wrong shape, 2023-02-29, month 13 …).
 */
export function toDayNumber(day: string): number {
	if (typeof day !== 'string' || day.length !== 10 || day[4] !== '-' || day[7] !== '-') {
		throw new RangeError(`not a day (YYYY-MM-DD): ${String(day)}`);
	}
	const ds = [0, 1, 2, 3, 5, 6, 8, 9].map((i) => digit(day, i));
	if (ds.some((x) => x < 0)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
	const y = ds[0] * 1000 + ds[1] * 100 + ds[2] * 10 + ds[3];
	const m = ds[4] * 10 + ds[5];
	const d = ds[6] * 10 + ds[7];
	if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
		throw new RangeError(`no such day: ${day}`);
	return daysFromCivil(y, m, d);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** 'YYYY-MM-DD' of a day number (years 0..9999). */
export function fromDayNumber(n: number): string {
	const { year, month, day } = civilFromDays(n);
	if (year < 0 || year > 9999) throw new RangeError(`day number ${n} is outside years 0000-9999`);
	return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The local day number of an instant. */
export function localDayNumber(at: Date): number {
	return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}

/** The local calendar day of an instant: 2023-12-31T17:30:00Z is local 2024-01-01. */
export function localDay(at: Date): string {
	const t = at.getTime();
	if (!Number.isFinite(t)) throw new RangeError('invalid Date');
	return fromDayNumber(Math.floor((t + OFFSET_MS) / DAY_MS));
}

/** An instant as ISO-8601 in local time with its offset: 2026-03-02T09:00:00+07:00 (milliseconds only when it has some). */
export function localIso(at: Date): string {
	const local = new Date(at.getTime() + OFFSET_MS).toISOString();
	const ms = local.slice(19, 23);
	return `${local.slice(0, 19)}${ms === '.000' ? '' : ms}+07:00`;
}

/** 00:00 local (+07:00) of a day. */
export function localDayStart(day: string): Date {
	return new Date(toDayNumber(day) * DAY_MS - OFFSET_MS);
}

/** The day n calendar days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
	if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
	return fromDayNumber(toDayNumber(day) + n);
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfNumber(n: number): number {
	return (((n + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
	return weekdayOfNumber(toDayNumber(day));
}

/** Milliseconds since local midnight (0 … 86 399 999). */
export function localTimeOfDayMs(at: Date): number {
	return (((at.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Whole minutes since local midnight (0 … 1439). */
export function localTimeOfDayMinutes(at: Date): number {
	return Math.floor(localTimeOfDayMs(at) / MINUTE_MS);
}
