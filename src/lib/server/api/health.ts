/** GET /healthz (docs/api.md#health-and-metrics): 200 while the database answers, 503 otherwise. */
import type { App } from '../app.ts';
import { ping } from '../queries/meta.ts';
import { json } from './http.ts';

export async function health(app: App | null): Promise<Response> {
	if (!app) return json(503, { ok: false, error: 'not started' });
	try {
		await ping(app.database, 3000);
		return json(200, { ok: true, db: app.database.kind });
	} catch (err) {
		return json(503, { ok: false, error: `database unreachable: ${(err as Error).message}` });
	}
}
