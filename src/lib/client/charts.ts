/** chart.js configurations for the unit page's trends (pure: data in, config out). */
import type { ChartConfiguration } from 'chart.js';
import { wilson } from '../domain/ranking/wilson.ts';
import { fmtDay } from './format.ts';
import type { Strings } from './i18n.ts';
import type { DayPoint } from '../domain/figures/series.ts';

export type Point = DayPoint;

/** Every day of [from, to], zero-filled. */
export function fillDays<T extends { day: string }>(
	points: T[],
	from: string,
	to: string,
	empty: (day: string) => T
): T[] {
	const byDay = new Map(points.map((p) => [p.day, p]));
	const out: T[] = [];
	for (
		let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`);
		t <= end;
		t += 86_400_000
	) {
		const day = new Date(t).toISOString().slice(0, 10);
		out.push(byDay.get(day) ?? empty(day));
	}
	return out;
}

const axis = {
	grid: { color: '#eef1f5' },
	ticks: { color: '#4a5d75', maxRotation: 0, autoSkipPadding: 12 }
};

export function receivedChart(points: Point[], s: Strings): ChartConfiguration {
	return {
		type: 'bar',
		data: {
			labels: points.map((p) => fmtDay(p.day).slice(0, 5)),
			datasets: [
				{
					label: s.online,
					data: points.map((p) => p.online),
					backgroundColor: '#3b528b',
					stack: 'c'
				},
				{
					label: s.direct,
					data: points.map((p) => p.direct),
					backgroundColor: '#21918c',
					stack: 'c'
				},
				{
					label: s.postal,
					data: points.map((p) => p.postal),
					backgroundColor: '#b5de2b',
					stack: 'c'
				}
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false,
			plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
			scales: { x: { ...axis, stacked: true }, y: { ...axis, stacked: true, beginAtZero: true } }
		}
	};
}

/** Today's point is partial: below this n it is left out (two ratings must not draw a plunge to 30 %). */
export const PARTIAL_MIN_N = 10;

/**
 * A daily rate as a line with its 95% Wilson band (percent). Today's point (`today`), still partial, is
 * drawn with a dashed segment and a hollow marker, or left out while it has fewer than PARTIAL_MIN_N.
 */
function rateChart(
	points: Point[],
	parts: (p: Point) => { k: number; n: number },
	label: string,
	band: string,
	min: number,
	today?: string
): ChartConfiguration {
	const partial = today ? points.findIndex((p) => p.day === today) : -1;
	const hidden = (i: number) => i === partial && parts(points[i]).n < PARTIAL_MIN_N;
	const ci = points.map((p, i) => {
		const { k, n } = parts(p);
		return hidden(i) ? null : wilson(k, n);
	});
	const pct = (x: number | null | undefined) =>
		x === null || x === undefined ? null : Math.round(x * 1000) / 10;
	return {
		type: 'line',
		data: {
			labels: points.map((p) => fmtDay(p.day).slice(0, 5)),
			datasets: [
				{
					label: 'lower',
					data: ci.map((c) => pct(c?.lower)),
					borderWidth: 0,
					pointRadius: 0,
					fill: false
				},
				{
					label: band,
					data: ci.map((c) => pct(c?.upper)),
					borderWidth: 0,
					pointRadius: 0,
					backgroundColor: 'rgba(59,82,139,0.18)',
					fill: '-1'
				},
				{
					label,
					data: points.map((p, i) => {
						const { k, n } = parts(p);
						return hidden(i) ? null : pct(n > 0 ? k / n : null);
					}),
					borderColor: '#3b528b',
					backgroundColor: '#3b528b',
					pointRadius: points.map((_, i) => (i === partial && !hidden(i) ? 3.5 : 0)),
					pointBackgroundColor: 'white',
					borderWidth: 2,
					spanGaps: true,
					segment: { borderDash: (ctx) => (ctx.p1DataIndex === partial ? [5, 4] : undefined) }
				}
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false,
			plugins: { legend: { display: false } },
			scales: {
				x: axis,
				y: {
					...axis,
					suggestedMin: min,
					max: 100,
					ticks: { ...axis.ticks, callback: (v) => `${v}%` }
				}
			}
		}
	};
}

export function onTimeChart(points: Point[], s: Strings, today?: string): ChartConfiguration {
	return rateChart(
		points,
		(p) => ({ k: p.early + p.onTime, n: p.resolved }),
		s.metric_onTime,
		s.interval,
		80,
		today
	);
}

export function satisfactionChart(points: Point[], s: Strings, today?: string): ChartConfiguration {
	return rateChart(
		points,
		(p) => ({ k: p.satisfied, n: p.rated }),
		s.metric_satisfaction,
		s.interval,
		80,
		today
	);
}
