/** Reminders to units about their dossiers: recorded, listed per dossier for the watch, and measured on the unit page. */
import { sql } from 'drizzle-orm';
import {
	reminderEffect,
	type ReminderChannel,
	type ReminderEffect
} from '../../domain/supervision/reminders.ts';
import type { Calendar } from '../../domain/calendar/working-days.ts';
import { workingDaysLate } from '../../domain/report/lateness.ts';
import { randomString } from '../auth/tokens.ts';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';
import { inSubtree } from './subtree.ts';

export type ReminderDossier = {
	dossier: string;
	unit: string;
	unitName: string;
	procedureName: string | null;
	firstDueAt: string | null;
	daysLate: number | null;
};
export type Reminder = {
	id: string;
	unit: string;
	unitName: string;
	channel: ReminderChannel;
	reference: string | null;
	text: string;
	author: string;
	createdAt: string;
	dossiers: ReminderDossier[];
};

/** The given dossiers that exist in the unit's subtree (with what a reminder lists of them). */
export async function dossiersInSubtree(
	database: Database,
	unit: string,
	codes: readonly string[]
) {
	if (codes.length === 0) return [];
	return jsonRows<{
		dossier: string;
		unit: string;
		unitName: string;
		procedureName: string | null;
		firstDueAt: string | null;
	}>(
		database,
		sql`select jsonb_build_object('dossier', d.code, 'unit', d.unit, 'unitName', u.name, 'procedureName', coalesce(d.procedure_name, d.procedure), 'firstDueAt', d.first_due_at) as j
			from dossiers d join units u on u.code = d.unit where d.code = ${anyOf(codes)} and ${inSubtree(sql`d.unit`, unit)} order by d.first_due_at, d.code`
	);
}

export async function recordReminder(
	database: Database,
	r: {
		unit: string;
		channel: ReminderChannel;
		reference: string | null;
		text: string;
		author: string;
		dossiers: { dossier: string; unit: string; firstDueAt: string | null }[];
	},
	calendar: Calendar,
	now: Date
): Promise<string> {
	const id = `rem_${randomString(8)}`;
	const rows = r.dossiers.map((d) => ({
		dossier: d.dossier,
		unit: d.unit,
		days:
			d.firstDueAt && new Date(d.firstDueAt) < now
				? workingDaysLate(calendar, new Date(d.firstDueAt), now)
				: null
	}));
	await database.db.transaction(async (tx) => {
		await database.rows(
			sql`insert into reminders (id, unit, channel, reference, text, author, created_at) values (${id}, ${r.unit}, ${r.channel}, ${r.reference}, ${r.text}, ${r.author}, ${now.toISOString()}::timestamptz)`,
			tx
		);
		await database.rows(
			sql`insert into reminder_dossiers (reminder, dossier, unit, reminded_at, days_late)
				select ${id}, x.dossier, x.unit, ${now.toISOString()}::timestamptz, x.days from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(dossier text, unit text, days real)`,
			tx
		);
	});
	return id;
}

export async function getReminder(database: Database, id: string): Promise<Reminder | null> {
	const [r] = await jsonRows<Omit<Reminder, 'dossiers'>>(
		database,
		sql`select jsonb_build_object('id', r.id, 'unit', r.unit, 'unitName', u.name, 'channel', r.channel, 'reference', r.reference, 'text', r.text, 'author', r.author, 'createdAt', r.created_at) as j
			from reminders r join units u on u.code = r.unit where r.id = ${id}`
	);
	if (!r) return null;
	const dossiers = await jsonRows<ReminderDossier>(
		database,
		sql`select jsonb_build_object('dossier', x.dossier, 'unit', x.unit, 'unitName', u.name, 'procedureName', coalesce(d.procedure_name, d.procedure), 'firstDueAt', d.first_due_at, 'daysLate', x.days_late) as j
			from reminder_dossiers x join units u on u.code = x.unit left join dossiers d on d.code = x.dossier where x.reminder = ${id} order by d.first_due_at, x.dossier`
	);
	return { ...r, dossiers };
}

/** The latest reminder of each of these dossiers (the watch's "đã nhắc … trước"). */
export async function lastReminded(
	database: Database,
	dossiers: readonly string[]
): Promise<Map<string, string>> {
	if (dossiers.length === 0) return new Map();
	const rows = await jsonRows<{ d: string; at: string }>(
		database,
		sql`select jsonb_build_object('d', dossier, 'at', max(reminded_at)) as j from reminder_dossiers where dossier = ${anyOf(dossiers)} group by dossier`
	);
	return new Map(rows.map((r) => [r.d, r.at]));
}

/** Reminders of a subtree, newest first. */
export async function listReminders(database: Database, unit: string, limit = 20) {
	return jsonRows<{
		id: string;
		unit: string;
		unitName: string;
		channel: ReminderChannel;
		text: string;
		author: string;
		createdAt: string;
		dossiers: number;
	}>(
		database,
		sql`select jsonb_build_object('id', r.id, 'unit', r.unit, 'unitName', u.name, 'channel', r.channel, 'text', r.text, 'author', r.author, 'createdAt', r.created_at,
				'dossiers', (select count(*) from reminder_dossiers x where x.reminder = r.id)) as j
			from reminders r join units u on u.code = r.unit where ${inSubtree(sql`r.unit`, unit)} order by r.created_at desc, r.id desc limit ${limit}`
	);
}

/** Of the dossiers of a subtree reminded (each from its first reminder), how many were resolved since and how fast. */
export async function reminderEffectOf(
	database: Database,
	unit: string,
	calendar: Calendar
): Promise<ReminderEffect> {
	const rows = await jsonRows<{ at: string; resolved: string | null }>(
		database,
		sql`select jsonb_build_object('at', min(x.reminded_at), 'resolved', max(d.resolved_at)) as j
			from reminder_dossiers x left join dossiers d on d.code = x.dossier
			where ${inSubtree(sql`x.unit`, unit)} group by x.dossier`
	);
	return reminderEffect(
		calendar,
		rows.map((r) => ({
			remindedAt: new Date(r.at),
			resolvedAt: r.resolved ? new Date(r.resolved) : null
		}))
	);
}
