/** GET /api/v1/overdue?unit=CODE[&atRiskHours=24] (docs/api.md#overdue-list). */
import type { App } from '../app.ts';
import { watchlist } from '../queries/overdue.ts';
import { handle, HttpError, json, problem, requireReader, requireUnitInScope } from './http.ts';

export function getOverdue(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const raw = url.searchParams.get('atRiskHours') ?? '24';
		const hours = Number(raw);
		if (!/^\d+(\.\d+)?$/.test(raw) || hours > 24 * 366)
			throw new HttpError(problem(400, '`atRiskHours` must be a number of hours from 0 to 8784'));
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		return json(200, await watchlist(app.database, unit.code, app.now(), hours));
	});
}
