/**
 * Moving the rollups by a batch's signed contributions (project.ts): each (unit, day) change goes to the
 * day's, month's and year's row (domain/figures/grains.ts), each (unit, hour) change of the point-in-time
 * counters to its hour row (domain/figures/hours.ts) — for the unit and every ancestor (the hour rows: for
 * every ancestor, not the unit itself).
 */
import { sql } from 'drizzle-orm';
import { COUNTERS, type DeltaEntry, type DeltaTable } from '../../domain/figures/counters.ts';
import { bucketsOf } from '../../domain/figures/grains.ts';
import { HOUR_COUNTERS } from '../../domain/figures/hours.ts';
import type { Database, Db } from '../db/index.ts';
import { ancestorsOf } from '../queries/units.ts';

type Row = { keys: string; values: Int32Array };

/** Sums the entries into one row per (key of `keysOf`) for each ancestor, and the unit itself unless `above`. */
function fold(
	entries: readonly DeltaEntry[],
	ancestors: Map<string, string[]>,
	keysOf: (bucket: string) => string[],
	above = false
): Map<string, Row> {
	const byKey = new Map<string, Row>();
	for (const e of entries) {
		const keys = keysOf(e.day);
		for (const unit of ancestors.get(e.unit) ?? [e.unit]) {
			if (above && unit === e.unit) continue;
			for (const k of keys) {
				const key = `{"unit":${JSON.stringify(unit)},${k}`;
				const row = byKey.get(key);
				if (row) for (let i = 0; i < COUNTERS.length; i++) row.values[i] += e.values[i];
				else byKey.set(key, { keys: key, values: Int32Array.from(e.values) });
			}
		}
	}
	return byKey;
}

/** Each row as JSON with its non-zero counters only (most are zero): less to build here and to parse there. */
function json(rows: Map<string, Row>): string | null {
	const out: string[] = [];
	for (const r of rows.values()) {
		let counters = '';
		for (let i = 0; i < COUNTERS.length; i++)
			if (r.values[i] !== 0) counters += `,"${COUNTERS[i]}":${r.values[i]}`;
		if (counters !== '') out.push(`${r.keys}${counters}}`);
	}
	return out.length === 0 ? null : `[${out.join(',')}]`;
}

function upsert(
	database: Database,
	tx: Db,
	table: 'rollups' | 'hour_rollups',
	keys: string,
	keyDefs: string,
	counters: readonly string[],
	rows: string
) {
	const cols = counters.join(', ');
	const defs = counters.map((c) => `${c} int`).join(', ');
	const values = counters.map((c) => `coalesce(${c}, 0)`).join(', ');
	const sets = counters.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
	return database.rows(
		sql`insert into ${sql.raw(table)} (${sql.raw(keys)}, ${sql.raw(cols)})
			select ${sql.raw(keys)}, ${sql.raw(values)} from jsonb_to_recordset(${rows}::jsonb)
				as x(${sql.raw(keyDefs)}, ${sql.raw(defs)})
			on conflict (${sql.raw(keys)}) do update set ${sql.raw(sets)}`,
		tx
	);
}

/** Adds the day deltas and the hour deltas (of the hour counters only) to the rollups, both statements sent at once. */
export async function applyDeltas(
	database: Database,
	tx: Db,
	days: DeltaTable,
	hours: DeltaTable,
	known?: Map<string, string[]>
): Promise<void> {
	const dayEntries = [...days.entries()];
	const hourEntries = [...hours.entries()];
	const units = new Set([...dayEntries, ...hourEntries].map((e) => e.unit));
	if (units.size === 0) return;
	const missing = [...units].filter((u) => !known?.has(u));
	const ancestors = new Map(known);
	for (const [u, a] of await ancestorsOf(database, missing, tx)) ancestors.set(u, a);
	const dayRows = json(
		fold(dayEntries, ancestors, (day) =>
			bucketsOf(day).map((b) => `"grain":"${b.grain}","day":"${b.day}"`)
		)
	);
	// Hour rows for the ancestors only (domain/figures/hours.ts): a unit's own dossiers are read for its own.
	const hourRows = json(fold(hourEntries, ancestors, (hour) => [`"hour":"${hour}"`], true));
	await Promise.all([
		dayRows &&
			upsert(
				database,
				tx,
				'rollups',
				'unit, grain, day',
				'unit text, grain text, day date',
				COUNTERS,
				dayRows
			),
		hourRows &&
			upsert(
				database,
				tx,
				'hour_rollups',
				'unit, hour',
				'unit text, hour timestamptz',
				HOUR_COUNTERS,
				hourRows
			)
	]);
}
