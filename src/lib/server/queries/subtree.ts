/**
 * "This row's unit lies in the subtree of CODE", as every subtree query asks
 * it: the subtree's codes are computed once (an InitPlan) and the rows are
 * matched against them, so the plan never joins the units table row by row.
 * (A join filtered on `units.ancestors` was planned as a nested loop over
 * every dossier once the statistics were stale or missing: 28 s for a list
 * of 500.) Loaded by the realtime hub too: relative imports only.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';

export function inSubtree(column: SQL, unit: string): SQL {
	return sql`${column} = any(array(select code from units where ancestors @> array[${unit}]::text[]))`;
}

/** The codes of the subtree (the unit included), as a relation `su(code)` for a LATERAL per unit. */
export function subtreeUnits(unit: string): SQL {
	return sql`(select code from units where ancestors @> array[${unit}]::text[]) su`;
}

/**
 * Up to this many units, "the first N rows of the subtree in index order" is
 * read unit by unit (N rows of each, then merged); above it, with one ordered
 * scan that skips other units' rows — fast, since a big subtree owns most rows.
 */
export const UNIT_BY_UNIT = 300;

export async function subtreeSize(database: Database, unit: string): Promise<number> {
	const [n] = await jsonRows<number>(
		database,
		sql`select to_jsonb(count(*)) as j from units where ancestors @> array[${unit}]::text[]`
	);
	return Number(n ?? 0);
}
