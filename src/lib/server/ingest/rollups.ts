/**
 * Moving the rollups by a batch's signed contributions (project.ts): each (unit, day) change goes to the
 * day's, month's and year's row (domain/figures/grains.ts), each (unit, hour) change of the point-in-time
 * counters to its hour row (domain/figures/hours.ts), each (unit, field, procedure, day) change of the
 * breakdown counters to its day's, month's and year's breakdown row (domain/figures/breakdown-counters.ts)
 * — for the unit and every ancestor (the hour and breakdown rows: for every ancestor, not the unit itself).
 */
import { sql } from 'drizzle-orm';
import { COUNTERS, type DeltaEntry, type DeltaTable } from '../../domain/figures/counters.ts';
import { parseBreakdownKey, BREAKDOWN_COUNTERS } from '../../domain/figures/breakdown-counters.ts';
import { bucketsOf } from '../../domain/figures/grains.ts';
import { HOUR_COUNTERS } from '../../domain/figures/hours.ts';
import type { Database, Db } from '../db/index.ts';
import { ancestorsOf } from '../queries/units.ts';

type Row = { keys: string; values: Int32Array };

/** An entry's unit as stored in a DeltaTable: the unit itself, with the row's other key columns as JSON members. */
type Keyed = { unit: string; keys: string };
const plain = (unit: string): Keyed => ({ unit, keys: '' });
const byFieldAndProcedure = (key: string): Keyed => {
	const { unit, field, procedure } = parseBreakdownKey(key);
	return {
		unit,
		keys: `"field":${JSON.stringify(field)},"procedure":${JSON.stringify(procedure)},`
	};
};

/** Sums the entries into one row per (key of `keysOf`) for each ancestor, and the unit itself unless `above`. */
function fold(
	entries: readonly DeltaEntry[],
	ancestors: Map<string, string[]>,
	keysOf: (bucket: string) => string[],
	above = false,
	split: (unit: string) => Keyed = plain
): Map<string, Row> {
	const byKey = new Map<string, Row>();
	for (const e of entries) {
		const keys = keysOf(e.day);
		const own = split(e.unit);
		for (const unit of ancestors.get(own.unit) ?? [own.unit]) {
			if (above && unit === own.unit) continue;
			for (const k of keys) {
				const key = `{"unit":${JSON.stringify(unit)},${own.keys}${k}`;
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
	table: 'rollups' | 'hour_rollups' | 'breakdown_rollups',
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

const dayKeys = (day: string) => bucketsOf(day).map((b) => `"grain":"${b.grain}","day":"${b.day}"`);

/** The signed contributions of a batch: by (unit, day), by (unit, hour), by (unit·field·procedure, day). */
export type Deltas = { days: DeltaTable; hours: DeltaTable; breakdown: DeltaTable };

/**
 * Adds the day deltas, the hour deltas (of the hour counters only) and the breakdown deltas to their rollups,
 * the statements sent at once.
 */
export async function applyDeltas(
	database: Database,
	tx: Db,
	{ days, hours, breakdown }: Deltas,
	known?: Map<string, string[]>
): Promise<void> {
	const dayEntries = [...days.entries()];
	const hourEntries = [...hours.entries()];
	const breakdownEntries = [...breakdown.entries()];
	const units = new Set([
		...[...dayEntries, ...hourEntries].map((e) => e.unit),
		...breakdownEntries.map((e) => parseBreakdownKey(e.unit).unit)
	]);
	if (units.size === 0) return;
	const missing = [...units].filter((u) => !known?.has(u));
	const ancestors = new Map(known);
	for (const [u, a] of await ancestorsOf(database, missing, tx)) ancestors.set(u, a);
	const dayRows = json(fold(dayEntries, ancestors, dayKeys));
	// Hour and breakdown rows for the ancestors only (hours.ts, breakdown-counters.ts): a unit's own dossiers
	// are read for its own.
	const hourRows = json(fold(hourEntries, ancestors, (hour) => [`"hour":"${hour}"`], true));
	const breakdownRows = json(fold(breakdownEntries, ancestors, dayKeys, true, byFieldAndProcedure));
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
			),
		breakdownRows &&
			upsert(
				database,
				tx,
				'breakdown_rollups',
				'unit, grain, day, field, procedure',
				'unit text, grain text, day date, field text, procedure text',
				BREAKDOWN_COUNTERS,
				breakdownRows
			)
	]);
}
