/**
 * Online dossiers of a subtree received in a period, by where their latest
 * rating was given (domain/report/online-ratings), for the unit's own counter
 * and each child. Same "received in the period" as the rollups and
 * summary(): received (with a channel) on a local day of the period.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDayStart } from '../../domain/calendar/days.ts';
import type { OnlineRatings } from '../../domain/report/online-ratings.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { listUnits, type UnitInfo } from './units.ts';

export type OnlineRatingsRow = OnlineRatings & { code: string; name: string; own: boolean };

export async function onlineRatings(database: Database, unit: UnitInfo, from: string, to: string): Promise<{ rows: OnlineRatingsRow[]; total: OnlineRatings }> {
	const start = localDayStart(from).toISOString();
	const end = localDayStart(addDays(to, 1)).toISOString();
	// The child of `unit` a dossier belongs to (its own counter: the unit itself).
	const child = sql`coalesce(u.ancestors[${unit.depth + 2}], ${unit.code})`;
	const [raw, children] = await Promise.all([
		jsonRows<{ code: string; online: number; on: number; counter: number; qr: number; unrated: number }>(
		database,
		sql`select jsonb_build_object('code', x.child, 'online', count(*),
				'on', count(*) filter (where x.via = 'online'),
				'counter', count(*) filter (where x.via in ('kiosk', 'paper')),
				'qr', count(*) filter (where x.via = 'qr'),
				'unrated', count(*) filter (where x.rating is null)) as j
			from (select ${child} as child, d.rating_via as via, d.rating
				from dossiers d join units u on u.code = d.unit
				where u.ancestors @> array[${unit.code}]::text[] and d.received and d.channel = 'online'
					and d.received_at >= ${start}::timestamptz and d.received_at < ${end}::timestamptz) x
			group by x.child`
		),
		listUnits(database, { parent: unit.code })
	]);
	const nameOf = new Map([[unit.code, unit.name], ...children.map((c) => [c.code, c.name] as const)]);
	// A rating without `via` counts as rated, but neither online nor at the counter.
	const rows = raw.map((r) => {
		const [online, ratedOnline, ratedAtCounter, ratedQr, unrated] = [r.online, r.on, r.counter, r.qr, r.unrated].map(Number);
		return { code: r.code, name: nameOf.get(r.code) ?? r.code, own: r.code === unit.code, online, ratedOnline, ratedAtCounter, ratedQr, unrated };
	});
	const total: OnlineRatings = { online: 0, ratedOnline: 0, ratedAtCounter: 0, ratedQr: 0, unrated: 0 };
	for (const r of rows) for (const k of Object.keys(total) as (keyof OnlineRatings)[]) total[k] += r[k];
	return { rows, total };
}
