/**
 * The report's breakdown by (field, procedure) of the dossiers BELOW a unit — those of its subtree other
 * than its own — from the breakdown rollups (domain/figures/breakdown-counters.ts): the period's counters,
 * what was open at the end of the day before it, what is open at its end. For a period that runs until now,
 * `restOfTodayByKey` gives how now differs from the end of today, from the dossiers with an instant in the
 * rest of today only (the identity of domain/figures/open-counts.ts, per key).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	BREAKDOWN_COUNTERS,
	type BreakdownCounter
} from '../../domain/figures/breakdown-counters.ts';
import { prefixSpans, spansOf, type Span } from '../../domain/figures/grains.ts';
import { openFromPrefix, type OpenCounts } from '../../domain/figures/open-counts.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { inSubtree } from './subtree.ts';

export type KeyCounters = Record<BreakdownCounter, number>;
export type KeyFigures = { period: KeyCounters; carried: OpenCounts; end: OpenCounts };

const zero = (): KeyCounters =>
	Object.fromEntries(BREAKDOWN_COUNTERS.map((c) => [c, 0])) as KeyCounters;

const SEP = '\u0001';

/** "field\u0001procedure": the key both maps below use. */
export const keyOf = (field: string, procedure: string) => `${field}${SEP}${procedure}`;

export function splitKey(key: string): { field: string; procedure: string } {
	const [field, procedure] = key.split(SEP);
	return { field, procedure };
}

/** Per (field, procedure) key of the dossiers below `unit`: the period's counters and the two open counts. */
export async function breakdownCountersBelow(
	database: Database,
	unit: string,
	from: string,
	to: string,
	carriedDay: string,
	endDay: string
): Promise<Map<string, KeyFigures>> {
	const parts: Record<string, Span[]> = {
		p: spansOf(from, to),
		s: prefixSpans(carriedDay),
		e: prefixSpans(endDay)
	};
	const cols = BREAKDOWN_COUNTERS.join(', ');
	const branches: SQL[] = [];
	for (const [part, spans] of Object.entries(parts))
		for (const s of spans)
			branches.push(sql`select field, procedure, ${part}::text as part, ${sql.raw(cols)} from breakdown_rollups
				where unit = ${unit} and grain = ${s.grain} and day between ${s.from}::date and ${s.to}::date`);
	const out = new Map<string, KeyFigures>();
	if (branches.length === 0) return out;
	// One JSON array a group — [field, procedure, part, sum…] in BREAKDOWN_COUNTERS order — all in one value.
	const [rows] = await jsonRows<[string, string, string, ...number[]][] | null>(
		database,
		sql`select coalesce(json_agg(g), '[]'::json) as j from (
				select json_build_array(field, procedure, part, ${sql.raw(BREAKDOWN_COUNTERS.map((c) => `sum(${c})`).join(', '))}) as g
				from (${sql.join(branches, sql` union all `)}) r group by field, procedure, part) x`
	);
	const sums = new Map<string, Record<string, KeyCounters>>();
	for (const [field, procedure, part, ...values] of rows ?? []) {
		const key = keyOf(field, procedure);
		let byPart = sums.get(key);
		if (!byPart) sums.set(key, (byPart = { p: zero(), s: zero(), e: zero() }));
		BREAKDOWN_COUNTERS.forEach((c, i) => (byPart[part][c] = Number(values[i] ?? 0)));
	}
	for (const [key, { p, s, e }] of sums)
		out.set(key, { period: p, carried: openFromPrefix(s), end: openFromPrefix(e) });
	return out;
}

/**
 * Per (field, procedure) key of the dossiers below `unit`: open(t) − open(end) and openOverdue(t) −
 * openOverdue(end), `end` the midnight after t. Only dossiers with an instant in [t, end) differ, in three
 * disjoint parts, each one index range (as counters.ts `laterTodayByRoot`): received in [t, end); otherwise
 * finished from t on; otherwise pending, received before t, with the first appointment in [t, end) (open at
 * both instants, overdue only at the end: −1 overdue each).
 */
export async function restOfTodayByKey(
	database: Database,
	unit: string,
	t: Date,
	end: Date
): Promise<Map<string, OpenCounts>> {
	const ts = t.toISOString();
	const es = end.toISOString();
	const open = (x: string) =>
		sql`(d.received_at < ${x}::timestamptz and greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)) >= ${x}::timestamptz)`;
	const overdue = (x: string) => sql`(${open(x)} and d.first_due_at < ${x}::timestamptz)`;
	const exact = sql`sum(${open(ts)}::int - ${open(es)}::int) as total, sum(${overdue(ts)}::int - ${overdue(es)}::int) as overdue`;
	const receivedLater = sql`d.received_at >= ${ts}::timestamptz and d.received_at < ${es}::timestamptz`;
	const keys = sql`d.unit, coalesce(d.field, '') as field, coalesce(d.procedure, '') as procedure`;
	const rows = await jsonRows<{ field: string; procedure: string; total: number; overdue: number }>(
		database,
		sql`with later as materialized (
				select ${keys}, ${exact} from dossiers d
				where ${receivedLater} and d.received
				group by 1, 2, 3
			), finished as materialized (
				select ${keys}, ${exact} from dossiers d
				where d.finished_at >= ${ts}::timestamptz and d.finished_at < 'infinity'::timestamptz
					and not (${receivedLater}) and d.received
				group by 1, 2, 3
			), due as materialized (
				select ${keys}, 0 as total, -count(*) as overdue from dossiers d
				where d.status = 'pending' and d.received and d.first_due_at >= ${ts}::timestamptz
					and d.first_due_at < ${es}::timestamptz and d.received_at < ${ts}::timestamptz
				group by 1, 2, 3
			)
			select jsonb_build_object('field', p.field, 'procedure', p.procedure, 'total', sum(p.total),
				'overdue', sum(p.overdue)) as j
			from (select * from later union all select * from finished union all select * from due) p
			where ${inSubtree(sql`p.unit`, unit)} and p.unit <> ${unit}
			group by p.field, p.procedure`
	);
	return new Map(
		rows.map((r) => [
			keyOf(r.field, r.procedure),
			{ total: Number(r.total), overdue: Number(r.overdue) }
		])
	);
}

/** The breakdown's names: code → name, for fields ('f') and procedures ('p'). */
export async function breakdownNames(
	database: Database
): Promise<{ f: Map<string, string>; p: Map<string, string> }> {
	const rows = await jsonRows<{ kind: 'f' | 'p'; code: string; name: string }>(
		database,
		sql`select jsonb_build_object('kind', kind, 'code', code, 'name', name) as j from breakdown_names`
	);
	const out = { f: new Map<string, string>(), p: new Map<string, string>() };
	for (const r of rows) out[r.kind]?.set(r.code, r.name);
	return out;
}
