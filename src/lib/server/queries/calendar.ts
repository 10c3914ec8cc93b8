/** The admin's calendar overrides (table calendar_overrides), and the working-day calendar with them. */
import { asc, eq, sql } from 'drizzle-orm';
import { createCalendar, type Calendar } from '../../domain/calendar/index.ts';
import type { Override, OverrideKind } from '../calendar/overrides.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { calendarOverrides } from '../db/schema.ts';

export async function loadCalendar(database: Database): Promise<Calendar> {
	const rows = await jsonRows<{ day: string; kind: string }>(
		database,
		sql`select jsonb_build_object('day', day, 'kind', kind) as j from calendar_overrides`
	);
	return createCalendar({
		daysOff: rows.filter((r) => r.kind === 'off').map((r) => r.day),
		workingDays: rows.filter((r) => r.kind === 'working').map((r) => r.day)
	});
}

const overrideOf = (r: typeof calendarOverrides.$inferSelect): Override => ({
	day: r.day,
	kind: r.kind as OverrideKind,
	note: r.note,
	updatedAt: new Date(r.updatedAt).toISOString()
});

/** The overrides of a year (every one without), by day. */
export async function overridesIn(database: Database, year?: number): Promise<Override[]> {
	const rows = await database.db
		.select()
		.from(calendarOverrides)
		.where(
			year === undefined
				? undefined
				: sql`${calendarOverrides.day} >= ${`${year}-01-01`}::date and ${calendarOverrides.day} <= ${`${year}-12-31`}::date`
		)
		.orderBy(asc(calendarOverrides.day));
	return rows.map(overrideOf);
}

export async function overrideOn(database: Database, day: string): Promise<Override | null> {
	const [row] = await database.db
		.select()
		.from(calendarOverrides)
		.where(eq(calendarOverrides.day, day));
	return row ? overrideOf(row) : null;
}

/** Inserts or replaces the override of its day, stamped now. */
export async function putOverride(
	database: Database,
	o: Pick<Override, 'day' | 'kind' | 'note'>
): Promise<Override> {
	const now = new Date();
	await database.db
		.insert(calendarOverrides)
		.values({ day: o.day, kind: o.kind, note: o.note, updatedAt: now })
		.onConflictDoUpdate({
			target: calendarOverrides.day,
			set: { kind: o.kind, note: o.note, updatedAt: now }
		});
	return { ...o, updatedAt: now.toISOString() };
}

export async function deleteOverride(database: Database, day: string): Promise<Override | null> {
	const [row] = await database.db
		.delete(calendarOverrides)
		.where(eq(calendarOverrides.day, day))
		.returning();
	return row ? overrideOf(row) : null;
}
