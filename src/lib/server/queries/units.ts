/** Unit registry reads: one unit, children, scope checks. */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';

export type UnitInfo = {
	code: string;
	name: string;
	type: string;
	parent: string | null;
	depth: number;
	ancestors: string[];
};

const UNIT_JSON = sql.raw(
	`jsonb_build_object('code', code, 'name', name, 'type', type, 'parent', parent_code, 'depth', depth, 'ancestors', to_jsonb(ancestors))`
);

export async function getUnit(database: Database, code: string): Promise<UnitInfo | null> {
	const rows = await jsonRows<UnitInfo>(
		database,
		sql`select ${UNIT_JSON} as j from units where code = ${code}`
	);
	return rows[0] ?? null;
}

export function inScope(unit: UnitInfo, scopeCode: string): boolean {
	return unit.ancestors.includes(scopeCode);
}

/**
 * Descendants exactly `level` levels below `code` (level 1 = children), sorted
 * by code. With `existingOn` (a day), units merged into a successor on or
 * before that day are left out: they no longer existed then (their history
 * counts for the successor).
 */
export async function descendantsAtLevel(
	database: Database,
	parent: UnitInfo,
	level: number,
	existingOn?: string
): Promise<UnitInfo[]> {
	const existing = existingOn ? sql`and ${notMergedBy(existingOn)}` : sql``;
	return jsonRows<UnitInfo>(
		database,
		sql`select ${UNIT_JSON} as j from units
			where ancestors @> array[${parent.code}]::text[] and depth = ${parent.depth + level} ${existing}
			order by code`
	);
}

/** The same units as descendantsAtLevel, only their codes and names, in one value (a ranking of thousands). */
export async function descendantNamesAtLevel(
	database: Database,
	parent: UnitInfo,
	level: number,
	existingOn?: string
): Promise<{ code: string; name: string }[]> {
	const existing = existingOn ? sql`and ${notMergedBy(existingOn)}` : sql``;
	const [rows] = await jsonRows<[string, string][] | null>(
		database,
		sql`select json_agg(json_build_array(code, name) order by code) as j from units
			where ancestors @> array[${parent.code}]::text[] and depth = ${parent.depth + level} ${existing}`
	);
	return (rows ?? []).map(([code, name]) => ({ code, name }));
}

/** SQL condition on `units.code`: not merged into a successor on or before `day` (a date, or SQL such as current_date). */
export function notMergedBy(day: string | ReturnType<typeof sql>) {
	const d = typeof day === 'string' ? sql`${day}::date` : day;
	return sql`not exists (select 1 from unit_mergers m where m.old_code = units.code and m.effective_date <= ${d})`;
}

export type UnitListItem = {
	code: string;
	name: string;
	type: string;
	parent: string | null;
	children: number;
};

/** Children of `parent` (or the given top codes), with their child counts, sorted by code. */
export async function listUnits(
	database: Database,
	where: { parent: string } | { codes: string[] }
): Promise<UnitListItem[]> {
	const filter =
		'parent' in where
			? sql`u.parent_code = ${where.parent}`
			: sql`u.code in (select jsonb_array_elements_text(${JSON.stringify(where.codes)}::jsonb))`;
	return jsonRows<UnitListItem>(
		database,
		sql`select jsonb_build_object('code', u.code, 'name', u.name, 'type', u.type, 'parent', u.parent_code,
				'children', (select count(*) from units c where c.parent_code = u.code)) as j
			from units u where ${filter} order by u.code`
	);
}

/** The top units of the registry (no parent). */
export async function topUnitCodes(database: Database): Promise<string[]> {
	const rows = await jsonRows<{ code: string }>(
		database,
		sql`select jsonb_build_object('code', code) as j from units where parent_code is null order by code`
	);
	return rows.map((r) => r.code);
}

/** Ancestor codes (root … unit itself) of each given unit that exists in the registry. */
export async function ancestorsOf(
	database: Database,
	codes: readonly string[],
	tx?: Db
): Promise<Map<string, string[]>> {
	if (codes.length === 0) return new Map();
	const rows = await jsonRows<{ code: string; ancestors: string[] }>(
		database,
		sql`select jsonb_build_object('code', code, 'ancestors', to_jsonb(ancestors)) as j from units where code = ${anyOf(codes)}`,
		tx
	);
	return new Map(rows.map((r) => [r.code, r.ancestors]));
}
