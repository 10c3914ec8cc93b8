/**
 * Working hours (docs/domain.md#working-hours): 07:30–11:30 and 13:30–17:00 local time on the
 * calendar's working days (calendar/working-days.ts: weekends, holidays,
 * announced schedules, admin overrides) — 7.5 hours a day. A unit is silent
 * when nothing of its subtree was accepted since the moment `hours` working
 * hours before now.
 */
import { DAY_MS, fromDayNumber, localDayNumber, OFFSET_MS } from '../calendar/days.ts';

const MIN = 60_000;
/** The two working spans of a day, in ms after local midnight. */
export const WORKING_SPANS: readonly [number, number][] = [
	[(7 * 60 + 30) * MIN, (11 * 60 + 30) * MIN],
	[(13 * 60 + 30) * MIN, 17 * 60 * MIN]
];
export const SILENT_AFTER_HOURS = 8;
/** Give up after this many days without a working hour (a calendar that is all days off). */
const MAX_DAYS_BACK = 3660;

type WorkingDays = { isWorkingDay(day: string): boolean };

/** The instant `hours` working hours before `now` (counting back through working spans only). */
export function workingHoursBefore(calendar: WorkingDays, now: Date, hours: number): Date {
	let left = hours * 3_600_000;
	let day = localDayNumber(now);
	let within = now.getTime() - (day * DAY_MS - OFFSET_MS);
	for (let i = 0; i < MAX_DAYS_BACK; i++) {
		if (calendar.isWorkingDay(fromDayNumber(day))) {
			for (let s = WORKING_SPANS.length - 1; s >= 0; s--) {
				const [open, close] = WORKING_SPANS[s];
				const end = Math.min(close, within);
				if (end <= open) continue;
				const span = end - open;
				if (span >= left) return new Date(day * DAY_MS - OFFSET_MS + end - left);
				left -= span;
			}
		}
		day -= 1;
		within = DAY_MS;
	}
	return new Date(day * DAY_MS - OFFSET_MS);
}

/** Silent: nothing accepted since `hours` working hours before now, or never. */
export function isSilent(
	calendar: WorkingDays,
	now: Date,
	lastAcceptedAt: Date | null,
	hours = SILENT_AFTER_HOURS
): boolean {
	return (
		lastAcceptedAt === null ||
		lastAcceptedAt.getTime() < workingHoursBefore(calendar, now, hours).getTime()
	);
}
