/**
 * The admin's yearly calendar overrides (table calendar_overrides): extra days
 * off and make-up working days, on top of the built-in calendar (the announced
 * schedules of src/lib/domain/calendar/schedules.ts, else the Labour Code rules).
 *
 * A change only affects dossiers received AFTER it: the appointment (dueAt) is
 * computed once at ingest and stored with the event, so history never moves.
 */
import { z } from 'zod';
import { announcedSchedule, createCalendar, holidaysOfYear } from '../../domain/calendar/index.ts';
import { isValidDay } from '../../domain/figures/period.ts';
import { fill, type Lang } from '../../client/i18n.ts';
import { CALENDAR_STRINGS, type CalendarStrings } from '../../client/strings/calendar.ts';
import type { Database } from '../db/index.ts';
import { deleteOverride, overrideOn, overridesIn, putOverride } from '../queries/calendar.ts';

export const OVERRIDE_KINDS = ['off', 'working'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The checks of a day, a year and an override, with the messages of one language (strings/calendar.ts). */
function schemasOf(t: CalendarStrings) {
	const range = fill(t.yearRange, { min: MIN_YEAR, max: MAX_YEAR });
	const day = z
		.string({ error: t.dayFormat })
		.trim()
		.refine((d) => isValidDay(d), { error: (i) => fill(t.dayReal, { input: String(i.input) }) })
		.refine((d) => Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR, {
			error: range
		});
	const year = z.coerce
		.number({ error: t.yearNumber })
		.int(t.yearInteger)
		.min(MIN_YEAR, range)
		.max(MAX_YEAR, range);
	const set = z.object({
		day,
		kind: z.enum(OVERRIDE_KINDS, { error: t.kindEnum }),
		note: z
			.string()
			.trim()
			.max(200, t.noteMax)
			.refine((s) => !/[\t\r\n]/.test(s), t.noteChars)
			.nullish()
			.transform((s) => (s ? s : null))
	});
	return { day, year, set };
}

export const CALENDAR_SCHEMAS: Record<Lang, ReturnType<typeof schemasOf>> = {
	vi: schemasOf(CALENDAR_STRINGS.vi),
	en: schemasOf(CALENDAR_STRINGS.en)
};
/** In Vietnamese: the CLI's, and what the functions below check. */
export const DaySchema = CALENDAR_SCHEMAS.vi.day;
export const YearSchema = CALENDAR_SCHEMAS.vi.year;
export const SetOverrideSchema = CALENDAR_SCHEMAS.vi.set;
export type SetOverride = z.input<typeof SetOverrideSchema>;

export type Override = { day: string; kind: OverrideKind; note: string | null; updatedAt: string };

/** A day of the year's calendar that differs from a plain Monday–Friday week, with where it comes from. */
export type CalendarDay = {
	day: string;
	/** off: not a working day; working: a (make-up) working day. */
	kind: OverrideKind;
	name: string;
	source: 'announced' | 'rules' | 'override';
	/** The notice for announced days; the admin's note for overrides. */
	detail: string | null;
	/** For built-in days: whether an override changes them. */
	overridden?: boolean;
	/** Whether the day is a working day in the end (overrides applied). */
	working: boolean;
};

/** Throws a ZodError (with Vietnamese messages) on bad input. */
export function parseSet(input: unknown): z.output<typeof SetOverrideSchema> {
	return SetOverrideSchema.parse(input);
}

export async function listOverrides(database: Database, year?: number): Promise<Override[]> {
	return overridesIn(database, year === undefined ? undefined : YearSchema.parse(year));
}

/** Inserts or replaces the override of a day; returns it with the previous one (null if none). */
export async function setOverride(
	database: Database,
	input: SetOverride
): Promise<{ override: Override; previous: Override | null }> {
	const v = parseSet(input);
	const previous = await overrideOn(database, v.day);
	const override = await putOverride(database, { day: v.day, kind: v.kind, note: v.note });
	return { override, previous };
}

/** Removes the override of a day; returns the removed one, or null when there was none. */
export async function removeOverride(database: Database, day: string): Promise<Override | null> {
	return deleteOverride(database, DaySchema.parse(day));
}

/**
 * The year's built-in days (announced schedule if the government published one,
 * else the Labour Code rules) and the admin's overrides, sorted by day; when a
 * day has both, the built-in entry comes first, marked `overridden`.
 */
export async function calendarOfYear(
	database: Database,
	year: number
): Promise<{ year: number; source: string | null; days: CalendarDay[] }> {
	const y = YearSchema.parse(year);
	const overrides = await listOverrides(database, y);
	const calendar = createCalendar({
		daysOff: overrides.filter((o) => o.kind === 'off').map((o) => o.day),
		workingDays: overrides.filter((o) => o.kind === 'working').map((o) => o.day)
	});
	const overridden = new Set(overrides.map((o) => o.day));
	const schedule = announcedSchedule(y);
	const builtIn: CalendarDay[] = schedule
		? [
				...schedule.daysOff.map((h) => ({
					day: h.date,
					kind: 'off' as const,
					name: h.name,
					source: 'announced' as const,
					detail: schedule.source
				})),
				...schedule.workingDays.map((h) => ({
					day: h.date,
					kind: 'working' as const,
					name: h.name,
					source: 'announced' as const,
					detail: schedule.source
				}))
			].map((d) => ({
				...d,
				overridden: overridden.has(d.day),
				working: calendar.isWorkingDay(d.day)
			}))
		: holidaysOfYear(y).map((h) => ({
				day: h.date,
				kind: 'off' as const,
				name: h.name,
				source: 'rules' as const,
				detail: 'Bộ luật Lao động 2019, Điều 111–112',
				overridden: overridden.has(h.date),
				working: calendar.isWorkingDay(h.date)
			}));
	const own: CalendarDay[] = overrides.map((o) => ({
		day: o.day,
		kind: o.kind,
		name: o.kind === 'off' ? 'Ngày nghỉ bổ sung' : 'Ngày làm việc bổ sung',
		source: 'override',
		detail: o.note,
		working: calendar.isWorkingDay(o.day)
	}));
	const days = [...builtIn, ...own].sort((a, b) =>
		a.day < b.day
			? -1
			: a.day > b.day
				? 1
				: a.source === 'override'
					? 1
					: b.source === 'override'
						? -1
						: 0
	);
	return { year: y, source: schedule?.source ?? null, days };
}
