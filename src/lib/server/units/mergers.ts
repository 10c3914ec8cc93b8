/**
 * Unit mergers (CLI `mergers import FILE` and the admin upload): a mapping
 * `old_code,new_code,effective_date` is validated whole (nothing written on any
 * bad line), stored, and applied by moving each predecessor under its
 * successor. Figures are kept per ancestor, so the rollups are rebuilt in the
 * same transaction: a report for the new unit over a period before the merger
 * aggregates its predecessors, and one spanning the merger is continuous.
 * Events still sent under an old code keep counting for the new unit.
 */
import { sql } from 'drizzle-orm';
import {
	buildAncestors,
	parentsAfter,
	parseMergersCsv,
	type ImportError,
	type MergerRow
} from '../../domain/units/index.ts';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { lockedTransaction } from '../ingest/lock.ts';
import { rebuildIn } from '../ingest/rebuild.ts';

export type MergerImportResult =
	{ ok: true; imported: number; moved: number } | { ok: false; errors: ImportError[] };

type UnitLinkRow = { code: string; parent: string | null; ancestors: string[] };

export async function loadMergers(database: Database, tx?: Db): Promise<MergerRow[]> {
	return jsonRows<MergerRow>(
		database,
		sql`select jsonb_build_object('oldCode', old_code, 'newCode', new_code, 'effectiveDate', effective_date::text, 'line', 0) as j
			from unit_mergers order by effective_date, old_code`,
		tx
	);
}

/** Set parent_code, depth and ancestors of every unit whose place in the tree changed; returns how many moved. */
export async function applyParents(
	database: Database,
	tx: Db,
	units: UnitLinkRow[],
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
			parent_code: parents.get(u.code) ?? null,
			depth: ancestors.get(u.code)!.length - 1,
			ancestors: ancestors.get(u.code)!
		}));
	for (let i = 0; i < moved.length; i += 1000) {
		await database.rows(
			sql`update units u set parent_code = x.parent_code, depth = x.depth,
					ancestors = array(select jsonb_array_elements_text(x.ancestors)), updated_at = now()
				from jsonb_to_recordset(${JSON.stringify(moved.slice(i, i + 1000))}::jsonb) as x(code text, parent_code text, depth int, ancestors jsonb)
				where u.code = x.code`,
			tx
		);
	}
	return moved.length;
}

export async function importMergers(database: Database, text: string): Promise<MergerImportResult> {
	return lockedTransaction(database, async (tx) => {
		const units = await jsonRows<UnitLinkRow>(
			database,
			sql`select jsonb_build_object('code', code, 'parent', parent_code, 'ancestors', to_jsonb(ancestors)) as j from units`,
			tx
		);
		const parents = new Map(units.map((u) => [u.code, u.parent]));
		const existing = await loadMergers(database, tx);
		const parsed = parseMergersCsv(text, parents, existing);
		if (parsed.errors.length > 0) return { ok: false as const, errors: parsed.errors };
		await database.rows(
			sql`insert into unit_mergers (old_code, new_code, effective_date, imported_at)
				select x.old_code, x.new_code, x.effective_date::date, now()
				from jsonb_to_recordset(${JSON.stringify(parsed.rows.map((r) => ({ old_code: r.oldCode, new_code: r.newCode, effective_date: r.effectiveDate })))}::jsonb)
					as x(old_code text, new_code text, effective_date text)
				on conflict (old_code) do update set new_code = excluded.new_code, effective_date = excluded.effective_date, imported_at = now()`,
			tx
		);
		const moved = await applyParents(database, tx, units, parentsAfter(parents, parsed.rows));
		if (moved > 0) await rebuildIn(database, tx);
		return { ok: true as const, imported: parsed.rows.length, moved };
	});
}

export type MergerNote = {
	oldCode: string;
	oldName: string;
	newCode: string;
	newName: string;
	effectiveDate: string;
};

/** Mergers that touch a unit: its predecessors (merged into it or into them, recursively) and its own successor, if any. */
export async function mergersAround(
	database: Database,
	unitCode: string
): Promise<{ predecessors: MergerNote[]; successor: MergerNote | null }> {
	const rows = await jsonRows<MergerNote & { depth: number }>(
		database,
		sql`with recursive preds as (
				select m.old_code, m.new_code, m.effective_date from unit_mergers m where m.new_code = ${unitCode}
				union
				select m.old_code, m.new_code, m.effective_date from unit_mergers m join preds p on m.new_code = p.old_code
			)
			select jsonb_build_object('oldCode', p.old_code, 'oldName', o.name, 'newCode', p.new_code, 'newName', n.name,
				'effectiveDate', p.effective_date::text) as j
			from preds p join units o on o.code = p.old_code join units n on n.code = p.new_code
			order by p.effective_date, p.old_code`
	);
	const [successor] = await jsonRows<MergerNote>(
		database,
		sql`select jsonb_build_object('oldCode', m.old_code, 'oldName', o.name, 'newCode', m.new_code, 'newName', n.name,
				'effectiveDate', m.effective_date::text) as j
			from unit_mergers m join units o on o.code = m.old_code join units n on n.code = m.new_code
			where m.old_code = ${unitCode}`
	);
	return { predecessors: rows, successor: successor ?? null };
}

/** Every merger with both units' names, for the admin page. */
export async function listMergers(database: Database): Promise<MergerNote[]> {
	return jsonRows<MergerNote>(
		database,
		sql`select jsonb_build_object('oldCode', m.old_code, 'oldName', coalesce(o.name, m.old_code), 'newCode', m.new_code,
				'newName', coalesce(n.name, m.new_code), 'effectiveDate', m.effective_date::text) as j
			from unit_mergers m left join units o on o.code = m.old_code left join units n on n.code = m.new_code
			order by m.effective_date desc, m.new_code, m.old_code`
	);
}
