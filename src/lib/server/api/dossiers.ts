/** GET /api/v1/dossiers/CODE (docs/api.md#one-dossier). */
import type { App } from '../app.ts';
import { getDossier } from '../queries/dossier.ts';
import { handle, json, problem, requireReader } from './http.ts';

export function getDossierResponse(app: App, request: Request, code: string): Promise<Response> {
	return handle(request, async () => {
		const principal = await requireReader(app, request);
		const dossier = await getDossier(app.database, code, principal.scopeCode);
		return dossier ? json(200, dossier) : problem(404, `no dossier "${code}" in your scope`);
	});
}
