/**
 * The late dossiers of a report: those resolved overdue in the period (the
 * §4 `resolved.overdue`) and those still pending and overdue at the end of it
 * (the §4 `pending.overdue`), with unit, procedure, received, first due date,
 * working days late and flags; and how many of them carry the anomaly flags
 * phantom_overdue / no_apology (dossiers.flags). Totals are counted in SQL, so
 * they stay exact when the lists are cut at `limit`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { addDays, localDayStart } from '../../domain/calendar/days.ts';
import type { Calendar } from '../../domain/calendar/working-days.ts';
import { periodOf } from '../../domain/figures/period.ts';
import { calendarDaysLate, workingDaysLate } from '../../domain/report/lateness.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import type { FlagCounts, LateItem, LateList, LateReport } from '../../types/views.ts';
import { inSubtree } from './subtree.ts';

export type { FlagCounts, LateItem, LateList, LateReport };

const ITEM_JSON = sql.raw(`jsonb_build_object(
	'dossier', d.code, 'unit', d.unit, 'unitName', u.name, 'procedure', d.procedure, 'procedureName', d.procedure_name,
	'field', d.field, 'fieldName', d.field_name, 'channel', d.channel, 'receivedAt', d.received_at,
	'firstDueAt', d.first_due_at, 'dueAt', d.due_at, 'resolvedAt', d.resolved_at, 'apologies', d.apologies, 'flags', d.flags)`);

/** The lists' orders: the latest first; the longest overdue first. */
const ORDERS = {
	late: { key: sql`d.resolved_at - d.first_due_at`, desc: true },
	due: { key: sql`d.first_due_at`, desc: false }
} as const;

type Counts = { total: number; phantom: number; noApology: number; many: number };

export async function lateDossiers(
	database: Database,
	unit: string,
	from: string,
	to: string,
	now: Date,
	calendar: Calendar,
	limit = 500
): Promise<LateReport> {
	const p = periodOf(from, to, now);
	const start = p.start.toISOString();
	const endOfTo = localDayStart(addDays(to, 1)).toISOString();
	const end = p.end.toISOString();
	const scope = inSubtree(sql`d.unit`, unit);
	const resolvedLate = sql`${scope} and d.received and d.channel is not null and d.status = 'resolved' and d.outcome = 'overdue'
		and d.resolved_at >= ${start}::timestamptz and d.resolved_at < ${endOfTo}::timestamptz`;
	// Open at the end (received before it, finished at or after it, or never) and past the first appointment, in
	// two disjoint parts, each one index range whatever the statistics: still pending (the pending-due index), or
	// finished only after the end (the finished_at index; at the real "now", none). As one OR, the planner read
	// every dossier of the subtree received before the end (460 ms at 1 M).
	const openOverdue = sql`${scope} and d.received and d.received_at < ${end}::timestamptz and d.first_due_at < ${end}::timestamptz`;
	const stillOverdue = [
		sql`${openOverdue} and d.status = 'pending'`,
		sql`${openOverdue} and d.status <> 'pending' and d.finished_at >= ${end}::timestamptz`
	];

	// Counted without the units join (the lists need the unit's name, the counts do not).
	const counts = async (parts: SQL[]): Promise<Counts> => {
		const from = sql.join(
			parts.map((where) => sql`select d.flags from dossiers d where ${where}`),
			sql` union all `
		);
		const [c] = await jsonRows<Counts>(
			database,
			sql`select jsonb_build_object('total', count(*),
					'phantom', count(*) filter (where d.flags @> '["phantom_overdue"]'::jsonb),
					'noApology', count(*) filter (where d.flags @> '["no_apology"]'::jsonb),
					'many', count(*) filter (where d.flags @> '["many_supplements"]'::jsonb)) as j
				from (${from}) d`
		);
		return {
			total: Number(c?.total ?? 0),
			phantom: Number(c?.phantom ?? 0),
			noApology: Number(c?.noApology ?? 0),
			many: Number(c?.many ?? 0)
		};
	};
	// The first `limit` of each part in the list's order, then the first `limit` of them all.
	const list = (parts: SQL[], { key, desc }: { key: SQL; desc: boolean }) => {
		const dir = sql.raw(desc ? 'desc' : 'asc');
		const each = parts.map(
			(where) => sql`(select ${ITEM_JSON} as j, ${key} as k, d.code as c
				from dossiers d join units u on u.code = d.unit
				where ${where} order by ${key} ${dir}, d.code limit ${limit})`
		);
		return jsonRows<Omit<LateItem, 'workingDaysLate' | 'calendarDaysLate'>>(
			database,
			sql`select j from (${sql.join(each, sql` union all `)}) x order by k ${dir}, c limit ${limit}`
		);
	};

	const [cr, co, lr, lo] = await Promise.all([
		counts([resolvedLate]),
		counts(stillOverdue),
		list([resolvedLate], ORDERS.late),
		list(stillOverdue, ORDERS.due)
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
