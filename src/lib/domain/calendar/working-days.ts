/**
 * The working-day calendar and deadline arithmetic. All days are local
 * Asia/Ho_Chi_Minh days (UTC+7, no DST).
 *
 * Whether a day is a working day, highest precedence first:
 *   1. overrides.workingDays (admin: make-up days such as Saturdays worked) → working;
 *   2. overrides.daysOff (admin: extra days off) → not working;
 *   3. the announced schedule, if the year has one (schedules.ts): its days off
 *      → not working, its make-up Saturdays → working;
 *   4. otherwise the Labour Code rules (holidays.ts): holidays and nghỉ bù → not working;
 *   5. the weekend rule: Saturday and Sunday are not working days.
 *
 * addWorkingDays(start, processingDays): the appointment (dueAt) of a dossier
 * received at `start` with `processingDays` working days to process.
 * Office hours are 07:30–11:30 and 13:00–17:00; only these markers matter:
 *   - Clock start. If `start` is on a non-working day, or at/after 17:00, the
 *     dossier counts as received at 08:00 of the next working day. If it is
 *     before 07:30 on a working day, it counts as received at 07:30 that day.
 *     Otherwise at `start` itself (lunch time is not moved).
 *   - 0 days: 17:00 of the (clock-start) receipt day. (The clock start is
 *     always before 17:00, so "or the start time if later" never applies.)
 *     Note 0 days is not always the earliest: 0.5 day received before 11:00
 *     is due at 16:30, half an hour before 0 days would be.
 *   - Whole days N ≥ 1: the N-th working day after the receipt day, at the
 *     receipt's time of day (to the millisecond): received Monday 09:15 with
 *     3 days → Thursday 09:15 when Tue–Thu are working days.
 *   - Half a day (0.5, and the .5 of 1.5, 2.5 … applied after the whole days,
 *     from the time reached): the same-day rule of the Huế one-door regulation
 *     (docs/domain.md#same-day-rule): received before 11:00 → 16:30 the same working day;
 *     received at/after 11:00 → 11:00 of the next working day. So 0.5 at
 *     10:59 → 16:30 that day, at 11:00 → 11:00 next working day; 1.5 from
 *     Monday 14:00 → Wednesday 11:00.
 *   - processingDays must be a finite multiple of 0.5 in [0, 10 000], and
 *     start a valid Date; anything else throws a RangeError.
 *
 * Speed: holiday sets are memoised per year (module-wide for the rules and
 * schedules, per calendar once overrides are applied), as one byte per day.
 */
import {
	DAY_MS,
	OFFSET_MS,
	daysFromCivil,
	fromDayNumber,
	localDayNumber,
	localTimeOfDayMs,
	toDayNumber,
	weekdayOfNumber
} from './days.ts';
import { ruleHolidayMap } from './holidays.ts';
import { announcedSchedule } from './schedules.ts';

export type CalendarOverrides = { daysOff: string[]; workingDays: string[] };

export type Calendar = {
	isWorkingDay(day: string): boolean;
	/** The holiday (or announced day off) of a day, or null; null for a day the overrides make working. */
	holidayName(day: string): string | null;
	addWorkingDays(start: Date, processingDays: number): Date;
};

/** Name given to a day off that only the admin's overrides know of. */
export const EXTRA_DAY_OFF_NAME = 'Ngày nghỉ bổ sung';

const MIN = 60_000;
const OPEN_MS = (7 * 60 + 30) * MIN;
const START_NEXT_MS = 8 * 60 * MIN;
const SAME_DAY_CUTOFF_MS = 11 * 60 * MIN;
const SAME_DAY_DUE_MS = (16 * 60 + 30) * MIN;
const NEXT_MORNING_DUE_MS = 11 * 60 * MIN;
const CLOSE_MS = 17 * 60 * MIN;
const MAX_PROCESSING_DAYS = 10_000;
/** Give up looking for a working day after this many consecutive days off. */
const MAX_GAP_DAYS = 3660;

type YearBase = {
	/** Day number of 1 January. */
	start: number;
	/** 1 = working, 0 = not, indexed by day of year, before overrides. */
	flags: Uint8Array;
	/** Days off (announced or by rule) → name. */
	names: ReadonlyMap<string, string>;
};

const baseMemo = new Map<number, YearBase>();

function yearBase(year: number): YearBase {
	let base = baseMemo.get(year);
	if (base) return base;
	const start = daysFromCivil(year, 1, 1);
	const length = daysFromCivil(year + 1, 1, 1) - start;
	const flags = new Uint8Array(length);
	for (let i = 0; i < length; i++) {
		const w = weekdayOfNumber(start + i);
		flags[i] = w === 0 || w === 6 ? 0 : 1;
	}
	const schedule = announcedSchedule(year);
	const names = new Map<string, string>();
	const offs = schedule
		? schedule.daysOff.map((h) => [h.date, h.name] as const)
		: [...ruleHolidayMap(year)];
	for (const [date, name] of offs) {
		names.set(date, name);
		flags[toDayNumber(date) - start] = 0;
	}
	for (const h of schedule?.workingDays ?? []) flags[toDayNumber(h.date) - start] = 1;
	base = { start, flags, names };
	baseMemo.set(year, base);
	return base;
}

function yearOfDayNumber(n: number): number {
	// 365.2425 days a year on average; the estimate is off by at most one.
	let y = 1970 + Math.floor(n / 365.2425);
	while (daysFromCivil(y, 1, 1) > n) y--;
	while (daysFromCivil(y + 1, 1, 1) <= n) y++;
	return y;
}

/** The instant `ms` milliseconds after local midnight of day number n. */
function at(n: number, ms: number): Date {
	return new Date(n * DAY_MS - OFFSET_MS + ms);
}

function checkDays(list: readonly string[], what: string): Set<string> {
	for (const d of list) {
		try {
			toDayNumber(d);
		} catch {
			throw new RangeError(`calendar overrides: ${what} has a bad day ${JSON.stringify(d)}`);
		}
	}
	return new Set(list);
}

export function createCalendar(
	overrides: CalendarOverrides = { daysOff: [], workingDays: [] }
): Calendar {
	const working = checkDays(overrides.workingDays, 'workingDays');
	const off = checkDays(overrides.daysOff, 'daysOff');
	/** Override day numbers by year: 1 = working, 0 = off. Working days are noted last, so they win. */
	const byYear = new Map<number, Map<number, number>>();
	const note = (day: string, value: number): void => {
		const n = toDayNumber(day);
		const y = yearOfDayNumber(n);
		let m = byYear.get(y);
		if (!m) byYear.set(y, (m = new Map()));
		m.set(n, value);
	};
	for (const d of off) note(d, 0);
	for (const d of working) note(d, 1);

	const flagsMemo = new Map<number, YearBase>();
	const yearFlags = (year: number): YearBase => {
		let y = flagsMemo.get(year);
		if (y) return y;
		const base = yearBase(year);
		const changes = byYear.get(year);
		if (!changes) y = base;
		else {
			const flags = base.flags.slice();
			for (const [n, v] of changes) flags[n - base.start] = v;
			y = { ...base, flags };
		}
		flagsMemo.set(year, y);
		return y;
	};

	// The year last looked at, for day-by-day walks (none yet).
	let cur: YearBase = { start: 0, flags: new Uint8Array(0), names: new Map() };
	let curEnd = 0;
	const workingNumber = (n: number): boolean => {
		if (n < cur.start || n >= curEnd) {
			cur = yearFlags(yearOfDayNumber(n));
			curEnd = cur.start + cur.flags.length;
		}
		return cur.flags[n - cur.start] === 1;
	};
	const nextWorking = (n: number): number => {
		for (let i = 1; i <= MAX_GAP_DAYS; i++) if (workingNumber(n + i)) return n + i;
		throw new RangeError(`no working day within ${MAX_GAP_DAYS} days after ${fromDayNumber(n)}`);
	};

	return {
		isWorkingDay(day: string): boolean {
			return workingNumber(toDayNumber(day));
		},
		holidayName(day: string): string | null {
			const n = toDayNumber(day);
			if (working.has(day)) return null;
			const name = yearBase(yearOfDayNumber(n)).names.get(day);
			if (name !== undefined) return name;
			return off.has(day) ? EXTRA_DAY_OFF_NAME : null;
		},
		addWorkingDays(start: Date, processingDays: number): Date {
			const t = start instanceof Date ? start.getTime() : NaN;
			if (!Number.isFinite(t)) throw new RangeError('addWorkingDays: start is not a valid Date');
			if (
				typeof processingDays !== 'number' ||
				!Number.isFinite(processingDays) ||
				processingDays < 0 ||
				processingDays > MAX_PROCESSING_DAYS ||
				!Number.isInteger(processingDays * 2)
			) {
				throw new RangeError(
					`addWorkingDays: processingDays must be a multiple of 0.5 in [0, ${MAX_PROCESSING_DAYS}], got ${processingDays}`
				);
			}
			let n = localDayNumber(start);
			let ms = localTimeOfDayMs(start);
			if (!workingNumber(n) || ms >= CLOSE_MS) {
				n = nextWorking(n);
				ms = START_NEXT_MS;
			} else if (ms < OPEN_MS) ms = OPEN_MS;
			if (processingDays === 0) return at(n, CLOSE_MS);
			const whole = Math.floor(processingDays);
			for (let i = 0; i < whole; i++) n = nextWorking(n);
			if (processingDays !== whole) {
				if (ms < SAME_DAY_CUTOFF_MS) ms = SAME_DAY_DUE_MS;
				else {
					n = nextWorking(n);
					ms = NEXT_MORNING_DUE_MS;
				}
			}
			return at(n, ms);
		}
	};
}
