/**
 * Everything the unit page shows, computed by the same functions as the API
 * (summary, rankings), so every number on screen equals GET /api/v1/summary
 * and /api/v1/rankings for the same unit and period.
 */
import { localDay, addDays } from '../../domain/calendar/days.ts';
import { METRICS, type Metric } from '../../domain/figures/metrics.ts';
import { comparisonRange, previousRange, rangeFromQuery } from '../../domain/figures/presets.ts';
import type { App } from '../app.ts';
import { recentFeed } from './feed.ts';
import { childOfDescendants, screenGeo, unitPath } from './geo.ts';
import { getMeta, type DemoInfo } from './meta.ts';
import { rankings } from './rankings.ts';
import { dailySeries } from './series.ts';
import { summary } from './summary.ts';
import { latestSeq } from '../ingest/ingest.ts';
import type { UnitInfo } from './units.ts';

export async function dashboard(app: App, unit: UnitInfo, params: URLSearchParams) {
	const db = app.database;
	const now = app.now();
	const today = localDay(now);
	const { preset, range } = rangeFromQuery(params, today);
	const prev = comparisonRange(range, today);
	const m = params.get('m');
	const metric: Metric = m && (METRICS as readonly string[]).includes(m) ? (m as Metric) : 'onTime';
	// Trends: the period itself (up to today), at least the 30 days that end there, at most a year.
	const seriesTo = range.to > today ? today : range.to;
	const seriesFrom =
		range.from > addDays(seriesTo, -29)
			? addDays(seriesTo, -29)
			: range.from < addDays(seriesTo, -365)
				? addDays(seriesTo, -365)
				: range.from;
	const [
		seq,
		current,
		previous,
		ranking,
		rankingPrev,
		now_,
		geo,
		series,
		feed,
		path,
		demo,
		childOf
	] = await Promise.all([
		latestSeq(db),
		summary(db, unit, range.from, range.to, now),
		summary(db, unit, prev.from, prev.to, now),
		rankings(db, unit, metric, range.from, range.to),
		rankings(db, unit, metric, prev.from, prev.to),
		summary(db, unit, today, today, now),
		screenGeo(db, unit.code, now),
		dailySeries(db, unit.code, seriesFrom, seriesTo),
		recentFeed(db, unit.code, 30),
		unitPath(db, unit.ancestors),
		getMeta<DemoInfo>(db, 'demo'),
		childOfDescendants(db, unit.code, unit.depth)
	]);
	return {
		unit: { code: unit.code, name: unit.name, type: unit.type },
		path,
		preset,
		range,
		prev,
		/** true while the period runs: it is compared with as many days of the previous one */
		prevToDate: prev.to !== previousRange(range).to,
		metric,
		today,
		seq,
		summary: current,
		previous,
		overdueNow: now_.pending.overdue,
		pendingNow: now_.pending.total,
		rankings: ranking.items,
		rankingsPrev: rankingPrev.items.map((r) => [r.unit, r.value] as [string, number | null]),
		geo,
		series: { from: seriesFrom, to: seriesTo, points: series },
		feed,
		demo: demo !== null,
		childOf,
		generatedAt: now.toISOString()
	};
}
