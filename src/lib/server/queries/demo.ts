/** The few database reads the demo generator (server/demo) needs (raw SQL through jsonRows, identical on both back-ends). */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { inSubtree } from './subtree.ts';

export async function unitCount(database: Database): Promise<number> {
	const rows = await jsonRows<number>(
		database,
		sql`select to_jsonb((select count(*) from units)) as j`
	);
	return Number(rows[0] ?? 0);
}

/** The counters (units without children) under the province, with their types. */
export async function counterUnits(
	database: Database,
	province: string
): Promise<{ code: string; type: string }[]> {
	return jsonRows(
		database,
		sql`select jsonb_build_object('code', u.code, 'type', u.type) as j from units u
			where u.ancestors @> array[${province}]::text[]
				and not exists (select 1 from units c where c.parent_code = u.code)
			order by u.code`
	);
}

export type PendingRow = {
	code: string;
	unit: string;
	receivedAt: string;
	firstDueAt: string;
	channel: string;
	apologies: number;
};

/** Pending demo dossiers of the province, soonest deadline first. */
export async function pendingDossiers(
	database: Database,
	province: string,
	limit = 20_000
): Promise<PendingRow[]> {
	return jsonRows<PendingRow>(
		database,
		sql`select jsonb_build_object('code', d.code, 'unit', d.unit, 'receivedAt', d.received_at, 'firstDueAt', d.first_due_at,
				'channel', d.channel, 'apologies', d.apologies) as j
			from dossiers d
			where ${inSubtree(sql`d.unit`, province)} and d.status = 'pending' and d.received
			order by d.first_due_at limit ${limit}`
	);
}

export type ResolvedRow = {
	code: string;
	unit: string;
	channel: string;
	returned: boolean;
	rated: boolean;
};

/** Dossiers resolved since `since` still waiting to be returned or rated (for the live feed's returns and ratings). */
export async function recentlyResolved(
	database: Database,
	province: string,
	since: Date,
	limit = 4_000
): Promise<ResolvedRow[]> {
	return jsonRows<ResolvedRow>(
		database,
		sql`select jsonb_build_object('code', d.code, 'unit', d.unit, 'channel', d.channel,
				'returned', d.returned_at is not null, 'rated', d.rating is not null) as j
			from dossiers d
			where ${inSubtree(sql`d.unit`, province)} and d.status = 'resolved'
				and d.resolved_at >= ${since.toISOString()}::timestamptz and (d.returned_at is null or d.rating is null)
			order by d.resolved_at desc limit ${limit}`
	);
}

/** The highest live-feed dossier number of a day (codes UNIT-YYMMDD-9nnnnn), 0 when none. */
export async function lastLiveNumber(database: Database, yymmdd: string): Promise<number> {
	const rows = await jsonRows<number | null>(
		database,
		sql`select to_jsonb((select max((regexp_match(code, '-9(\\d+)$'))[1]::bigint) from dossiers where code like ${`%-${yymmdd}-9%`})) as j`
	);
	return Number(rows[0] ?? 0);
}
