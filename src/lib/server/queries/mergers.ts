/**
 * The unit_mergers table (see server/units/mergers.ts for what a merger does):
 * the stored mappings, storing new ones, and the mergers around one unit with
 * both units' names.
 */
import { sql } from 'drizzle-orm';
import type { MergerRow } from '../../domain/units/index.ts';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';

export async function loadMergers(database: Database, tx?: Db): Promise<MergerRow[]> {
	return jsonRows<MergerRow>(
		database,
		sql`select jsonb_build_object('oldCode', old_code, 'newCode', new_code, 'effectiveDate', effective_date::text, 'line', 0) as j
			from unit_mergers order by effective_date, old_code`,
		tx
	);
}

/** Inserts the mappings; one whose old code is stored already takes the new successor and date. */
export async function storeMergers(
	database: Database,
	tx: Db,
	rows: readonly MergerRow[]
): Promise<void> {
	const records = rows.map((r) => ({
		old_code: r.oldCode,
		new_code: r.newCode,
		effective_date: r.effectiveDate
	}));
	await database.rows(
		sql`insert into unit_mergers (old_code, new_code, effective_date, imported_at)
			select x.old_code, x.new_code, x.effective_date::date, now()
			from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
				as x(old_code text, new_code text, effective_date text)
			on conflict (old_code) do update set new_code = excluded.new_code, effective_date = excluded.effective_date, imported_at = now()`,
		tx
	);
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
