/**
 * Raw SQL reads that come back identical from both drivers: each row is one
 * JSON value `j` (timestamps as ISO-8601 strings, bigints as numbers).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from './index.ts';

export async function jsonRows<T>(database: Database, query: SQL, tx?: Db): Promise<T[]> {
	const rows = await database.rows<{ j: T }>(query, tx);
	return rows.map((r) => r.j);
}

/**
 * A JS array as one SQL parameter: `x = ${anyOf(codes)}`. Written as
 * `= any(array(…))` so the planner uses x's index (`in (select …)` of a set
 * function is estimated at 100 rows and turns into a sequential scan).
 */
export function anyOf(values: readonly string[]): SQL {
	return sql`any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)))`;
}

/** Parse an ISO string (or null) from a JSON row. */
export function toDate(v: unknown): Date | null {
	return v === null || v === undefined ? null : new Date(v as string);
}
