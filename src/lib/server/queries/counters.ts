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
import { hourCeil } from '../../domain/figures/hours.ts';
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
 * subtree). The open count: from the dossiers received or finished after t.
 * The overdue count of the dossiers below the root: from B — the first hour
 * boundary at or after t — to `end`, the hour rows taken back off
 * (domain/figures/hours.ts), and from t to B the dossiers that can differ;
 * of the root's own dossiers (no hour rows): those that can differ from t to
 * `end`. The dossiers come in four disjoint parts, so that none is read twice
 * and each is one index range:
 * - received in [t, end) — at the real "now", none yet;
 * - otherwise finished from t on — none yet either;
 * - otherwise pending, received before t, with the first appointment in
 *   [t, B): open at both instants and overdue only later, so each counts −1
 *   overdue (the appointments falling due in the rest of the current hour);
 * - the same with the first appointment in [B, end), of the roots' own
 *   dossiers (a handful each, by the unit's own index range).
 * The first two hold every dossier with a receipt or finish in [t, end), all
 * four every one with an instant in [t, B), or of a root's own in [t, end)
 * (any other adds 0 to the sums).
 *
 * Besides, `dueSoon`: the dossiers open at t whose first appointment lies in
 * [t, end) — those that turn overdue by midnight unless finished. It is
 * openOverdue(end) − openOverdue(t) + Σ ([open at t] − [open at end]) over
 * the dossiers with an appointment before `end`, and the dossiers whose
 * openness differs are the first two parts.
 */
export type LaterToday = OpenCounts & { dueSoon: number };

export async function laterTodayByRoot(
	database: Database,
	roots: readonly string[],
	depth: number,
	t: Date,
	end: Date,
	/** Only the dossiers with more than one supplement request (the scoreboard's mopen/mdue counters). */
	onlyManySupplements = false
): Promise<Map<string, LaterToday>> {
	const result = new Map(roots.map((r) => [r, { total: 0, overdue: 0, dueSoon: 0 }]));
	if (roots.length === 0) return result;
	if (!Number.isInteger(depth) || depth < 0)
		throw new RangeError(`depth must be a whole number, got ${depth}`);
	const b = hourCeil(t);
	if (b > end)
		throw new RangeError('the end of the day must be an hour boundary after the instant');
	const [hours, rest] = await Promise.all([
		dueInHours(database, roots, b, end, onlyManySupplements),
		laterDossiers(database, roots, depth, t, b, end, onlyManySupplements)
	]);
	for (const [root, r] of result) {
		const d = rest.get(root);
		r.total = d?.total ?? 0;
		r.overdue = (d?.overdue ?? 0) - (hours.get(root) ?? 0);
		r.dueSoon = (d?.soon ?? 0) - r.overdue;
	}
	return result;
}

/** Per root, what the hours [from, to) add to the overdue count of the dossiers below it (a few dozen rows a root). */
async function dueInHours(
	database: Database,
	roots: readonly string[],
	from: Date,
	to: Date,
	many: boolean
): Promise<Map<string, number>> {
	if (from.getTime() === to.getTime()) return new Map();
	const m = many ? 'm' : '';
	const rows = await jsonRows<{ unit: string; n: number }>(
		database,
		sql`select jsonb_build_object('unit', unit, 'n', sum(${sql.raw(`${m}due_in - ${m}due_out`)})) as j
			from hour_rollups
			where unit = ${anyOf(roots)} and hour >= ${from.toISOString()}::timestamptz and hour < ${to.toISOString()}::timestamptz
			group by unit`
	);
	return new Map(rows.map((r) => [r.unit, Number(r.n)]));
}

/**
 * Per root, open(t) − open(end), and openOverdue(t) − openOverdue(b) of the dossiers below it plus
 * openOverdue(t) − openOverdue(end) of its own, from the dossiers (see above).
 */
async function laterDossiers(
	database: Database,
	roots: readonly string[],
	depth: number,
	t: Date,
	b: Date,
	end: Date,
	onlyManySupplements: boolean
): Promise<Map<string, OpenCounts & { soon: number }>> {
	const ts = t.toISOString();
	const bs = b.toISOString();
	const es = end.toISOString();
	// Written into the statement (not a parameter): the grouping expression must be the selected one.
	const root = sql.raw(`u.ancestors[${depth + 1}]`);
	const open = (x: string) =>
		sql`(d.received_at < ${x}::timestamptz and greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)) >= ${x}::timestamptz)`;
	const overdue = (x: string) => sql`(${open(x)} and d.first_due_at < ${x}::timestamptz)`;
	const exact = sql`sum(${open(ts)}::int - ${open(es)}::int) as total,
		sum(${overdue(ts)}::int - ${overdue(bs)}::int) as below, sum(${overdue(ts)}::int - ${overdue(es)}::int) as own,
		sum((${open(ts)}::int - ${open(es)}::int) * (d.first_due_at < ${es}::timestamptz)::int) as soon`;
	const receivedLater = sql`d.received_at >= ${ts}::timestamptz and d.received_at < ${es}::timestamptz`;
	const supplements = onlyManySupplements ? sql`and d.supplements > 1` : sql``;
	const pendingDue = (from: string, to: string) =>
		sql`d.status = 'pending' and d.received and d.first_due_at >= ${from}::timestamptz
			and d.first_due_at < ${to}::timestamptz and d.received_at < ${ts}::timestamptz ${supplements}`;
	// Each part's dossiers come from its own range first (materialized): without statistics the
	// planner otherwise walks every unit of the subtree through the unit index and intersects.
	const rows = await jsonRows<{ root: string; total: number; overdue: number; soon: number }>(
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
				select d.unit, 0 as total, -count(*) as below, -count(*) as own, 0 as soon from dossiers d
				where ${pendingDue(ts, bs)}
				group by d.unit
			), own_due as materialized (
				select d.unit, 0 as total, 0 as below, -count(*) as own, 0 as soon from dossiers d
				where d.unit = ${anyOf(roots)} and ${pendingDue(bs, es)}
				group by d.unit
			)
			select jsonb_build_object('root', ${root}, 'total', sum(p.total), 'soon', coalesce(sum(p.soon), 0),
				'overdue', sum(case when p.unit = ${root} then p.own else p.below end)) as j
			from (select * from later union all select * from finished union all select * from due
				union all select * from own_due) p
				join units u on u.code = p.unit
			where ${root} = ${anyOf(roots)}
			group by ${root}`
	);
	return new Map(
		rows.map((r) => [
			r.root,
			{ total: Number(r.total), overdue: Number(r.overdue), soon: Number(r.soon) }
		])
	);
}
