/**
 * The II.06a figures of a unit's subtree broken down by field (lĩnh vực) or by
 * procedure, with the SAME definitions as docs/domain.md#figures (and so as the
 * rollups and summary()):
 * - received new: received on a local day of the period, by channel;
 * - carried over: open at the start of the period (received before it, not
 *   finished before it);
 * - resolved: resolved on a local day of the period, by outcome;
 * - pending: open at the end ("end" = end of `to`, or now), overdue when the
 *   first dueAt is before the end;
 * - withdrawn: withdrawn on a local day of the period.
 * The dossiers below the unit come from the breakdown rollups (breakdown-counters.ts, whatever the size of
 * the subtree: a few hundred counter rows), plus, for a period running until now, those with an instant in
 * the rest of today; the unit's own dossiers (no rollup rows of their own) from its own index range. By
 * construction the rows add up to the summary of the same unit and period.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDay, localDayStart } from '../../domain/calendar/days.ts';
import { periodOf } from '../../domain/figures/period.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import type { FormFigures } from '../../domain/report/columns.ts';
import type { BreakdownRow } from '../../types/views.ts';
import {
	breakdownCountersBelow,
	breakdownNames,
	keyOf,
	restOfTodayByKey,
	splitKey
} from './breakdown-counters.ts';

export type BreakdownKey = 'field' | 'procedure';
export type { BreakdownRow };

type Raw = {
	n: number;
	direct: number;
	online: number;
	postal: number;
	online_full: number;
	carried: number;
	early: number;
	on_time: number;
	overdue: number;
	pending: number;
	pending_overdue: number;
	withdrawn: number;
};
const RAW_KEYS: readonly (keyof Raw)[] = [
	'n',
	'direct',
	'online',
	'postal',
	'online_full',
	'carried',
	'early',
	'on_time',
	'overdue',
	'pending',
	'pending_overdue',
	'withdrawn'
];
const emptyRaw = (): Raw => Object.fromEntries(RAW_KEYS.map((k) => [k, 0])) as Raw;

/** Adds figures to a key's row of the map (a row of zeros first when it has none). */
function addRaw(into: Map<string, Raw>, key: string, figures: Partial<Raw>): void {
	let r = into.get(key);
	if (!r) into.set(key, (r = emptyRaw()));
	for (const k of RAW_KEYS) r[k] += Number(figures[k] ?? 0);
}

/** The unit's own dossiers (not those below it), by (field, procedure), straight from the projection. */
async function ownRows(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date
): Promise<Map<string, Raw>> {
	const p = periodOf(from, to, now);
	const start = p.start.toISOString();
	const endOfTo = localDayStart(addDays(to, 1)).toISOString();
	const end = p.end.toISOString();
	// Before this instant, a finished dossier counts in no figure: the start, or the end when it comes first (a
	// period starting after now).
	const since = (p.end < p.start ? p.end : p.start).toISOString();
	const inPeriod = (col: string) =>
		sql`${sql.raw(col)} >= ${start}::timestamptz and ${sql.raw(col)} < ${endOfTo}::timestamptz`;
	const openAt = (t: string) =>
		sql`d.received_at < ${t}::timestamptz and greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)) >= ${t}::timestamptz`;
	// Every figure counts a dossier only once its receipt (with a channel) is known, as the rollups do.
	const counted = sql`d.received and d.channel is not null and d.received_at is not null`;
	const isNew = inPeriod('d.received_at');
	const resolvedIn = sql`d.status = 'resolved' and d.outcome is not null and ${inPeriod('d.resolved_at')}`;
	const rows = await jsonRows<Raw & { f: string; p: string }>(
		database,
		sql`select jsonb_build_object('f', x.f, 'p', x.p,
				'n', count(*) filter (where x.is_new),
				'direct', count(*) filter (where x.is_new and x.channel = 'direct'),
				'online', count(*) filter (where x.is_new and x.channel = 'online'),
				'postal', count(*) filter (where x.is_new and x.channel = 'postal'),
				'online_full', count(*) filter (where x.is_new and x.channel = 'online' and x.online_level = 'full'),
				'carried', count(*) filter (where x.carried),
				'early', count(*) filter (where x.resolved_in and x.outcome = 'early'),
				'on_time', count(*) filter (where x.resolved_in and x.outcome = 'on_time'),
				'overdue', count(*) filter (where x.resolved_in and x.outcome = 'overdue'),
				'pending', count(*) filter (where x.pending),
				'pending_overdue', count(*) filter (where x.pending and x.first_due_at < ${end}::timestamptz),
				'withdrawn', count(*) filter (where x.withdrawn)
			) as j
			from (
				select coalesce(d.field, '') as f, coalesce(d.procedure, '') as p,
					d.channel, d.online_level, d.outcome, d.first_due_at,
					${isNew} as is_new, ${openAt(start)} as carried, ${resolvedIn} as resolved_in, ${openAt(end)} as pending,
					d.status = 'withdrawn' and d.finished_at is not null and ${inPeriod('d.finished_at')} as withdrawn
				from dossiers d
				where d.unit = ${unit} and ${counted}
					-- only a cheap pre-filter: every counted dossier passes it
					and (d.finished_at is null or d.finished_at >= ${since}::timestamptz or d.resolved_at >= ${since}::timestamptz
						or d.received_at >= ${since}::timestamptz)
			) x
			group by x.f, x.p`
	);
	return new Map(rows.map(({ f, p, ...r }) => [keyOf(f, p), r]));
}

/** Rows by field and by procedure (keyed by code, '' when the dossier has none), each sorted by code. */
export async function breakdowns(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date
): Promise<Record<BreakdownKey, BreakdownRow[]>> {
	const p = periodOf(from, to, now);
	const endsNow = p.end.getTime() === now.getTime();
	const today = localDay(now);
	const [below, own, rest, names] = await Promise.all([
		breakdownCountersBelow(database, unit, from, to, addDays(from, -1), endsNow ? today : to),
		ownRows(database, unit, from, to, now),
		endsNow
			? restOfTodayByKey(database, unit, now, localDayStart(addDays(today, 1)))
			: Promise.resolve(new Map()),
		breakdownNames(database)
	]);
	// Every (field, procedure) key's figures: the counters below, the rest of today, the own dossiers.
	const byKey = new Map<string, Raw>();
	for (const [key, c] of below)
		addRaw(byKey, key, {
			n: c.period.received,
			direct: c.period.direct,
			online: c.period.online,
			postal: c.period.postal,
			online_full: c.period.online_full,
			carried: c.carried.total,
			early: c.period.early,
			on_time: c.period.on_time,
			overdue: c.period.overdue,
			pending: c.end.total,
			pending_overdue: c.end.overdue,
			withdrawn: c.period.withdrawn
		});
	for (const [key, c] of rest) addRaw(byKey, key, { pending: c.total, pending_overdue: c.overdue });
	for (const [key, o] of own) addRaw(byKey, key, o);
	// Summed by field, and by procedure.
	const grouped: Record<BreakdownKey, Map<string, Raw>> = {
		field: new Map(),
		procedure: new Map()
	};
	for (const [key, r] of byKey) {
		const { field, procedure } = splitKey(key);
		addRaw(grouped.field, field, r);
		addRaw(grouped.procedure, procedure, r);
	}
	const out: Record<BreakdownKey, BreakdownRow[]> = { field: [], procedure: [] };
	for (const dim of ['field', 'procedure'] as const) {
		const nameOf = names[dim === 'field' ? 'f' : 'p'];
		for (const [code, r] of grouped[dim]) {
			const row = toRow(code, nameOf.get(code) ?? code, r);
			if (row) out[dim].push(row);
		}
		out[dim].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	}
	return out;
}

/** Rows keyed by field or procedure code ('' when the dossier has none), sorted by code. */
export async function breakdown(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date,
	by: BreakdownKey
): Promise<BreakdownRow[]> {
	return (await breakdowns(database, unit, from, to, now))[by];
}

/** One group's figures, or null when it has nothing in the period. */
function toRow(key: string, name: string, r: Raw): BreakdownRow | null {
	const { early, on_time: onTime, overdue, pending, pending_overdue: pendingOverdue } = r;
	const row = {
		key,
		name,
		received: {
			total: r.n + r.carried,
			new: r.n,
			carriedOver: r.carried,
			direct: r.direct,
			online: r.online,
			postal: r.postal,
			onlineFull: r.online_full
		},
		resolved: { total: early + onTime + overdue, early, onTime, overdue },
		pending: { total: pending, withinDeadline: pending - pendingOverdue, overdue: pendingOverdue },
		withdrawn: r.withdrawn
	};
	return row.received.total + row.resolved.total + row.pending.total + row.withdrawn > 0
		? row
		: null;
}

/** The `limit` procedures that received the most new dossiers in the period (ties by code), from breakdown rows. */
export function topOf(rows: readonly BreakdownRow[], limit = 10): BreakdownRow[] {
	return rows
		.filter((r) => r.received.new > 0)
		.sort((a, b) => b.received.new - a.received.new || a.key.localeCompare(b.key))
		.slice(0, limit);
}

export async function topProcedures(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date,
	limit = 10
): Promise<BreakdownRow[]> {
	return topOf(await breakdown(database, unit, from, to, now, 'procedure'), limit);
}

/** Sum of breakdown rows, with the shape of one row's figures. */
export function sumRows(rows: readonly FormFigures[]): FormFigures {
	const z: FormFigures = {
		received: { total: 0, new: 0, carriedOver: 0, direct: 0, online: 0, postal: 0, onlineFull: 0 },
		resolved: { total: 0, early: 0, onTime: 0, overdue: 0 },
		pending: { total: 0, withinDeadline: 0, overdue: 0 },
		withdrawn: 0
	};
	for (const r of rows) {
		for (const k of Object.keys(z.received) as (keyof FormFigures['received'])[])
			z.received[k] += r.received[k];
		for (const k of Object.keys(z.resolved) as (keyof FormFigures['resolved'])[])
			z.resolved[k] += r.resolved[k];
		for (const k of Object.keys(z.pending) as (keyof FormFigures['pending'])[])
			z.pending[k] += r.pending[k];
		z.withdrawn += r.withdrawn;
	}
	return z;
}
