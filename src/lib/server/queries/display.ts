/** What a wall display shows: today's counters, this month's league table and map, the latest flow. */
import { localDay } from '../../domain/calendar/days.ts';
import { presetRange } from '../../domain/figures/presets.ts';
import type { App } from '../app.ts';
import { latestSeq } from '../ingest/ingest.ts';
import { recentFeed } from './feed.ts';
import { childOfDescendants, childrenGeo } from './geo.ts';
import { getMeta } from './meta.ts';
import { rankings } from './rankings.ts';
import { summary } from './summary.ts';
import type { UnitInfo } from './units.ts';

export async function displayData(app: App, unit: UnitInfo) {
	const db = app.database;
	const now = app.now();
	const today = localDay(now);
	const month = presetRange('month', today);
	const [seq, todaySummary, monthSummary, ranking, geo, feed, demo, childOf] = await Promise.all([
		latestSeq(db),
		summary(db, unit.code, today, today, now),
		summary(db, unit.code, month.from, month.to, now),
		rankings(db, unit, 'onTime', month.from, month.to),
		childrenGeo(db, unit.code),
		recentFeed(db, unit.code, 12),
		getMeta(db, 'demo'),
		childOfDescendants(db, unit.code, unit.depth)
	]);
	return {
		unit: { code: unit.code, name: unit.name },
		today,
		month,
		seq,
		todaySummary,
		monthSummary,
		rankings: ranking.items,
		geo,
		feed,
		childOf,
		demo: demo !== null,
		generatedAt: now.toISOString()
	};
}
