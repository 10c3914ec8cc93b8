/**
 * League tables (docs/domain.md#ranking): order by the lower bound of the 95% Wilson
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

export function rankUnits(
	units: { unit: string; name: string; counters: Counters }[],
	metric: Metric
): RankingItem[] {
	const items = units.map(({ unit, name, counters }) => {
		const { k, n } = metricParts(metric, counters);
		const ci = wilson(k, n);
		return {
			unit,
			name,
			rank: 0,
			value: n > 0 ? k / n : null,
			n,
			lower: ci?.lower ?? null,
			upper: ci?.upper ?? null
		};
	});
	items.sort((a, b) => {
		if (a.n === 0 || b.n === 0)
			return a.n === 0 && b.n === 0 ? a.unit.localeCompare(b.unit) : a.n === 0 ? 1 : -1;
		return b.lower! - a.lower! || b.value! - a.value! || b.n - a.n || a.unit.localeCompare(b.unit);
	});
	items.forEach((item, i) => (item.rank = i + 1));
	return items;
}

/**
 * Too few dossiers to say anything on a screen read from across the hall: fewer than MIN_N, or a 95 %
 * interval wider than MAX_WIDTH (1 of 1 is "100 %" with an interval of 21–100 %). The ranking itself is
 * unchanged (Wilson's lower bound already keeps such units from the top); screens show them as
 * "chưa đủ số liệu" instead of their rate, and leave them out of the "needs improvement" list.
 */
export const MIN_N = 10;
export const MAX_WIDTH = 0.3;

export function tooFewToShow(item: Pick<RankingItem, 'n' | 'lower' | 'upper'>): boolean {
	return (
		item.n < MIN_N ||
		item.lower === null ||
		item.upper === null ||
		item.upper - item.lower > MAX_WIDTH
	);
}
