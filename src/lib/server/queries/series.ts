/** Daily series of a unit's subtree from the rollups: for trend charts. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import type { DayPoint } from '../../domain/figures/series.ts';

export type { DayPoint };

export async function dailySeries(
	database: Database,
	unit: string,
	from: string,
	to: string
): Promise<DayPoint[]> {
	const rows = await jsonRows<DayPoint>(
		database,
		sql`select jsonb_build_object('day', day, 'received', received, 'direct', direct, 'online', online, 'postal', postal,
				'resolved', resolved, 'early', early, 'onTime', on_time, 'overdue', overdue, 'rated', rated,
				'satisfied', very_satisfied + satisfied) as j
			from rollups where unit = ${unit} and grain = 'd' and day between ${from}::date and ${to}::date order by day`
	);
	return rows;
}
