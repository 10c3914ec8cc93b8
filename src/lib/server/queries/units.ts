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

/** A unit's place in the tree, with its national portal code: what an import or a merger checks and recomputes. */
export type UnitLink = {
	code: string;
	parent: string | null;
	ancestors: string[];
	dvcqg: string | null;
};

/** Every unit of the registry as a link of the tree (the units import, the mergers import, the upload's dry run). */
export async function unitTree(database: Database, tx?: Db): Promise<UnitLink[]> {
	return jsonRows<UnitLink>(
		database,
		sql`select jsonb_build_object('code', code, 'parent', parent_code, 'ancestors', to_jsonb(ancestors), 'dvcqg', dvcqg_code) as j from units`,
		tx
	);
}

/** One unit as an import writes it (snake_case: the columns). */
export type UnitRecord = {
	code: string;
	name: string;
	type: string;
	parent_code: string | null;
	depth: number;
	ancestors: string[];
	lat: number | null;
	lon: number | null;
	geometry: unknown;
	dvcqg_code: string | null;
};

/** Inserts or updates the units; a unit without geometry keeps the stored one. */
export async function upsertUnits(
	database: Database,
	tx: Db,
	records: readonly UnitRecord[]
): Promise<void> {
	await database.rows(
		sql`insert into units (code, name, type, parent_code, depth, ancestors, lat, lon, geometry, dvcqg_code, updated_at)
			select x.code, x.name, x.type, x.parent_code, x.depth,
				array(select jsonb_array_elements_text(x.ancestors)), x.lat, x.lon, x.geometry, x.dvcqg_code, now()
			from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
				as x(code text, name text, type text, parent_code text, depth int, ancestors jsonb, lat float8, lon float8, geometry jsonb,
					dvcqg_code text)
			on conflict (code) do update set name = excluded.name, type = excluded.type, parent_code = excluded.parent_code,
				depth = excluded.depth, ancestors = excluded.ancestors, lat = excluded.lat, lon = excluded.lon,
				geometry = coalesce(excluded.geometry, units.geometry),
				dvcqg_code = excluded.dvcqg_code,
				updated_at = now()`,
		tx
	);
}

/** Sets the parent, depth and ancestors of units that moved in the tree, a thousand at a time. */
export async function moveUnits(
	database: Database,
	tx: Db,
	moved: readonly { code: string; parent: string | null; ancestors: string[] }[]
): Promise<void> {
	for (let i = 0; i < moved.length; i += 1000) {
		const chunk = moved.slice(i, i + 1000).map((m) => ({
			code: m.code,
			parent_code: m.parent,
			depth: m.ancestors.length - 1,
			ancestors: m.ancestors
		}));
		await database.rows(
			sql`update units u set parent_code = x.parent_code, depth = x.depth,
					ancestors = array(select jsonb_array_elements_text(x.ancestors)), updated_at = now()
				from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(code text, parent_code text, depth int, ancestors jsonb)
				where u.code = x.code`,
			tx
		);
	}
}
