/**
 * GET /api/v1/rankings (docs/api.md#rankings, docs/domain.md#ranking): descendants ranked by the lower Wilson
 * bound of a rate. A unit merged away before the period began is not ranked
 * (it would only sit last with n = 0); its history counts for its successor.
 */
import { METRIC_COUNTERS, type Metric } from '../../domain/figures/metrics.ts';
import { rankUnits, type RankingItem } from '../../domain/ranking/rank.ts';
import type { Database } from '../db/index.ts';
import { periodCountersByUnit } from './counters.ts';
import { descendantNamesAtLevel, type UnitInfo } from './units.ts';

export async function rankings(
	database: Database,
	parent: UnitInfo,
	metric: Metric,
	from: string,
	to: string,
	level = 1
): Promise<{ items: RankingItem[] }> {
	const units = await descendantNamesAtLevel(database, parent, level, from);
	const counters = await periodCountersByUnit(
		database,
		units.map((u) => u.code),
		from,
		to,
		METRIC_COUNTERS[metric]
	);
	return {
		items: rankUnits(
			units.map((u) => ({ unit: u.code, name: u.name, counters: counters.get(u.code)! })),
			metric
		)
	};
}
