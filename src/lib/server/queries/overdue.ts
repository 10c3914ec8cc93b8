/**
 * GET /api/v1/overdue (docs/api.md#overdue-list): pending dossiers of a subtree whose FIRST
 * dueAt has passed (overdue) or passes within `atRiskHours` (atRisk), most
 * overdue first, each with `overdueHours` (negative while still at risk);
 * and the overdue ticker's announcements (server/overdue/ticker.ts).
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { DOSSIER_JSON } from './dossier.ts';
import { inSubtree, subtreeSize, subtreeUnits, UNIT_BY_UNIT } from './subtree.ts';
import type { WatchItem } from '../../types/views.ts';

export type { WatchItem };

export async function watchlist(
	database: Database,
	unit: string,
	now: Date,
	atRiskHours: number,
	limit = 5000
): Promise<{ overdue: WatchItem[]; atRisk: WatchItem[] }> {
	const t = now.toISOString();
	const horizon = new Date(now.getTime() + atRiskHours * 3600_000).toISOString();
	const pending = sql`d.status = 'pending' and d.received and d.first_due_at < ${horizon}::timestamptz`;
	// The most overdue first, from an index in that order: unit by unit for a small subtree, else in one scan.
	const rows =
		(await subtreeSize(database, unit)) <= UNIT_BY_UNIT
			? sql`select d.* from ${subtreeUnits(unit)} cross join lateral (
					select * from dossiers d where d.unit = su.code and ${pending} order by d.first_due_at, d.code limit ${limit}) d
				order by d.first_due_at, d.code limit ${limit}`
			: sql`select d.* from dossiers d where ${pending} and ${inSubtree(sql`d.unit`, unit)} order by d.first_due_at, d.code limit ${limit}`;
	const items = await jsonRows<WatchItem>(
		database,
		sql`select ${DOSSIER_JSON} || jsonb_build_object('unitName', u.name,
				'overdueHours', round((extract(epoch from (${t}::timestamptz - d.first_due_at)) / 3600)::numeric, 2)) as j
			from (${rows}) d join units u on u.code = d.unit
			order by d.first_due_at, d.code
			limit ${limit}`
	);
	const overdue: WatchItem[] = [];
	const atRisk: WatchItem[] = [];
	for (const item of items) {
		item.overdueHours = Number(item.overdueHours);
		(new Date(item.firstDueAt!).getTime() < now.getTime() ? overdue : atRisk).push(item);
	}
	return { overdue, atRisk };
}

/**
 * Announces (once per dossier: the row is keyed by it) the pending dossiers whose first due
 * time fell in (since, upTo]; the rows this call inserted, in seq order. Under the ingest lock.
 */
export async function insertOverdueAnnouncements(
	database: Database,
	tx: Db,
	since: string,
	upTo: string
): Promise<{ seq: number; unit: string; dossier: string; at: string }[]> {
	return jsonRows(
		database,
		sql`with due as (
				select code, unit, first_due_at from dossiers
				where status = 'pending' and received
					and first_due_at <= ${upTo}::timestamptz and first_due_at > ${since}::timestamptz
				order by first_due_at, code),
			ins as (
				insert into overdue_announcements (dossier, unit, at)
				select code, unit, first_due_at from due
				on conflict (dossier) do nothing
				returning seq, dossier, unit, at)
			select jsonb_build_object('seq', seq, 'dossier', dossier, 'unit', unit, 'at', at) as j from ins order by seq`,
		tx
	);
}
