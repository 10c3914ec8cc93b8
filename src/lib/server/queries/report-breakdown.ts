/**
 * The II.06a figures of a unit's subtree broken down by field (lĩnh vực) or by
 * procedure, straight from the dossiers projection, with the SAME definitions
 * as CONTRACT §4 (and so as the rollups and summary()):
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
import type { FormFigures } from './received-resolved.ts';
import { inSubtree } from './subtree.ts';

export type BreakdownKey = 'field' | 'procedure';
export type BreakdownRow = { key: string; name: string } & FormFigures;

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

const COLUMNS = {
	field: { code: sql.raw('d.field'), name: sql.raw('d.field_name') },
	procedure: { code: sql.raw('d.procedure'), name: sql.raw('d.procedure_name') }
} as const;

/** Rows keyed by field or procedure code ('' when the dossier has none), sorted by code. */
export async function breakdown(database: Database, unit: string, from: string, to: string, now: Date, by: BreakdownKey): Promise<BreakdownRow[]> {
	const p = periodOf(from, to, now);
	const start = p.start.toISOString();
	const endOfTo = localDayStart(addDays(to, 1)).toISOString();
	const end = p.end.toISOString();
	const { code, name } = COLUMNS[by];
	const inPeriod = (col: string) => sql`${sql.raw(col)} >= ${start}::timestamptz and ${sql.raw(col)} < ${endOfTo}::timestamptz`;
	const openAt = (t: string) =>
		sql`d.received_at is not null and tstzrange(d.received_at, greatest(d.received_at, coalesce(d.finished_at, 'infinity'::timestamptz)), '(]') @> ${t}::timestamptz`;
	// Period counters count a dossier only once its receipt (with a channel) is known, as the rollups do.
	const counted = sql`d.received and d.channel is not null`;
	const isNew = sql`${counted} and ${inPeriod('d.received_at')}`;
	const resolvedIn = sql`${counted} and d.status = 'resolved' and d.outcome is not null and ${inPeriod('d.resolved_at')}`;
	const rows = await jsonRows<Raw>(
		database,
		sql`select jsonb_build_object(
				'key', coalesce(${code}, ''), 'name', max(${name}),
				'n', count(*) filter (where ${isNew}),
				'direct', count(*) filter (where ${isNew} and d.channel = 'direct'),
				'online', count(*) filter (where ${isNew} and d.channel = 'online'),
				'postal', count(*) filter (where ${isNew} and d.channel = 'postal'),
				'online_full', count(*) filter (where ${isNew} and d.channel = 'online' and d.online_level = 'full'),
				'carried', count(*) filter (where ${openAt(start)}),
				'early', count(*) filter (where ${resolvedIn} and d.outcome = 'early'),
				'on_time', count(*) filter (where ${resolvedIn} and d.outcome = 'on_time'),
				'overdue', count(*) filter (where ${resolvedIn} and d.outcome = 'overdue'),
				'pending', count(*) filter (where ${openAt(end)}),
				'pending_overdue', count(*) filter (where ${openAt(end)} and d.first_due_at < ${end}::timestamptz),
				'withdrawn', count(*) filter (where ${counted} and d.status = 'withdrawn' and d.finished_at is not null and ${inPeriod('d.finished_at')})
			) as j
			from dossiers d
			where ${inSubtree(sql`d.unit`, unit)}
				and d.received_at is not null
				-- only a cheap pre-filter: every counted dossier passes it
				and (d.finished_at is null or d.finished_at >= ${start}::timestamptz or d.resolved_at >= ${start}::timestamptz
					or d.received_at >= ${start}::timestamptz)
			group by coalesce(${code}, '')
			order by coalesce(${code}, '')`
	);
	return rows
		.map((r) => {
			const num = (k: keyof Raw) => Number(r[k]);
			const rNew = num('n');
			const early = num('early');
			const onTime = num('on_time');
			const overdue = num('overdue');
			const pending = num('pending');
			const pendingOverdue = num('pending_overdue');
			return {
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
		})
		.filter((r) => r.received.total + r.resolved.total + r.pending.total + r.withdrawn > 0);
}

/** The `limit` procedures that received the most new dossiers in the period (ties by code). */
export async function topProcedures(database: Database, unit: string, from: string, to: string, now: Date, limit = 10): Promise<BreakdownRow[]> {
	const rows = await breakdown(database, unit, from, to, now, 'procedure');
	return rows
		.filter((r) => r.received.new > 0)
		.sort((a, b) => b.received.new - a.received.new || a.key.localeCompare(b.key))
		.slice(0, limit);
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
		for (const k of Object.keys(z.received) as (keyof FormFigures['received'])[]) z.received[k] += r.received[k];
		for (const k of Object.keys(z.resolved) as (keyof FormFigures['resolved'])[]) z.resolved[k] += r.resolved[k];
		for (const k of Object.keys(z.pending) as (keyof FormFigures['pending'])[]) z.pending[k] += r.pending[k];
		z.withdrawn += r.withdrawn;
	}
	return z;
}
