/**
 * `cli units import FILE` (and the admin upload): parse and validate the whole
 * file, then upsert every unit in one transaction — nothing is written when any
 * line is bad. Ancestors and depth are recomputed for the whole tree; if an
 * existing unit moved, the rollups (kept per ancestor) are rebuilt in the same
 * transaction.
 */
import {
	buildAncestors,
	prepareUnitsImport,
	type ImportError,
	type UnitRow
} from '../../domain/units/index.ts';
import type { Database } from '../db/index.ts';
import { lockedTransaction } from '../ingest/lock.ts';
import { rebuildIn, type Progress } from '../ingest/rebuild.ts';
import { loadMergers } from '../queries/mergers.ts';
import { moveUnits, unitTree, upsertUnits } from '../queries/units.ts';

const CHUNK = 1000;

export type ImportResult =
	| { ok: true; imported: number; moved: number; rebuilt: boolean }
	| { ok: false; errors: ImportError[] };

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
		const existing = await unitTree(database, tx);
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
			await upsertUnits(database, tx, records);
			onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
		}
		const inFile = new Set(rows.map((r) => r.code));
		const moved = existing
			.filter((u) => !inFile.has(u.code) || u.parent !== links.get(u.code)!.parentCode)
			.map((u) => ({
				code: u.code,
				parent: u.parent,
				before: u.ancestors,
				ancestors: ancestors.get(u.code)!
			}))
			.filter((u) => u.before.join('/') !== u.ancestors.join('/'));
		// Units the file leaves out keep their parent; only their place below it changes.
		await moveUnits(
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
