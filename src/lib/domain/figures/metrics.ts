/** The five rates (docs/domain.md#rates): numerator and denominator from period counters. */
import type { Counter } from './counter-names.ts';
import type { Counters } from './counters.ts';

export const METRICS = [
	'onTime',
	'online',
	'digitizedIntake',
	'digitizedResult',
	'satisfaction'
] as const;
export type Metric = (typeof METRICS)[number];

export function metricParts(metric: Metric, c: Counters): { k: number; n: number } {
	switch (metric) {
		case 'onTime':
			return { k: c.early + c.on_time, n: c.resolved };
		case 'online':
			return { k: c.online, n: c.received };
		case 'digitizedIntake':
			return { k: c.digitized_intake, n: c.received };
		case 'digitizedResult':
			return { k: c.digitized_result, n: c.resolved };
		case 'satisfaction':
			return { k: c.very_satisfied + c.satisfied, n: c.rated };
	}
}

/** The counters each metric reads (metricParts): a ranking sums only these. */
export const METRIC_COUNTERS: Record<Metric, readonly Counter[]> = {
	onTime: ['early', 'on_time', 'resolved'],
	online: ['online', 'received'],
	digitizedIntake: ['digitized_intake', 'received'],
	digitizedResult: ['digitized_result', 'resolved'],
	satisfaction: ['very_satisfied', 'satisfied', 'rated']
};

export function rate(k: number, n: number): number | null {
	return n > 0 ? k / n : null;
}

export function metricValue(metric: Metric, c: Counters): number | null {
	const { k, n } = metricParts(metric, c);
	return rate(k, n);
}
