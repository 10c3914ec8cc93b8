/** One sequential, colour-blind-safe scale for rates (viridis, darker = better), and status colours. */
import { interpolateViridis } from 'd3-scale-chromatic';

/** `clamped`: values below `min` exist and take its colour (the legend says "≤ min"). */
export type Domain = { min: number; max: number; clamped?: boolean };

/**
 * A scale from the data: from the 10th percentile of the values (with ten or more; a few outliers below it
 * share the lightest colour, so the usual 95–100 % spread is not one colour) to the largest, widened to at
 * least 5 points so tiny spreads do not look dramatic.
 */
export function domainOf(values: (number | null)[]): Domain {
	const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
	if (v.length === 0) return { min: 0, max: 1 };
	let min = v.length >= 10 ? v[Math.ceil(0.1 * v.length) - 1] : v[0];
	let max = v[v.length - 1];
	const clamped = v[0] < min;
	if (max - min < 0.05) {
		const mid = (max + min) / 2;
		min = Math.max(0, mid - 0.025);
		max = Math.min(1, mid + 0.025);
		if (max - min < 0.05) [min, max] = max === 1 ? [0.95, 1] : [0, 0.05];
	}
	return { min, max, clamped: clamped && v[0] < min };
}

/** Better (higher) values are darker. */
export function rateColor(value: number | null, d: Domain): string {
	if (value === null) return '#d9dee5';
	const t = d.max === d.min ? 1 : (value - d.min) / (d.max - d.min);
	return interpolateViridis(0.95 - 0.9 * Math.min(1, Math.max(0, t)));
}

export const STATUS = { overdue: '#b42318', atRisk: '#b54708', ok: '#067647' };
