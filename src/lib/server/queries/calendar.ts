/** The working-day calendar with the admin's overrides from the database. */
import { sql } from 'drizzle-orm';
import { createCalendar, type Calendar } from '../../domain/calendar/index.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';

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
