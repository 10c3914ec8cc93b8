/**
 * The one strict reading of an instant (docs/api.md#input-rules): ISO-8601 with seconds
 * and an offset, `YYYY-MM-DDTHH:mm:ss[.fraction](Z|±HH:mm)`, a real calendar
 * date (no 29/02/2025, no 24:00, no leap second), an offset between −12:00 and
 * +14:00, and a year between 1990 and 2100 as written. `Date.parse` alone
 * rolls 2025-02-30 over into March and reads year 0000: both reached the
 * database and came back as 500s.
 */
import { daysFromCivil, daysInMonth, DAY_MS } from '../calendar/days.ts';

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const SHAPE =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const MIN_OFFSET = -12 * 60;
const MAX_OFFSET = 14 * 60;

export const INSTANT_HINT =
	'an ISO-8601 date-time with seconds and an offset, e.g. 2023-05-10T08:30:00+07:00';

export type InstantResult = { ok: true; date: Date } | { ok: false; message: string };

const fail = (message: string): InstantResult => ({ ok: false, message });

/** Whether a year lies in the range the product keeps figures for. */
export function isYearInRange(year: number): boolean {
	return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

export function parseInstant(s: string): InstantResult {
	const m = SHAPE.exec(s);
	if (!m) return fail(`must be ${INSTANT_HINT}`);
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
	if (!isYearInRange(year))
		return fail(`the year must be between ${MIN_YEAR} and ${MAX_YEAR}, got ${m[1]}`);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
		return fail(`${m[1]}-${m[2]}-${m[3]} is not a calendar date`);
	if (hour > 23 || minute > 59 || second > 59)
		return fail(`${m[4]}:${m[5]}:${m[6]} is not a time of day`);
	let offset = 0;
	if (!m[8]) {
		const oh = Number(m[10]);
		const om = Number(m[11]);
		if (om > 59) return fail(`the offset ${m[9]}${m[10]}:${m[11]} is not an offset`);
		offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
		if (offset < MIN_OFFSET || offset > MAX_OFFSET)
			return fail(`the offset must be between -12:00 and +14:00, got ${m[9]}${m[10]}:${m[11]}`);
	}
	const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
	const local =
		daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
	return { ok: true, date: new Date(local - offset * 60_000) };
}
