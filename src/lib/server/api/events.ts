/** POST /api/v1/events (CONTRACT §3). */
import { isUnavailableError } from '../db/index.ts';
import { notifyAccepted, type App } from '../app.ts';
import { bearerToken } from '../auth/principal.ts';
import { verifyKey } from '../auth/keys.ts';
import { ingest, MAX_EVENTS } from '../ingest/ingest.ts';
import { json, problem } from './http.ts';

export const MAX_BYTES = 5 * 1024 * 1024;

async function readLimited(request: Request, limit: number): Promise<string | null> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) return null;
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function unavailable(): Response {
	return json(503, { error: 'the database cannot take writes right now; retry later' }, { 'retry-after': '5' });
}

export async function postEvents(app: App, request: Request): Promise<Response> {
	const token = bearerToken(request);
	let key;
	try {
		key = token ? await verifyKey(app.database, token) : null;
	} catch (err) {
		if (isUnavailableError(err)) return unavailable();
		throw err;
	}
	if (!key) return problem(401, 'a valid API key is required: `Authorization: Bearer <key>`');
	if (key.role !== 'ingest') return problem(403, `this key has role "${key.role}"; sending events needs role "ingest"`);

	const text = await readLimited(request, MAX_BYTES);
	if (text === null) return problem(413, `the body exceeds ${MAX_BYTES} bytes (5 MB)`);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (err) {
		return json(400, { errors: [{ index: -1, path: '', message: `invalid JSON: ${(err as Error).message}` }] });
	}
	const events = (body as { events?: unknown })?.events;
	if (!Array.isArray(events)) {
		return json(400, { errors: [{ index: -1, path: 'events', message: 'the body must be {"events": [ … ]}' }] });
	}
	if (events.length > MAX_EVENTS) return problem(413, `at most ${MAX_EVENTS} events per batch, got ${events.length}`);

	try {
		const result = await ingest(app.database, key, events);
		if (result.status !== 200) return json(result.status, result.body);
		if (result.items.length > 0) notifyAccepted(app, { items: result.items, dossiers: result.dossiers });
		return json(200, result.body);
	} catch (err) {
		if (isUnavailableError(err)) return unavailable();
		throw err;
	}
}
