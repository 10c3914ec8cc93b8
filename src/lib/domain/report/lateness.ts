/**
 * How late a dossier is (pure): the number of WORKING days after the day of
 * its first appointment (the one timeliness is judged by) up to and including
 * the day it was resolved — or, while still pending, the last day of the
 * report. A dossier resolved on its due day but after the due hour is late by
 * 0 working days ("trong ngày"). Working days follow the calendar (weekends,
 * public holidays and the admin's overrides skipped).
 */
import { fromDayNumber, localDayNumber } from '../calendar/days.ts';
import type { Calendar } from '../calendar/working-days.ts';

/** Count of working days d with dueDay < d ≤ lateDay. */
export function workingDaysLate(
	calendar: Pick<Calendar, 'isWorkingDay'>,
	firstDueAt: Date,
	at: Date
): number {
	const last = localDayNumber(at);
	let n = 0;
	for (let d = localDayNumber(firstDueAt) + 1; d <= last; d++)
		if (calendar.isWorkingDay(fromDayNumber(d))) n++;
	return n;
}

/** Whole calendar days from the due day to the late day (0 on the same day). */
export function calendarDaysLate(firstDueAt: Date, at: Date): number {
	return Math.max(0, localDayNumber(at) - localDayNumber(firstDueAt));
}
