/**
 * Local-time helpers for generating events: day numbers (days since
 * 1970-01-01 in Asia/Ho_Chi_Minh), office hours (07:30–11:30, 13:00–17:00)
 * and a memoised view of the working-day calendar.
 */
import type { Calendar } from '../../domain/calendar/index.ts';
import {
	DAY_MS,
	OFFSET_MS,
	fromDayNumber,
	localDayNumber,
	localTimeOfDayMs
} from '../../domain/calendar/days.ts';
import type { Rng } from './rng.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const OPEN = 7 * 60 + 30;
export const CLOSE = 17 * 60;

export { localDayNumber, fromDayNumber };

/** The instant `minutes` after local midnight of day number `n`. */
export function atLocal(n: number, minutes: number): Date {
	return new Date(n * DAY_MS - OFFSET_MS + Math.round(minutes * MINUTE));
}

export function minutesOfDay(at: Date): number {
	return localTimeOfDayMs(at) / MINUTE;
}

/** A minute of office hours: the morning a little busier than the afternoon. */
export function officeMinute(rng: Rng): number {
	return rng.chance(0.56) ? rng.range(OPEN, 11 * 60 + 30) : rng.range(13 * 60, CLOSE);
}

/** 'YYMMDD' of a day number, for dossier codes. */
export function yymmdd(n: number): string {
	const d = fromDayNumber(n);
	return d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10);
}

export type WorkDays = {
	calendar: Calendar;
	is(n: number): boolean;
	/** The k-th working day after day n (k ≥ 1). */
	add(n: number, k: number): number;
	/** Day n if it is a working day, else the next one. */
	atOrAfter(n: number): number;
	/** The day off's name (holiday) or null. */
	holiday(n: number): string | null;
};

export function workDays(calendar: Calendar): WorkDays {
	const memo = new Map<number, boolean>();
	const is = (n: number): boolean => {
		let v = memo.get(n);
		if (v === undefined) memo.set(n, (v = calendar.isWorkingDay(fromDayNumber(n))));
		return v;
	};
	return {
		calendar,
		is,
		add(n, k) {
			let d = n;
			for (let i = 0; i < k; i++)
				do d++;
				while (!is(d));
			return d;
		},
		atOrAfter(n) {
			let d = n;
			while (!is(d)) d++;
			return d;
		},
		holiday: (n) => calendar.holidayName(fromDayNumber(n))
	};
}
