/**
 * Online dossiers of a subtree received in a period, by where their latest
 * rating was given (domain/report/online-ratings), for the unit's own counter
 * and each child — from the rollups (each online dossier counts on its
 * receipt day under where it was last rated), so "received in the period" is
 * the summary's own, and nothing scans the dossiers.
 */
import type { Counters } from '../../domain/figures/counters.ts';
import type { OnlineRatings } from '../../domain/report/online-ratings.ts';
import type { Database } from '../db/index.ts';
import { periodCountersByUnit } from './counters.ts';
import { listUnits, type UnitInfo } from './units.ts';
import type { OnlineRatingsRow } from '../../types/views.ts';

export type { OnlineRatingsRow };

const COUNTED = [
	'online',
	'online_rated_online',
	'online_rated_counter',
	'online_rated_qr',
	'online_unrated'
] as const;

const fromCounters = (c: Counters): OnlineRatings => ({
	online: c.online,
	ratedOnline: c.online_rated_online,
	ratedAtCounter: c.online_rated_counter,
	ratedQr: c.online_rated_qr,
	unrated: c.online_unrated
});

export async function onlineRatings(
	database: Database,
	unit: UnitInfo,
	from: string,
	to: string
): Promise<{ rows: OnlineRatingsRow[]; total: OnlineRatings }> {
	const children = await listUnits(database, { parent: unit.code });
	const counters = await periodCountersByUnit(
		database,
		[unit.code, ...children.map((c) => c.code)],
		from,
		to,
		COUNTED
	);
	const total = fromCounters(counters.get(unit.code)!);
	const kids = children.map((c) => ({
		code: c.code,
		name: c.name,
		own: false,
		...fromCounters(counters.get(c.code)!)
	}));
	// The unit's own counter: the subtree minus its children's subtrees.
	const own: OnlineRatingsRow = { code: unit.code, name: unit.name, own: true, ...total };
	for (const k of kids)
		for (const key of Object.keys(total) as (keyof OnlineRatings)[]) own[key] -= k[key];
	return { rows: [own, ...kids].filter((r) => r.online > 0), total };
}
