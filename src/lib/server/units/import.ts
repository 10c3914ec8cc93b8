/**
 * `cli units import FILE` (and the admin upload): parse and validate the whole
 * file, then upsert every unit in one transaction — nothing is written when any
 * line is bad. Ancestors and depth are recomputed for the whole tree; if an
 * existing unit moved, the rollups (kept per ancestor) are rebuilt in the same
 * transaction.
 */
import { sql } from 'drizzle-orm';
import {
	buildAncestors,
	prepareUnitsImport,
	type ImportError,
	type UnitRow
} from '../../domain/units/index.ts';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { lockedTransaction } from '../ingest/lock.ts';
import { rebuildIn, type Progress } from '../ingest/rebuild.ts';
import { loadMergers } from './mergers.ts';

const CHUNK = 1000;

export type ImportResult =
	| { ok: true; imported: number; moved: number; rebuilt: boolean }
	| { ok: false; errors: ImportError[] };

type Existing = { code: string; parent: string | null; ancestors: string[]; dvcqg: string | null };

async function upsert(database: Database, tx: Db, records: Record<string, unknown>[]) {
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

async function moveExisting(
	database: Database,
	tx: Db,
	moved: { code: string; ancestors: string[] }[]
) {
	for (let i = 0; i < moved.length; i += CHUNK) {
		const chunk = moved
			.slice(i, i + CHUNK)
			.map((m) => ({ code: m.code, depth: m.ancestors.length - 1, ancestors: m.ancestors }));
		await database.rows(
			sql`update units u set depth = x.depth, ancestors = array(select jsonb_array_elements_text(x.ancestors)), updated_at = now()
				from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(code text, depth int, ancestors jsonb)
				where u.code = x.code`,
			tx
		);
	}
}

function inCycle(links: Map<string, { parentCode: string | null }>, code: string): boolean {
	const seen = new Set<string>();
	for (let c: string | null = code; c !== null; c = links.get(c)?.parentCode ?? null) {
		if (seen.has(c)) return true;
		seen.add(c);
	}
	return false;
}

/** Rows of the file whose dvcqg_code another unit (of the file or the registry) has too. */
function dvcqgClashes(
	rows: readonly UnitRow[],
	portal: ReadonlyMap<string, string | null>
): ImportError[] {
	const holders = new Map<string, string[]>();
	for (const [code, d] of portal) if (d !== null) holders.set(d, [...(holders.get(d) ?? []), code]);
	return rows
		.filter((r) => r.dvcqgCode && holders.get(r.dvcqgCode)!.length > 1)
		.map((r) => ({
			line: r.line,
			...(r.feature !== undefined ? { feature: r.feature } : {}),
			message: `dvcqg_code "${r.dvcqgCode}" is also the code of unit ${holders
				.get(r.dvcqgCode!)!
				.filter((c) => c !== r.code)
				.map((c) => `"${c}"`)
				.join(', ')}`
		}));
}

export async function importUnits(
	database: Database,
	fileName: string,
	text: string,
	onProgress?: Progress
): Promise<ImportResult> {
	return lockedTransaction(database, async (tx) => {
		const existing = await jsonRows<Existing>(
			database,
			sql`select jsonb_build_object('code', code, 'parent', parent_code, 'ancestors', to_jsonb(ancestors), 'dvcqg', dvcqg_code) as j from units`,
			tx
		);
		const existingMap = new Map(existing.map((u) => [u.code, { parentCode: u.parent }]));
		const prepared = prepareUnitsImport(fileName, text, existingMap);
		if (prepared.errors.length > 0) return { ok: false as const, errors: prepared.errors };

		// A merged unit stays under its successor whatever parent a later unit list gives it (see mergers.ts).
		const successor = new Map((await loadMergers(database, tx)).map((m) => [m.oldCode, m.newCode]));
		const links = new Map(existing.map((u) => [u.code, { code: u.code, parentCode: u.parent }]));
		for (const r of prepared.rows) {
			r.parentCode = successor.get(r.code) ?? r.parentCode;
			links.set(r.code, { code: r.code, parentCode: r.parentCode });
		}
		const cycles = prepared.rows.filter((r) => successor.has(r.code) && inCycle(links, r.code));
		if (cycles.length > 0)
			return {
				ok: false as const,
				errors: cycles.map((r) => ({
					line: r.line,
					feature: r.feature,
					message: `unit "${r.code}" was merged into "${r.parentCode}", which this file places inside it`
				}))
			};
		const ancestors = buildAncestors([...links.values()]);

		// A file without dvcqg_code keeps what the registry has; two units never share one.
		const portal = new Map(existing.map((u) => [u.code, u.dvcqg]));
		for (const r of prepared.rows) if (r.dvcqgCode !== undefined) portal.set(r.code, r.dvcqgCode);
		const clashes = dvcqgClashes(prepared.rows, portal);
		if (clashes.length > 0) return { ok: false as const, errors: clashes };

		const rows = prepared.rows;
		for (let i = 0; i < rows.length; i += CHUNK) {
			const records = rows.slice(i, i + CHUNK).map((r) => {
				const a = ancestors.get(r.code)!;
				return {
					code: r.code,
					name: r.name,
					type: r.type,
					parent_code: r.parentCode,
					depth: a.length - 1,
					ancestors: a,
					lat: r.lat,
					lon: r.lon,
					geometry: r.geometry,
					dvcqg_code: portal.get(r.code) ?? null
				};
			});
			await upsert(database, tx, records);
			onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
		}
		const inFile = new Set(rows.map((r) => r.code));
		const moved = existing
			.filter((u) => !inFile.has(u.code) || u.parent !== links.get(u.code)!.parentCode)
			.map((u) => ({ code: u.code, before: u.ancestors, ancestors: ancestors.get(u.code)! }))
			.filter((u) => u.before.join('/') !== u.ancestors.join('/'));
		await moveExisting(
			database,
			tx,
			moved.filter((m) => !inFile.has(m.code))
		);
		let rebuilt = false;
		if (moved.length > 0) {
			await rebuildIn(database, tx);
			rebuilt = true;
		}
		return { ok: true as const, imported: rows.length, moved: moved.length, rebuilt };
	});
}
