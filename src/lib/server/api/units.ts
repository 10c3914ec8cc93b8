/** GET /api/v1/units[?parent=CODE] and /api/v1/units/CODE/geo (docs/api.md#units). */
import type { App } from '../app.ts';
import { childrenGeo } from '../queries/geo.ts';
import { listUnits } from '../queries/units.ts';
import { handle, HttpError, json, problem, requireReader, requireUnitInScope } from './http.ts';

export function getUnits(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const parent = url.searchParams.get('parent');
		if (parent !== null) {
			const unit = await requireUnitInScope(app, principal, parent, 'parent');
			return json(200, { items: await listUnits(app.database, { parent: unit.code }) });
		}
		// The top of the caller's scope is the scope unit itself.
		return json(200, { items: await listUnits(app.database, { codes: [principal.scopeCode] }) });
	});
}

export function getUnitGeo(app: App, request: Request, code: string): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const level = url.searchParams.get('level') ?? 'children';
		if (level !== 'children') throw new HttpError(problem(400, '`level` must be "children"'));
		const unit = await requireUnitInScope(app, principal, code, 'code');
		return json(200, await childrenGeo(app.database, unit.code));
	});
}
