/**
 * The II.06a figures of a unit's subtree broken down by field (lĩnh vực) or by
 * procedure, straight from the dossiers projection, with the SAME definitions
 * as docs/domain.md#figures (and so as the rollups and summary()):
 * - received new: received (with a channel) on a local day of the period;
 * - carried over: open at the start of the period (received before it, not
 *   finished before it) — exactly openAt();
 * - resolved: resolved on a local day of the period, by outcome;
 * - pending: open at the end ("end" = end of `to`, or now), overdue when the
 *   first dueAt is before the end;
 * - withdrawn: withdrawn on a local day of the period.
 * By construction the rows add up to the summary of the same unit and period.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDayStart } from '../../domain/calendar/days.ts';
import { periodOf } from '../../domain/figures/period.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import type { FormFigures } from '../../domain/report/columns.ts';
import type { BreakdownRow } from '../../types/views.ts';
import { inSubtree } from './subtree.ts';

export type BreakdownKey = 'field' | 'procedure';
export type { BreakdownRow };

type Raw = {
	key: string;
	name: string | null;
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

/** Rows by field and by procedure (keyed by code, '' when the dossier has none), each sorted by code: one scan for both. */
export async function breakdowns(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date
): Promise<Record<BreakdownKey, BreakdownRow[]>> {
	const p = periodOf(from, to, now);
	const start = p.start.toISOString();
	const endOfTo = localDayStart(addDays(to, 1)).toISOString();
	const end = p.end.toISOString();
	const inPeriod = (col: string) =>
		sql`${sql.raw(col)} >= ${start}::timestamptz and ${sql.raw(col)} < ${endOfTo}::timestamptz`;
	const openAt = (t: string) =>
		sql`d.received_at is not null and tstzrange(d.received_at, greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)), '(]') @> ${t}::timestamptz`;
	// Period counters count a dossier only once its receipt (with a channel) is known, as the rollups do.
	const counted = sql`d.received and d.channel is not null`;
	const isNew = sql`${counted} and ${inPeriod('d.received_at')}`;
	const resolvedIn = sql`${counted} and d.status = 'resolved' and d.outcome is not null and ${inPeriod('d.resolved_at')}`;
	const rows = await jsonRows<Raw & { dim: BreakdownKey }>(
		database,
		sql`select jsonb_build_object(
				'dim', case when grouping(x.f) = 0 then 'field' else 'procedure' end,
				'key', coalesce(x.f, x.p), 'name', case when grouping(x.f) = 0 then max(x.fname) else max(x.pname) end,
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
				select coalesce(d.field, '') as f, coalesce(d.procedure, '') as p, d.field_name as fname, d.procedure_name as pname,
					d.channel, d.online_level, d.outcome, d.first_due_at,
					${isNew} as is_new, ${openAt(start)} as carried, ${resolvedIn} as resolved_in, ${openAt(end)} as pending,
					${counted} and d.status = 'withdrawn' and d.finished_at is not null and ${inPeriod('d.finished_at')} as withdrawn
				from dossiers d
				where ${inSubtree(sql`d.unit`, unit)}
					and d.received_at is not null
					-- only a cheap pre-filter: every counted dossier passes it
					and (d.finished_at is null or d.finished_at >= ${start}::timestamptz or d.resolved_at >= ${start}::timestamptz
						or d.received_at >= ${start}::timestamptz)
			) x
			group by grouping sets ((x.f), (x.p))`
	);
	const out: Record<BreakdownKey, BreakdownRow[]> = { field: [], procedure: [] };
	for (const r of rows) {
		const row = toRow(r);
		if (row) out[r.dim].push(row);
	}
	for (const list of Object.values(out))
		list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
function toRow(r: Raw): BreakdownRow | null {
	const num = (k: keyof Raw) => Number(r[k]);
	const rNew = num('n');
	const early = num('early');
	const onTime = num('on_time');
	const overdue = num('overdue');
	const pending = num('pending');
	const pendingOverdue = num('pending_overdue');
	const row = {
		key: r.key,
		name: r.name ?? r.key,
		received: {
			total: rNew + num('carried'),
			new: rNew,
			carriedOver: num('carried'),
			direct: num('direct'),
			online: num('online'),
			postal: num('postal'),
			onlineFull: num('online_full')
		},
		resolved: { total: early + onTime + overdue, early, onTime, overdue },
		pending: { total: pending, withinDeadline: pending - pendingOverdue, overdue: pendingOverdue },
		withdrawn: num('withdrawn')
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
