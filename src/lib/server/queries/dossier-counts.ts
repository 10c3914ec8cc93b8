/**
 * Dossiers matching a condition, counted for each of several units (each for its subtree, of any depths):
 * one query per depth, grouped by the unit's code at that depth of the ancestors. For the few-row counts
 * that counters cannot give (due later today, phantom overdue ones open at an instant).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';
import type { UnitInfo } from './units.ts';

export async function countDossiersByUnit(
	database: Database,
	units: readonly Pick<UnitInfo, 'code' | 'depth'>[],
	where: SQL
): Promise<Map<string, number>> {
	const out = new Map(units.map((u) => [u.code, 0]));
	const depths = [...new Set(units.map((u) => u.depth))];
	await Promise.all(
		depths.map(async (depth) => {
			if (!Number.isInteger(depth) || depth < 0)
				throw new RangeError(`depth must be a whole number, got ${depth}`);
			// Written into the statement (not a parameter): the grouping expression must be the selected one.
			const root = sql.raw(`u.ancestors[${depth + 1}]`);
			const roots = units.filter((u) => u.depth === depth).map((u) => u.code);
			const rows = await jsonRows<{ root: string; n: number }>(
				database,
				sql`select jsonb_build_object('root', ${root}, 'n', count(*)) as j
					from dossiers d join units u on u.code = d.unit
					where ${where} and ${root} = ${anyOf(roots)}
					group by ${root}`
			);
			for (const r of rows) out.set(r.root, Number(r.n));
		})
	);
	return out;
}
