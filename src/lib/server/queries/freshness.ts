/**
 * GET /api/v1/freshness (docs/domain.md#freshness): per child of a unit, over its
 * subtree — the latest event and acceptance (unit_activity, one row per unit
 * that ever sent), events accepted in 24 hours and the lag of those accepted
 * in 7 days (the log from the first seq of that hour on, via accept_hours:
 * the cost follows a week's volume, never the history's), and whether it went
 * silent for 8 working hours (domain/freshness/working-hours.ts).
 */
import { sql } from 'drizzle-orm';
import { localIso } from '../../domain/calendar/days.ts';
import type { Calendar } from '../../domain/calendar/index.ts';
import type { LagStats } from '../../domain/freshness/lag.ts';
import {
	isSilent,
	workingHoursBefore,
	SILENT_AFTER_HOURS
} from '../../domain/freshness/working-hours.ts';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';
import { listUnits, type UnitInfo } from './units.ts';

export type FreshnessItem = {
	unit: string;
	name: string;
	lastEventAt: string | null;
	lastAcceptedAt: string | null;
	events24h: number;
	lagSeconds: LagStats;
	silent: boolean;
};

export type Freshness = { unit: string; now: string; items: FreshnessItem[] };

const HOUR = 3_600_000;
const iso = (t: string | null) => (t === null ? null : localIso(new Date(t)));

/** Activity of each child's subtree: the latest `at` and acceptance. */
async function lastActivity(database: Database, children: readonly string[], depth: number) {
	const root = sql.raw(`u.ancestors[${depth + 1}]`);
	const rows = await jsonRows<{ child: string; at: string; accepted: string }>(
		database,
		sql`select jsonb_build_object('child', ${root}, 'at', max(a.last_at), 'accepted', max(a.last_accepted_at)) as j
			from unit_activity a join units u on u.code = a.unit
			where ${root} = ${anyOf(children)} group by ${root}`
	);
	return new Map(rows.map((r) => [r.child, r]));
}

/** Events accepted since `week` (and since `day`) per child, with the nearest-rank lag percentiles. */
async function recent(
	database: Database,
	children: readonly string[],
	depth: number,
	week: Date,
	day: Date
) {
	const root = sql.raw(`u.ancestors[${depth + 1}]`);
	const w = week.toISOString();
	const lag = sql`greatest(0, floor(extract(epoch from e.accepted_at - e.at)))`;
	const rows = await jsonRows<{ child: string; n24: number; n: number; p50: number; p95: number }>(
		database,
		sql`with since as (
				-- Seqs commit in lock order while accepted_at is each transaction's start: an hour's margin.
				select coalesce(min(first_seq), (select coalesce(max(seq), 0) + 1 from events)) as s
				from accept_hours where hour >= date_trunc('hour', ${w}::timestamptz) - interval '1 hour')
			select jsonb_build_object('child', ${root},
				'n24', count(*) filter (where e.accepted_at >= ${day.toISOString()}::timestamptz), 'n', count(*),
				'p50', percentile_disc(0.5) within group (order by ${lag}),
				'p95', percentile_disc(0.95) within group (order by ${lag})) as j
			from events e join units u on u.code = e.unit
			where e.seq >= (select s from since) and e.accepted_at >= ${w}::timestamptz and ${root} = ${anyOf(children)}
			group by ${root}`
	);
	return new Map(rows.map((r) => [r.child, r]));
}

export async function freshness(
	database: Database,
	unit: Pick<UnitInfo, 'code' | 'depth'>,
	calendar: Calendar,
	now: Date
): Promise<Freshness> {
	const children = await listUnits(database, { parent: unit.code });
	const codes = children.map((c) => c.code);
	const depth = unit.depth + 1;
	const [activity, counts] = codes.length
		? await Promise.all([
				lastActivity(database, codes, depth),
				recent(
					database,
					codes,
					depth,
					new Date(now.getTime() - 7 * 24 * HOUR),
					new Date(now.getTime() - 24 * HOUR)
				)
			])
		: [new Map(), new Map()];
	const items = children.map((c): FreshnessItem => {
		const a = activity.get(c.code);
		const r = counts.get(c.code);
		const accepted = a ? new Date(a.accepted) : null;
		return {
			unit: c.code,
			name: c.name,
			lastEventAt: iso(a?.at ?? null),
			lastAcceptedAt: iso(a?.accepted ?? null),
			events24h: Number(r?.n24 ?? 0),
			lagSeconds:
				r && Number(r.n) > 0 ? { p50: Number(r.p50), p95: Number(r.p95), n: Number(r.n) } : null,
			silent: isSilent(calendar, now, accepted)
		};
	});
	return { unit: unit.code, now: localIso(now), items };
}

/** How many units under `unit` (its children) are silent, and since when that counts (for the header badge and the wall). */
export async function silentChildren(
	database: Database,
	unit: Pick<UnitInfo, 'code' | 'depth'>,
	calendar: Calendar,
	now: Date
): Promise<{ silent: number; since: string }> {
	const children = await listUnits(database, { parent: unit.code });
	const activity = children.length
		? await lastActivity(
				database,
				children.map((c) => c.code),
				unit.depth + 1
			)
		: new Map();
	const silent = children.filter((c) => {
		const a = activity.get(c.code);
		return isSilent(calendar, now, a ? new Date(a.accepted) : null);
	}).length;
	return { silent, since: workingHoursBefore(calendar, now, SILENT_AFTER_HOURS).toISOString() };
}

/**
 * Counters of a scope that went silent (its units without children, merged-away ones left out): for the
 * header badge and the wall display's line. `since` is the moment 8 working hours before now.
 */
export async function silentCounters(
	database: Database,
	scopeCode: string,
	calendar: Calendar,
	now: Date
): Promise<{ silent: number; counters: number; since: string }> {
	const since = workingHoursBefore(calendar, now, SILENT_AFTER_HOURS);
	const [r] = await jsonRows<{ silent: number; counters: number }>(
		database,
		sql`select jsonb_build_object('counters', count(*),
				'silent', count(*) filter (where a.unit is null or a.last_accepted_at < ${since.toISOString()}::timestamptz)) as j
			from units u left join unit_activity a on a.unit = u.code
			where u.ancestors @> array[${scopeCode}]::text[]
				and not exists (select 1 from units c where c.parent_code = u.code)
				and not exists (select 1 from unit_mergers m where m.old_code = u.code)`
	);
	return {
		silent: Number(r?.silent ?? 0),
		counters: Number(r?.counters ?? 0),
		since: localIso(since)
	};
}
