/**
 * Unit mergers (CLI `mergers import FILE` and the admin upload): a mapping
 * `old_code,new_code,effective_date` is validated whole (nothing written on any
 * bad line), stored, and applied by moving each predecessor under its
 * successor. Figures are kept per ancestor, so the rollups are rebuilt in the
 * same transaction: a report for the new unit over a period before the merger
 * aggregates its predecessors, and one spanning the merger is continuous.
 * Events still sent under an old code keep counting for the new unit.
 */
import {
	buildAncestors,
	parentsAfter,
	parseMergersCsv,
	type ImportError
} from '../../domain/units/index.ts';
import type { Database, Db } from '../db/index.ts';
import { lockedTransaction } from '../ingest/lock.ts';
import { rebuildIn } from '../ingest/rebuild.ts';
import { loadMergers, storeMergers } from '../queries/mergers.ts';
import { moveUnits, unitTree, type UnitLink } from '../queries/units.ts';

export type MergerImportResult =
	{ ok: true; imported: number; moved: number } | { ok: false; errors: ImportError[] };

/** Set parent_code, depth and ancestors of every unit whose place in the tree changed; returns how many moved. */
export async function applyParents(
	database: Database,
	tx: Db,
	units: UnitLink[],
	parents: Map<string, string | null>
): Promise<number> {
	const ancestors = buildAncestors(
		[...parents].map(([code, parentCode]) => ({ code, parentCode }))
	);
	const moved = units
		.filter(
			(u) =>
				(parents.get(u.code) ?? null) !== u.parent ||
				ancestors.get(u.code)!.join('/') !== u.ancestors.join('/')
		)
		.map((u) => ({
			code: u.code,
			parent: parents.get(u.code) ?? null,
			ancestors: ancestors.get(u.code)!
		}));
	await moveUnits(database, tx, moved);
	return moved.length;
}

export async function importMergers(database: Database, text: string): Promise<MergerImportResult> {
	return lockedTransaction(database, async (tx) => {
		const units = await unitTree(database, tx);
		const parents = new Map(units.map((u) => [u.code, u.parent]));
		const existing = await loadMergers(database, tx);
		const parsed = parseMergersCsv(text, parents, existing);
		if (parsed.errors.length > 0) return { ok: false as const, errors: parsed.errors };
		await storeMergers(database, tx, parsed.rows);
		const moved = await applyParents(database, tx, units, parentsAfter(parents, parsed.rows));
		if (moved > 0) await rebuildIn(database, tx);
		return { ok: true as const, imported: parsed.rows.length, moved };
	});
}
