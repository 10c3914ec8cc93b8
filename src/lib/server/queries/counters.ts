/** Sums of rollup counters over a period, for one unit or grouped by unit. */
import { sql } from 'drizzle-orm';
import { COUNTERS } from '../../domain/figures/counter-names.ts';
import { emptyCounters, type Counters } from '../../domain/figures/counters.ts';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';

const SUMS = sql.raw(`jsonb_build_object(${COUNTERS.map((c) => `'${c}', coalesce(sum(${c}), 0)`).join(', ')})`);

function toCounters(raw: Record<string, number> | undefined): Counters {
	const c = emptyCounters();
	if (raw) for (const k of COUNTERS) c[k] = Number(raw[k] ?? 0);
	return c;
}

export async function periodCounters(database: Database, unit: string, from: string, to: string): Promise<Counters> {
	const rows = await jsonRows<Record<string, number>>(
		database,
		sql`select ${SUMS} as j from rollups where unit = ${unit} and day between ${from}::date and ${to}::date`
	);
	return toCounters(rows[0]);
}

export async function periodCountersByUnit(
	database: Database,
	units: string[],
	from: string,
	to: string
): Promise<Map<string, Counters>> {
	const result = new Map(units.map((u) => [u, emptyCounters()]));
	if (units.length === 0) return result;
	const rows = await jsonRows<{ unit: string; c: Record<string, number> }>(
		database,
		sql`select jsonb_build_object('unit', unit, 'c', ${SUMS}) as j from rollups
			where unit = ${anyOf(units)} and day between ${from}::date and ${to}::date group by unit`
	);
	for (const r of rows) result.set(r.unit, toCounters(r.c));
	return result;
}

/** Dossiers of the subtree open at `instant` (received before it, not finished before it), and how many of those were past their first dueAt. */
export async function openAt(database: Database, unit: string, instant: Date): Promise<{ total: number; overdue: number }> {
	const t = instant.toISOString();
	const rows = await jsonRows<{ total: number; overdue: number }>(
		database,
		sql`select jsonb_build_object('total', count(*), 'overdue', count(*) filter (where d.first_due_at < ${t}::timestamptz)) as j
			from dossiers d join units u on u.code = d.unit
			where u.ancestors @> array[${unit}]::text[]
				and d.received_at is not null
				and tstzrange(d.received_at, greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)), '(]') @> ${t}::timestamptz`
	);
	return { total: Number(rows[0]?.total ?? 0), overdue: Number(rows[0]?.overdue ?? 0) };
}
