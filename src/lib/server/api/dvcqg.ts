/**
 * POST /api/v1/dvcqg (docs/api.md#national-portal-sync, docs/dvcqg.md): the national portal's sync calls
 * (DongBoHoSoMC, CapNhatTienDoHoSoMC) as a one-door system already sends
 * them, answered in the portal's style — `error_code` 0 with a message that
 * says "thành công" (what existing clients check), 1 otherwise — and with
 * every rule of docs/api.md#ingest (ingest key, 5 MB, all or nothing, idempotent).
 */
import { notifyAccepted, type App } from '../app.ts';
import { write } from '../ingest/ingest.ts';
import { preparePortalCall, mapErrors } from '../ingest/portal.ts';
import { metrics } from '../metrics.ts';
import { readIngestRequest } from './events.ts';
import { errorResponse, json } from './http.ts';

/** A refusal in the portal's style, keeping its status and headers (Retry-After, Connection). */
async function portalStyle(response: Response): Promise<Response> {
	let body: Record<string, unknown> = {};
	try {
		body = (await response.json()) as Record<string, unknown>;
	} catch {
		body = {};
	}
	const message =
		typeof body.error === 'string'
			? body.error
			: typeof body.message === 'string'
				? body.message
				: `HTTP ${response.status}`;
	const headers: Record<string, string> = {};
	response.headers.forEach((v, k) => (headers[k] = v));
	delete headers['content-length'];
	return new Response(JSON.stringify({ error_code: 1, message, ...body }), {
		status: response.status,
		headers
	});
}

export async function postPortalCall(app: App, request: Request): Promise<Response> {
	const req = await readIngestRequest(app, request);
	if ('response' in req) return portalStyle(req.response);
	const key = { source: req.key.source, scopeCode: req.key.scopeCode };
	try {
		const prepared = await preparePortalCall(app.database, key, req.body, new Date());
		if (!prepared.ok)
			return json(prepared.status, {
				error_code: 1,
				message: prepared.message,
				errors: prepared.errors
			});
		const result = await write(app.database, prepared.batch);
		if (result.status !== 200) {
			return json(result.status, {
				error_code: 1,
				message: 'Dữ liệu bị từ chối',
				errors: mapErrors(result.body.errors, prepared.origins)
			});
		}
		if (result.items.length > 0)
			notifyAccepted(app, { items: result.items, dossiers: result.dossiers });
		metrics.eventsAccepted.inc(result.body.accepted);
		metrics.eventsDuplicate.inc(result.body.duplicates);
		const { accepted, duplicates } = result.body;
		return json(200, {
			error_code: 0,
			message: `Đồng bộ thành công ${prepared.records} hồ sơ (${accepted} sự kiện mới, ${duplicates} trùng)`,
			accepted,
			duplicates
		});
	} catch (err) {
		return portalStyle(errorResponse(err));
	}
}
