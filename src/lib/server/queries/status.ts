/** Store-wide counts for the status page (no figures of any unit: those need a scope). */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';

export type StoreStatus = { units: number; events: number; dossiers: number; lastEventAt: string | null; backend: string };

export async function storeStatus(database: Database): Promise<StoreStatus> {
	const [row] = await jsonRows<Omit<StoreStatus, 'backend'>>(
		database,
		sql`select jsonb_build_object(
			'units', (select count(*) from units),
			'events', (select count(*) from events),
			'dossiers', (select count(*) from dossiers),
			'lastEventAt', (select max(accepted_at) from events)) as j`
	);
	return { ...row, backend: database.kind === 'pglite' ? 'PGlite (nhúng)' : 'PostgreSQL' };
}
