/**
 * The late dossiers of a report: those resolved overdue in the period (the
 * §4 `resolved.overdue`) and those still pending and overdue at the end of it
 * (the §4 `pending.overdue`), with unit, procedure, received, first due date,
 * working days late and flags; and how many of them carry the anomaly flags
 * phantom_overdue / no_apology / many_supplements (dossiers.flags). The totals
 * are the summary's (resolved.overdue, pending.overdue: the same definitions),
 * and so are most flag counts — the rollup counters of those resolved late
 * without an apology or with many supplement requests, the open-overdue
 * counters of the latter — so they stay exact when the lists are cut at
 * `limit`, and cost a few counter rows whatever the size of the province. The
 * rest are read by narrow index ranges: phantom overdue dossiers (rare, their
 * own index), and those resolved late only after the end (none at "now").
 * The resolved-late list, the most late first, is read in that order from its
 * own index for a subtree with many; for one with few, all of them unit by unit.
 */
import { sql, type SQL } from 'drizzle-orm';
import { addDays, localDay, localDayStart } from '../../domain/calendar/days.ts';
import type { Calendar } from '../../domain/calendar/working-days.ts';
import { periodOf } from '../../domain/figures/period.ts';
import { calendarDaysLate, workingDaysLate } from '../../domain/report/lateness.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import type { FlagCounts, LateItem, LateList, LateReport } from '../../types/views.ts';
import { manySupplementCountersByUnit, periodCountersByUnit } from './counters.ts';
import { inSubtree, subtreeSize, subtreeUnits, UNIT_BY_UNIT } from './subtree.ts';
import { restOfToday, summary } from './summary.ts';
import type { Summary } from '../../domain/figures/summary.ts';
import { getUnit } from './units.ts';

export type { FlagCounts, LateItem, LateList, LateReport };

const ITEM_JSON = sql.raw(`jsonb_build_object(
	'dossier', d.code, 'unit', d.unit, 'unitName', u.name, 'procedure', d.procedure, 'procedureName', d.procedure_name,
	'field', d.field, 'fieldName', d.field_name, 'channel', d.channel, 'receivedAt', d.received_at,
	'firstDueAt', d.first_due_at, 'dueAt', d.due_at, 'resolvedAt', d.resolved_at, 'apologies', d.apologies, 'flags', d.flags)`);

/** The lists' orders: the most late first; the longest overdue first. */
const ORDERS = {
	late: { key: sql`d.resolved_at - d.first_due_at`, desc: true },
	due: { key: sql`d.first_due_at`, desc: false }
} as const;

/** Up to this many dossiers resolved late in the subtree and period, the list reads them all, unit by unit. */
const READ_ALL_LATE = 20_000;

export async function lateDossiers(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date,
	calendar: Calendar,
	{
		limit = 500,
		readAllLate = READ_ALL_LATE,
		summary: known
	}: {
		limit?: number;
		/** Read all resolved-late dossiers unit by unit up to this many (tests try both ways). */
		readAllLate?: number;
		/** The unit's summary for the same period, when the caller reads it anyway (the report page). */
		summary?: Promise<Summary>;
	} = {}
): Promise<LateReport> {
	const p = periodOf(from, to, now);
	const start = p.start.toISOString();
	const endOfTo = localDayStart(addDays(to, 1)).toISOString();
	const end = p.end.toISOString();
	const endsNow = p.end.getTime() === now.getTime();
	const scope = inSubtree(sql`d.unit`, unit);
	const inPeriod = sql`d.resolved_at >= ${start}::timestamptz and d.resolved_at < ${endOfTo}::timestamptz`;
	const lateIn = sql`d.received and d.channel is not null and d.status = 'resolved' and d.outcome = 'overdue' and ${inPeriod}`;
	const resolvedLate = sql`${scope} and ${lateIn}`;
	// Open at the end (received before it, finished at or after it, or never) and past the first appointment, in
	// two disjoint parts, each one index range whatever the statistics: still pending (the pending-due index), or
	// finished only after the end (the finished_at index; at the real "now", none). As one OR, the planner read
	// every dossier of the subtree received before the end (460 ms at 1 M).
	const overdueAtEnd = sql`d.received and d.received_at < ${end}::timestamptz and d.first_due_at < ${end}::timestamptz`;
	const pendingOverdue = sql`${overdueAtEnd} and d.status = 'pending'`;
	const openOverdue = sql`${scope} and ${overdueAtEnd}`;
	const stillOverdue = [
		sql`${scope} and ${pendingOverdue}`,
		sql`${openOverdue} and d.status <> 'pending' and d.finished_at >= ${end}::timestamptz`
	];

	const u = await getUnit(database, unit);
	const counts = u
		? await Promise.all([
				known ?? summary(database, u, from, to, now),
				periodCountersByUnit(database, [u.code], from, to, ['overdue_no_apology', 'overdue_many']),
				manySupplementCountersByUnit(database, [u.code], from, to, endsNow ? localDay(now) : to),
				endsNow ? restOfToday(database, [u], now, true) : Promise.resolve(new Map()),
				// The phantom overdue dossiers (their own index: an anomaly, a few) resolved late in the period or
				// overdue at the end; those resolved late without an apology only after the end (at "now", none).
				jsonRows<{ late: number; open: number; noApology: number }>(
					database,
					sql`select jsonb_build_object(
							'late', (select count(*) from dossiers d where d.flags @> '["phantom_overdue"]'::jsonb
								and d.first_due_at < ${endOfTo}::timestamptz and ${resolvedLate}),
							'open', (select count(*) from (${sql.join(
								stillOverdue.map(
									(where) =>
										sql`select 1 from dossiers d where d.flags @> '["phantom_overdue"]'::jsonb
											and d.first_due_at < ${end}::timestamptz and ${where}`
								),
								sql` union all `
							)}) x),
							'noApology', (select count(*) from dossiers d where d.outcome = 'overdue'
								and d.resolved_at >= ${end}::timestamptz and d.resolved_at < 'infinity'::timestamptz
								and d.status = 'resolved' and d.flags @> '["no_apology"]'::jsonb and ${openOverdue})) as j`
				)
			])
		: null;
	const figures = counts?.[0];
	const period = counts?.[1].get(unit);
	const many = counts?.[2].get(unit);
	const manyNow = counts?.[3].get(unit);
	const flagged = counts?.[4][0];
	const cr = {
		total: figures?.resolved.overdue ?? 0,
		phantom: Number(flagged?.late ?? 0),
		noApology: period?.overdue_no_apology ?? 0,
		many: period?.overdue_many ?? 0
	};
	const co = {
		total: figures?.pending.overdue ?? 0,
		phantom: Number(flagged?.open ?? 0),
		noApology: Number(flagged?.noApology ?? 0),
		many: (many?.end.overdue ?? 0) + (manyNow?.overdue ?? 0)
	};

	// The first `limit` of each part (a relation of dossier rows) in the list's order, then the first `limit` of them all.
	const list = (parts: SQL[], { key, desc }: { key: SQL; desc: boolean }) => {
		const dir = sql.raw(desc ? 'desc' : 'asc');
		const each = parts.map(
			(rows) => sql`(select ${ITEM_JSON} as j, ${key} as k, d.code as c
				from (${rows}) d join units u on u.code = d.unit
				order by ${key} ${dir}, d.code limit ${limit})`
		);
		return jsonRows<Omit<LateItem, 'workingDaysLate' | 'calendarDaysLate'>>(
			database,
			sql`select j from (${sql.join(each, sql` union all `)}) x order by k ${dir}, c limit ${limit}`
		);
	};
	const where = (w: SQL) => sql`select * from dossiers d where ${w}`;
	// Each unit's first `limit` by its own index range (OFFSET 0 / LIMIT keep the LATERAL a loop per unit).
	const byUnit = (w: SQL, order: SQL) =>
		sql`select d.* from ${subtreeUnits(unit)} cross join lateral (
			select * from dossiers d where d.unit = su.code and ${w} order by ${order} limit ${limit}) d`;
	// Resolved late, few: every one of them, unit by unit (the (unit, resolved_at) index). Many: the lateness
	// index in order until `limit` of the subtree's — the scope as a plain filter (IS TRUE), or the planner reads
	// every late dossier of the period through the unit index and sorts them (4.5 s at 10 M).
	const lateList = () =>
		cr.total > readAllLate
			? list([where(sql`(${scope}) is true and ${lateIn}`)], ORDERS.late)
			: list(
					[
						sql`select d.* from ${subtreeUnits(unit)} cross join lateral (
							select * from dossiers d where d.unit = su.code and d.outcome = 'overdue' and ${inPeriod} offset 0) d
							where ${lateIn}`
					],
					ORDERS.late
				);
	// Still pending: unit by unit in a small subtree (the (unit, first_due_at) index), one ordered scan in a big one.
	const openList = async () =>
		list(
			[
				(await subtreeSize(database, unit)) <= UNIT_BY_UNIT
					? byUnit(pendingOverdue, sql`d.first_due_at, d.code`)
					: where(stillOverdue[0]),
				where(stillOverdue[1])
			],
			ORDERS.due
		);
	const [lr, lo] = await Promise.all([
		cr.total > 0 ? lateList() : Promise.resolve([]),
		co.total > 0 ? openList() : Promise.resolve([])
	]);
	// A pending dossier is late up to the last instant of the report (the end itself is the next local midnight, or now).
	const lastInstant = new Date(p.end.getTime() - 1);
	const withDays = (items: typeof lr, at: (i: (typeof lr)[number]) => Date): LateItem[] =>
		items.map((i) => {
			const due = new Date(i.firstDueAt);
			return {
				...i,
				flags: i.flags ?? [],
				workingDaysLate: workingDaysLate(calendar, due, at(i)),
				calendarDaysLate: calendarDaysLate(due, at(i))
			};
		});
	return {
		resolvedLate: { total: cr.total, items: withDays(lr, (i) => new Date(i.resolvedAt!)) },
		stillOverdue: { total: co.total, items: withDays(lo, () => lastInstant) },
		flags: {
			phantomOverdue: cr.phantom + co.phantom,
			noApology: cr.noApology + co.noApology,
			manySupplements: cr.many + co.many
		}
	};
}
