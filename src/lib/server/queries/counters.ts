/**
 * Sums of rollup counters — over a period, and as running totals up to a day
 * for the point-in-time figures (domain/figures/open-counts.ts) — for one unit
 * or many, read at the coarsest grain that fits (domain/figures/grains.ts):
 * a year is one row per unit, any running total a few dozen. Each span is its
 * own branch (unit, grain, day range on the primary key), so the plan never
 * depends on the table's statistics.
 */
import { sql, type SQL } from 'drizzle-orm';
import { COUNTERS, type Counter } from '../../domain/figures/counter-names.ts';
import { emptyCounters, type Counters } from '../../domain/figures/counters.ts';
import { prefixSpans, spansOf, type Span } from '../../domain/figures/grains.ts';
import { openFromPrefix, type OpenCounts } from '../../domain/figures/open-counts.ts';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';

const OPEN_COUNTERS = [
	'open_in',
	'open_out',
	'due_in',
	'due_out'
] as const satisfies readonly Counter[];

/** What to sum: a name → the spans of rows and the counters wanted. */
type Parts = Record<string, { spans: Span[]; counters: readonly Counter[] }>;

/** Per unit, per part: the counter sums (zero where no row). */
async function sums(
	database: Database,
	units: readonly string[],
	parts: Parts
): Promise<Map<string, Record<string, Counters>>> {
	const empty = () =>
		Object.fromEntries(Object.keys(parts).map((p) => [p, emptyCounters()])) as Record<
			string,
			Counters
		>;
	const result = new Map(units.map((u) => [u, empty()]));
	const branches: SQL[] = [];
	const wanted = new Set<Counter>(Object.values(parts).flatMap((p) => p.counters));
	// Every branch selects the same columns (those any part wants), in COUNTERS order.
	const every = COUNTERS.filter((c) => wanted.has(c));
	for (const [part, { spans }] of Object.entries(parts)) {
		for (const s of spans) {
			branches.push(sql`select unit, ${part}::text as part, ${sql.raw(every.join(', '))} from rollups
				where unit = ${anyOf(units)} and grain = ${s.grain} and day between ${s.from}::date and ${s.to}::date`);
		}
	}
	if (units.length === 0 || branches.length === 0) return result;
	// One JSON array a group — [unit, part, sum…] in the order of `every` — all in one value: thousands of
	// units (a two-level province) come back as one row, built and parsed as plain JSON, not as objects.
	const [rows] = await jsonRows<[string, string, ...number[]][] | null>(
		database,
		sql`select coalesce(json_agg(g), '[]'::json) as j from (
				select json_build_array(unit, part, ${sql.raw(every.map((c) => `sum(${c})`).join(', '))}) as g
				from (${sql.join(branches, sql` union all `)}) r group by unit, part) x`
	);
	for (const [unit, part, ...values] of rows ?? []) {
		const into = result.get(unit)?.[part];
		if (into) every.forEach((c, i) => (into[c] = Number(values[i] ?? 0)));
	}
	return result;
}

export async function periodCounters(
	database: Database,
	unit: string,
	from: string,
	to: string
): Promise<Counters> {
	return (await periodCountersByUnit(database, [unit], from, to)).get(unit)!;
}

/** Per unit, the period's counters (only `counters` are summed; the others stay 0). */
export async function periodCountersByUnit(
	database: Database,
	units: string[],
	from: string,
	to: string,
	counters: readonly Counter[] = COUNTERS
): Promise<Map<string, Counters>> {
	const r = await sums(database, units, { p: { spans: spansOf(from, to), counters } });
	return new Map([...r].map(([u, parts]) => [u, parts.p]));
}

/**
 * The period's counters, what was open at the end of `carriedDay` (the day
 * before the period) and at the end of `endDay`, for each unit's subtree.
 */
export async function figureCountersByUnit(
	database: Database,
	units: string[],
	from: string,
	to: string,
	carriedDay: string,
	endDay: string
): Promise<Map<string, { period: Counters; carried: OpenCounts; end: OpenCounts }>> {
	const r = await sums(database, units, {
		p: { spans: spansOf(from, to), counters: COUNTERS },
		s: { spans: prefixSpans(carriedDay), counters: OPEN_COUNTERS },
		e: { spans: prefixSpans(endDay), counters: OPEN_COUNTERS }
	});
	return new Map(
		[...r].map(([u, parts]) => [
			u,
			{ period: parts.p, carried: openFromPrefix(parts.s), end: openFromPrefix(parts.e) }
		])
	);
}

const MANY_OPEN = [
	'mopen_in',
	'mopen_out',
	'mdue_in',
	'mdue_out'
] as const satisfies readonly Counter[];

/**
 * For the scoreboard (domain/figures/scoreboard.ts): per unit, the dossiers with more than one supplement
 * request resolved early or on time in the period, and those open (and open-overdue) at the end of `endDay`.
 */
export async function manySupplementCountersByUnit(
	database: Database,
	units: string[],
	from: string,
	to: string,
	endDay: string
): Promise<Map<string, { resolvedInTime: number; end: OpenCounts }>> {
	const r = await sums(database, units, {
		p: { spans: spansOf(from, to), counters: ['timely_multi'] },
		e: { spans: prefixSpans(endDay), counters: MANY_OPEN }
	});
	return new Map(
		[...r].map(([u, parts]) => [
			u,
			{
				resolvedInTime: parts.p.timely_multi,
				end: openFromPrefix({
					open_in: parts.e.mopen_in,
					open_out: parts.e.mopen_out,
					due_in: parts.e.mdue_in,
					due_out: parts.e.mdue_out
				})
			}
		])
	);
}

/**
 * The rest of today: how the counts at instant `t` differ from those at the
 * end of its day `end`, for each of `roots` (units of one depth, each for its
 * subtree) — from the only dossiers that can differ (open-counts.ts
 * `laterToday`), in three disjoint parts so that none is read twice and each
 * is one index range:
 * - received in [t, end) — at the real "now", none yet;
 * - otherwise finished from t on — none yet either;
 * - otherwise pending, received before t, with the first appointment in
 *   [t, end): open at both instants and overdue only at `end`, so each counts
 *   −1 overdue and the part is a plain count — the only one that grows with
 *   the province (the appointments falling due later today).
 */
export async function laterTodayByRoot(
	database: Database,
	roots: readonly string[],
	depth: number,
	t: Date,
	end: Date,
	/** Only the dossiers with more than one supplement request (the scoreboard's mopen/mdue counters). */
	onlyManySupplements = false
): Promise<Map<string, OpenCounts>> {
	const result = new Map(roots.map((r) => [r, { total: 0, overdue: 0 }]));
	if (roots.length === 0) return result;
	const ts = t.toISOString();
	const es = end.toISOString();
	if (!Number.isInteger(depth) || depth < 0)
		throw new RangeError(`depth must be a whole number, got ${depth}`);
	// Written into the statement (not a parameter): the grouping expression must be the selected one.
	const root = sql.raw(`u.ancestors[${depth + 1}]`);
	const open = (x: string) =>
		sql`(d.received_at < ${x}::timestamptz and greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)) >= ${x}::timestamptz)`;
	const overdue = (x: string) => sql`(${open(x)} and d.first_due_at < ${x}::timestamptz)`;
	const exact = sql`sum(${open(ts)}::int - ${open(es)}::int) as total, sum(${overdue(ts)}::int - ${overdue(es)}::int) as overdue`;
	const receivedLater = sql`d.received_at >= ${ts}::timestamptz and d.received_at < ${es}::timestamptz`;
	const supplements = onlyManySupplements ? sql`and d.supplements > 1` : sql``;
	// Each part's dossiers come from its own time range first (materialized): without statistics the
	// planner otherwise walks every unit of the subtree through the unit index and intersects.
	const rows = await jsonRows<{ root: string; total: number; overdue: number }>(
		database,
		sql`with later as materialized (
				select d.unit, ${exact} from dossiers d
				where ${receivedLater} and d.received ${supplements}
				group by d.unit
			), finished as materialized (
				select d.unit, ${exact} from dossiers d
				where d.finished_at >= ${ts}::timestamptz and d.finished_at < 'infinity'::timestamptz
					and not (${receivedLater}) and d.received ${supplements}
				group by d.unit
			), due as materialized (
				select d.unit, 0 as total, -count(*) as overdue from dossiers d
				where d.status = 'pending' and d.received
					and d.first_due_at >= ${ts}::timestamptz and d.first_due_at < ${es}::timestamptz
					and d.received_at < ${ts}::timestamptz ${supplements}
				group by d.unit
			)
			select jsonb_build_object('root', ${root}, 'total', sum(p.total), 'overdue', sum(p.overdue)) as j
			from (select * from later union all select * from finished union all select * from due) p
				join units u on u.code = p.unit
			where ${root} = ${anyOf(roots)}
			group by ${root}`
	);
	for (const r of rows) result.set(r.root, { total: Number(r.total), overdue: Number(r.overdue) });
	return result;
}
