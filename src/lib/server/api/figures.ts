/** GET /api/v1/summary, /api/v1/rankings, /api/v1/scoreboard and /api/v1/freshness (docs/api.md#summary, #rankings, #scoreboard, #freshness). */
import { METRICS, type Metric } from '../../domain/figures/metrics.ts';
import type { App } from '../app.ts';
import { rankings } from '../queries/rankings.ts';
import { loadCalendar } from '../queries/calendar.ts';
import { freshness } from '../queries/freshness.ts';
import { scoreboard } from '../queries/scoreboard.ts';
import { summary } from '../queries/summary.ts';
import {
	handle,
	HttpError,
	json,
	problem,
	requirePeriod,
	requireReader,
	requireUnitInScope
} from './http.ts';

export function getSummary(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const period = requirePeriod(url);
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		return json(200, await summary(app.database, unit, period.from, period.to, app.now()));
	});
}

export function getRankings(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const metric = url.searchParams.get('metric') ?? '';
		if (!(METRICS as readonly string[]).includes(metric)) {
			throw new HttpError(problem(400, `\`metric\` must be one of ${METRICS.join(', ')}`));
		}
		const levelRaw = url.searchParams.get('level') ?? '1';
		const level = Number(levelRaw);
		if (!/^\d+$/.test(levelRaw) || level < 1 || level > 10)
			throw new HttpError(problem(400, '`level` must be a whole number from 1 to 10'));
		const period = requirePeriod(url);
		const parent = await requireUnitInScope(
			app,
			principal,
			url.searchParams.get('parent'),
			'parent'
		);
		return json(
			200,
			await rankings(app.database, parent, metric as Metric, period.from, period.to, level)
		);
	});
}

/** The scoreboard estimate (docs/api.md#scoreboard), exactly its shape (the what-if of today is on the unit page). */
export function getScoreboard(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const period = requirePeriod(url);
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		return json(
			200,
			(await scoreboard(app.database, unit, period.from, period.to, app.now())).board
		);
	});
}

export function getFreshness(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		const now = app.now();
		return json(200, await freshness(app.database, unit, await loadCalendar(app.database), now));
	});
}
