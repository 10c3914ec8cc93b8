/** Deployment facts in app_meta (e.g. whether the data is the generated demo), and whether the database answers at all. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';

export type DemoInfo = { province: string; generatedAt: string };

export async function getMeta<T>(database: Database, key: string): Promise<T | null> {
	const rows = await jsonRows<{ v: T }>(
		database,
		sql`select jsonb_build_object('v', value) as j from app_meta where key = ${key}`
	);
	return rows[0]?.v ?? null;
}

export async function setMeta(database: Database, key: string, value: unknown): Promise<void> {
	await database.rows(
		sql`insert into app_meta (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
			on conflict (key) do update set value = excluded.value, updated_at = now()`
	);
}

export async function deleteMeta(database: Database, key: string): Promise<void> {
	await database.rows(sql`delete from app_meta where key = ${key}`);
}

/** `select 1` within `ms` milliseconds, else an error (the health check, the live hub's database probe). */
export async function ping(database: Database, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			database.rows(sql`select 1 as j`),
			new Promise(
				(_, reject) => (timer = setTimeout(() => reject(new Error('database timeout')), ms))
			)
		]);
	} finally {
		clearTimeout(timer);
	}
}
