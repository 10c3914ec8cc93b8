/**
 * League tables (CONTRACT §5): order by the lower bound of the 95% Wilson
 * interval, so that 3 of 3 does not outrank 990 of 1,000; then by value, by n,
 * by code. Units with n = 0 come last with value null.
 */
import type { Counters } from '../figures/counters.ts';
import { metricParts, type Metric } from '../figures/metrics.ts';
import { wilson } from './wilson.ts';

export type RankingItem = {
	unit: string;
	name: string;
	rank: number;
	value: number | null;
	n: number;
	lower: number | null;
	upper: number | null;
};

export function rankUnits(units: { unit: string; name: string; counters: Counters }[], metric: Metric): RankingItem[] {
	const items = units.map(({ unit, name, counters }) => {
		const { k, n } = metricParts(metric, counters);
		const ci = wilson(k, n);
		return { unit, name, rank: 0, value: n > 0 ? k / n : null, n, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
	});
	items.sort((a, b) => {
		if (a.n === 0 || b.n === 0) return a.n === 0 && b.n === 0 ? a.unit.localeCompare(b.unit) : a.n === 0 ? 1 : -1;
		return b.lower! - a.lower! || b.value! - a.value! || b.n - a.n || a.unit.localeCompare(b.unit);
	});
	items.forEach((item, i) => (item.rank = i + 1));
	return items;
}
