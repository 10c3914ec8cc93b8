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
	// Open at the end (received before it, finished at or after it, or never) and past the first appointment:
	// still pending (the pending-due index), or finished only after the end (the finished_at index).
	const stillOverdue = sql`${scope} and d.received and d.received_at < ${end}::timestamptz and d.first_due_at < ${end}::timestamptz
		and ((d.status = 'pending' and d.first_due_at < ${end}::timestamptz) or d.finished_at >= ${end}::timestamptz)`;

	const counts = async (where: SQL): Promise<Counts> => {
		const [c] = await jsonRows<Counts>(
			database,
			sql`select jsonb_build_object('total', count(*),
					'phantom', count(*) filter (where d.flags @> '["phantom_overdue"]'::jsonb),
					'noApology', count(*) filter (where d.flags @> '["no_apology"]'::jsonb),
					'many', count(*) filter (where d.flags @> '["many_supplements"]'::jsonb)) as j
				from dossiers d join units u on u.code = d.unit where ${where}`
		);
		return {
			total: Number(c?.total ?? 0),
			phantom: Number(c?.phantom ?? 0),
			noApology: Number(c?.noApology ?? 0),
			many: Number(c?.many ?? 0)
		};
	};
	const list = (where: SQL, order: SQL) =>
		jsonRows<Omit<LateItem, 'workingDaysLate' | 'calendarDaysLate'>>(
			database,
			sql`select ${ITEM_JSON} as j from dossiers d join units u on u.code = d.unit where ${where} order by ${order} limit ${limit}`
		);

	const [cr, co, lr, lo] = await Promise.all([
		counts(resolvedLate),
		counts(stillOverdue),
		list(resolvedLate, sql`d.resolved_at - d.first_due_at desc, d.code`),
		list(stillOverdue, sql`d.first_due_at, d.code`)
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
