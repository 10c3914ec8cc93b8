/**
 * Moving the rollups by a batch's signed contributions (project.ts): each (unit, day) change goes to the
 * day's, month's and year's row (domain/figures/grains.ts), each (unit, hour) change of the point-in-time
 * counters to its hour row (domain/figures/hours.ts), each (unit, field, procedure, day) change of the
 * breakdown counters to its day's, month's and year's breakdown row (domain/figures/breakdown-counters.ts)
 * — for the unit and every ancestor (the hour and breakdown rows: for every ancestor, not the unit itself).
 *
 * The rows go to the database as one array per column (`unnest`), not as JSON records: PostgreSQL parses
 * an int[] of a batch's rows in about half the time of the same rows as jsonb (measured, docs/scaling.md).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	COUNTERS,
	type Counter,
	type DeltaEntry,
	type DeltaTable
} from '../../domain/figures/counters.ts';
import { parseBreakdownKey, BREAKDOWN_COUNTERS } from '../../domain/figures/breakdown-counters.ts';
import { bucketsOf } from '../../domain/figures/grains.ts';
import { HOUR_COUNTERS } from '../../domain/figures/hours.ts';
import type { Database, Db } from '../db/index.ts';
import { ancestorsOf } from '../queries/units.ts';

/** A rollup table: its key columns (name, SQL type) after `unit`, and its counter columns. */
type Table = {
	name: 'rollups' | 'hour_rollups' | 'breakdown_rollups';
	keys: readonly (readonly [string, string])[];
	counters: readonly Counter[];
};

const ROLLUPS: Table = {
	name: 'rollups',
	keys: [
		['grain', 'text'],
		['day', 'date']
	],
	counters: COUNTERS
};
const HOURS: Table = {
	name: 'hour_rollups',
	keys: [['hour', 'timestamptz']],
	counters: HOUR_COUNTERS
};
const BREAKDOWN: Table = {
	name: 'breakdown_rollups',
	keys: [
		['field', 'text'],
		['procedure', 'text'],
		['grain', 'text'],
		['day', 'date']
	],
	counters: BREAKDOWN_COUNTERS
};

/** A row to add: its key values (unit first, in the table's key order) and its counters (the table's order). */
type Row = { keys: string[]; values: Int32Array };

/** An entry's unit as a DeltaTable stores it: the unit itself, with the key columns it carries before the bucket's. */
type Keyed = { unit: string; keys: string[] };
const plain = (unit: string): Keyed => ({ unit, keys: [] });
const byFieldAndProcedure = (key: string): Keyed => {
	const { unit, field, procedure } = parseBreakdownKey(key);
	return { unit, keys: [field, procedure] };
};

/** Where an entry's counters go: a unit's key values before the bucket's, and its rows by bucket. */
type Target = { keys: string[]; rows: Map<string, Row> };

/**
 * Sums the entries (whose values are the table's counters, in its order) into one row per key for each
 * ancestor, and the unit itself unless `above`. `bucketKeys` gives the bucket's key values of each row
 * an entry goes to.
 */
function fold(
	table: Table,
	entries: readonly DeltaEntry[],
	ancestors: Map<string, string[]>,
	bucketKeys: (bucket: string) => string[][],
	above = false,
	split: (unit: string) => Keyed = plain
): Row[] {
	const width = table.counters.length;
	// Each bucket's and each entry unit's keys built once (a batch has thousands of entries, a few dozen
	// buckets and units), and rows found by (target, bucket) without a string key per entry and row.
	const buckets = new Map<string, { keys: string[]; id: string }[]>();
	const targets = new Map<string, Target>();
	const targetsOf = new Map<string, Target[]>();
	for (const e of entries) {
		let b = buckets.get(e.day);
		if (!b)
			buckets.set(e.day, (b = bucketKeys(e.day).map((keys) => ({ keys, id: keys.join(SEP) }))));
		let to = targetsOf.get(e.unit);
		if (!to) targetsOf.set(e.unit, (to = unitTargets(split(e.unit), ancestors, above, targets)));
		const add = e.values;
		for (const t of to)
			for (const bucket of b) {
				let row = t.rows.get(bucket.id);
				if (!row)
					t.rows.set(
						bucket.id,
						(row = { keys: [...t.keys, ...bucket.keys], values: new Int32Array(width) })
					);
				const values = row.values;
				for (let i = 0; i < width; i++) values[i] += add[i];
			}
	}
	// A row whose changes cancelled out changes nothing.
	return [...targets.values()].flatMap((t) =>
		[...t.rows.values()].filter((r) => r.values.some((v) => v !== 0))
	);
}

const SEP = '\u0000';

/** The targets an entry's unit adds to — every ancestor, the unit itself unless `above` —, one per key. */
function unitTargets(
	own: Keyed,
	ancestors: Map<string, string[]>,
	above: boolean,
	targets: Map<string, Target>
): Target[] {
	const units = (ancestors.get(own.unit) ?? [own.unit]).filter((u) => !above || u !== own.unit);
	return units.map((unit) => {
		const keys = [unit, ...own.keys];
		const id = keys.join(SEP);
		let t = targets.get(id);
		if (!t) targets.set(id, (t = { keys, rows: new Map() }));
		return t;
	});
}

const SPECIAL = /[\\"]/;

/** A PostgreSQL array literal of strings (each element quoted, so any character is safe). */
const textArray = (values: readonly string[]) =>
	`{${values.map((v) => `"${SPECIAL.test(v) ? v.replace(/[\\"]/g, '\\$&') : v}"`).join(',')}}`;

/**
 * A counter column as an int[] literal; '{}' when it is 0 in every row (most of a batch's columns: `unnest`
 * pads a shorter array with NULLs, read as 0).
 */
function intArray(rows: readonly Row[], c: number): string {
	const parts = new Array<string | number>(rows.length);
	let any = false;
	for (let i = 0; i < rows.length; i++) {
		const v = rows[i].values[c];
		if (v !== 0) any = true;
		parts[i] = v === 0 ? '0' : v;
	}
	return any ? `{${parts.join(',')}}` : '{}';
}

/** Adds the rows' counters to the table: one array parameter per column, inserted or added to on conflict. */
function upsert(database: Database, tx: Db, table: Table, rows: readonly Row[]) {
	const keys = [['unit', 'text'] as const, ...table.keys];
	const params: SQL[] = [
		...keys.map(([, type], k) => sql`${textArray(rows.map((r) => r.keys[k]))}::${sql.raw(type)}[]`),
		...table.counters.map((_, c) => sql`${intArray(rows, c)}::int[]`)
	];
	const keyList = keys.map(([name]) => name).join(', ');
	const counters = table.counters.join(', ');
	const values = table.counters.map((c) => `coalesce(${c}, 0)`).join(', ');
	const sets = table.counters.map((c) => `${c} = ${table.name}.${c} + excluded.${c}`).join(', ');
	return database.rows(
		sql`insert into ${sql.raw(table.name)} (${sql.raw(keyList)}, ${sql.raw(counters)})
			select ${sql.raw(keyList)}, ${sql.raw(values)}
			from unnest(${sql.join(params, sql`, `)}) as x(${sql.raw(keyList)}, ${sql.raw(counters)})
			on conflict (${sql.raw(keyList)}) do update set ${sql.raw(sets)}`,
		tx
	);
}

const dayKeys = (day: string) => bucketsOf(day).map((b) => [b.grain, b.day]);
const hourKeys = (hour: string) => [[hour]];

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
	// Hour and breakdown rows for the ancestors only (hours.ts, breakdown-counters.ts): a unit's own dossiers
	// are read for its own.
	const writes: [Table, Row[]][] = [
		[ROLLUPS, fold(ROLLUPS, dayEntries, ancestors, dayKeys)],
		[HOURS, fold(HOURS, hourEntries, ancestors, hourKeys, true)],
		[BREAKDOWN, fold(BREAKDOWN, breakdownEntries, ancestors, dayKeys, true, byFieldAndProcedure)]
	];
	await Promise.all(
		writes.map(([table, rows]) => rows.length > 0 && upsert(database, tx, table, rows))
	);
}
