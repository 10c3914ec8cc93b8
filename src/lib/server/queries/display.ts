/**
 * What a wall display shows (docs/api.md#live, docs/design.md#wall-display): today's
 * counters, this month's league table and map, the last 7 days, the overdue
 * picture and the latest flow. `displayData` is the first paint (with the map
 * shapes), `displayPanels` the same without the static map (for resyncs and
 * periodic refreshes), `displayLive` the small part refreshed on every burst.
 */
import { fill, type Lang } from '../../client/i18n.ts';
import { DISPLAY_STRINGS } from '../../client/strings/display.ts';
import { addDays, localDay } from '../../domain/calendar/days.ts';
import { presetRange } from '../../domain/figures/presets.ts';
import { totalPointsLost } from '../../domain/figures/scoreboard.ts';
import { buildWallMap, type GeoFeature, type WallMap } from '../../domain/units/wall-map.ts';
import type { App } from '../app.ts';
import { verifyKey } from '../auth/keys.ts';
import { latestSeq } from '../ingest/ingest.ts';
import { loadCalendar } from './calendar.ts';
import { silentCounters } from './freshness.ts';
import { scoreboard, scoreboards } from './scoreboard.ts';
import { recentFeed } from './feed.ts';
import { childOfDescendants, screenGeo } from './geo.ts';
import { getMeta } from './meta.ts';
import { watchlist } from './overdue.ts';
import { rankings } from './rankings.ts';
import { dailySeries } from './series.ts';
import { summaries, summary } from './summary.ts';
import { getUnit, inScope, listUnits, type UnitInfo } from './units.ts';
import type {
	DisplayLive,
	DisplayPanels,
	OldestOverdue,
	OverdueByUnit,
	ScoreLoser
} from '../../types/views.ts';

/** Rows of the flow strip kept by the page (and sent on every refresh). */
export const FEED_ROWS = 8;
const OVERDUE_UNITS = 5;
const OVERDUE_DOSSIERS = 5;

export type DisplayAccess =
	{ ok: true; unit: UnitInfo } | { ok: false; status: 401 | 403 | 404; message: string };

/** A display (or read) key whose scope holds CODE. */
export async function authorizeDisplay(
	app: App,
	token: string | null,
	code: string,
	lang: Lang = 'vi'
): Promise<DisplayAccess> {
	const t = DISPLAY_STRINGS[lang];
	if (!token) return { ok: false, status: 401, message: t.keyMissing };
	const key = await verifyKey(app.database, token);
	if (!key || (key.role !== 'display' && key.role !== 'read'))
		return { ok: false, status: 401, message: t.keyInvalid };
	const unit = await getUnit(app.database, code);
	if (!unit) return { ok: false, status: 404, message: fill(t.noUnit, { code }) };
	if (!inScope(unit, key.scopeCode)) return { ok: false, status: 403, message: t.keyOutside };
	return { ok: true, unit };
}

/** Children listed on the wall's score panel, those losing the most points first. */
const SCORE_UNITS = 5;

export type { OverdueByUnit };
export type { OldestOverdue };

/** Pending dossiers of each child's subtree now, and how many of them are past their first deadline: the §4 counts, all children at once. */
async function overdueByChild(app: App, unit: UnitInfo, now: Date): Promise<OverdueByUnit[]> {
	const children = await listUnits(app.database, { parent: unit.code });
	const today = localDay(now);
	const figures = await summaries(
		app.database,
		children.map((c) => ({ code: c.code, depth: unit.depth + 1 })),
		today,
		today,
		now
	);
	return children
		.map((c) => ({
			unit: c.code,
			name: c.name,
			overdue: figures.get(c.code)!.pending.overdue,
			pending: figures.get(c.code)!.pending.total
		}))
		.filter((r) => r.overdue > 0)
		.sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit))
		.slice(0, OVERDUE_UNITS);
}

async function oldestOverdue(app: App, unit: UnitInfo, now: Date): Promise<OldestOverdue[]> {
	const { overdue } = await watchlist(app.database, unit.code, now, 0, OVERDUE_DOSSIERS);
	return overdue.map((d) => ({
		dossier: d.dossier,
		unitName: d.unitName,
		procedureName: d.procedureName ?? d.procedure ?? null,
		overdueHours: d.overdueHours
	}));
}

/** Everything but the map shapes: counters, league, trends, overdue, flow. */
export async function displayPanels(app: App, unit: UnitInfo): Promise<DisplayPanels> {
	const db = app.database;
	const now = app.now();
	const today = localDay(now);
	const month = presetRange('month', today);
	const week = { from: addDays(today, -7), to: today };
	const [seq, todaySummary, ranking, series, byUnit, oldest, feed, score, silent] =
		await Promise.all([
			latestSeq(db),
			summary(db, unit, today, today, now),
			rankings(db, unit, 'onTime', month.from, month.to),
			dailySeries(db, unit.code, week.from, week.to),
			overdueByChild(app, unit, now),
			oldestOverdue(app, unit, now),
			recentFeed(db, unit.code, FEED_ROWS),
			monthScore(app, unit, month, now),
			loadCalendar(db).then((calendar) => silentCounters(db, unit.code, calendar, now))
		]);
	return {
		today,
		month,
		week,
		seq,
		todaySummary,
		rankings: ranking.items,
		series,
		overdue: { byUnit: byUnit, oldest },
		feed,
		score,
		silent,
		generatedAt: now.toISOString()
	};
}

/** The month's §9 estimate and the children that lose the most points (the wall's score panel). */
async function monthScore(
	app: App,
	unit: UnitInfo,
	month: { from: string; to: string },
	now: Date
): Promise<DisplayPanels['score']> {
	const children = await listUnits(app.database, { parent: unit.code });
	const [own, byChild] = await Promise.all([
		scoreboard(app.database, unit, month.from, month.to, now),
		scoreboards(
			app.database,
			children.map((c) => ({ code: c.code, depth: unit.depth + 1 })),
			month.from,
			month.to,
			now
		)
	]);
	const worst: ScoreLoser[] = children
		.map((c) => ({
			unit: c.code,
			name: c.name,
			points: byChild.get(c.code)!.board.total.points,
			max: byChild.get(c.code)!.board.total.max,
			lost: totalPointsLost(byChild.get(c.code)!.board)
		}))
		.filter((c) => c.max > 0 && c.lost > 0)
		.sort((a, b) => b.lost - a.lost || a.unit.localeCompare(b.unit))
		.slice(0, SCORE_UNITS);
	return { board: own.board, worst };
}

export type { DisplayLive, DisplayPanels };

/**
 * Projected maps, one per simplified feature list: screenGeo hands back the same
 * list while the registry is unchanged, so its identity says the map still holds.
 */
const maps = new WeakMap<readonly GeoFeature[], WallMap>();
function wallMapOf(features: GeoFeature[]): WallMap {
	let map = maps.get(features);
	if (!map) maps.set(features, (map = buildWallMap(features)));
	return map;
}

/** The first paint: the panels, plus the map shapes and the names needed to light the map. */
export async function displayData(app: App, unit: UnitInfo) {
	const [panels, geo, demo, childOf] = await Promise.all([
		displayPanels(app, unit),
		screenGeo(app.database, unit.code, app.now()),
		getMeta(app.database, 'demo'),
		childOfDescendants(app.database, unit.code, unit.depth)
	]);
	return {
		...panels,
		unit: { code: unit.code, name: unit.name },
		map: wallMapOf(geo.features),
		childOf,
		demo: demo !== null
	};
}

/** What changes with every event: the newest flow rows and today's counters. */
export async function displayLive(app: App, unit: UnitInfo): Promise<DisplayLive> {
	const now = app.now();
	const today = localDay(now);
	const [seq, todaySummary, feed] = await Promise.all([
		latestSeq(app.database),
		summary(app.database, unit, today, today, now),
		recentFeed(app.database, unit.code, FEED_ROWS)
	]);
	return { today, seq, todaySummary, feed, generatedAt: now.toISOString() };
}
