/** POST /api/v1/events (docs/api.md#ingest). */
import { notifyAccepted, type App } from '../app.ts';
import { bearerToken } from '../auth/principal.ts';
import { verifyKey } from '../auth/keys.ts';
import type { Principal } from '../auth/roles.ts';
import { ingest, MAX_EVENTS } from '../ingest/ingest.ts';
import { metrics } from '../metrics.ts';
import { errorResponse, json, problem } from './http.ts';

type VerifiedKey = Extract<Principal, { kind: 'key' }>;

export const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The body as text, or null when it exceeds `limit` bytes (declared or sent,
 * also chunked). An oversized body is still read to its end and thrown away:
 * a stream left half-read stalls the keep-alive connection and the sender's
 * next request on it (adapter-node pauses the request and never lets Node
 * discard the rest), and cancelling it resets the connection before the 413
 * is read. adapter-node itself refuses beyond BODY_SIZE_LIMIT (6 MB); after
 * that error it discards the rest of the body itself.
 */
async function readLimited(
	request: Request,
	limit: number
): Promise<{ text: string } | { tooLarge: true; drained: boolean }> {
	let over = Number(request.headers.get('content-length') ?? NaN) > limit;
	if (!request.body) return over ? { tooLarge: true, drained: true } : { text: '' };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) over = true;
			if (!over) chunks.push(value);
		}
	} catch {
		return { tooLarge: true, drained: false };
	}
	return over
		? { tooLarge: true, drained: true }
		: { text: Buffer.concat(chunks).toString('utf8') };
}

/** POST /api/v1/events, measured: batch latency by answer status, events accepted / duplicate / refused. */
export async function postEvents(app: App, request: Request): Promise<Response> {
	const started = performance.now();
	const { response, events } = await answerEvents(app, request);
	const status = String(response.status);
	metrics.batchSeconds.observe({ status }, (performance.now() - started) / 1000);
	if (response.status !== 200 && events > 0) metrics.eventsRejected.inc({ status }, events);
	return response;
}

/** A sender's request: its ingest key and its body as JSON, or the answer that refuses it (401, 403, 413, 400). */
export async function readIngestRequest(
	app: App,
	request: Request
): Promise<{ key: VerifiedKey; body: unknown } | { response: Response }> {
	const token = bearerToken(request);
	let key;
	try {
		key = token ? await verifyKey(app.database, token) : null;
	} catch (err) {
		return { response: errorResponse(err) };
	}
	if (!key)
		return { response: problem(401, 'a valid API key is required: `Authorization: Bearer <key>`') };
	if (key.role !== 'ingest')
		return {
			response: problem(403, `this key has role "${key.role}"; sending events needs role "ingest"`)
		};

	const read = await readLimited(request, MAX_BYTES);
	if ('tooLarge' in read)
		return {
			response: problem(
				413,
				`the body exceeds ${MAX_BYTES} bytes (5 MB)`,
				{},
				read.drained ? {} : { connection: 'close' }
			)
		};
	try {
		return { key, body: JSON.parse(read.text) };
	} catch (err) {
		return {
			response: json(400, {
				errors: [{ index: -1, path: '', message: `invalid JSON: ${(err as Error).message}` }]
			})
		};
	}
}

async function answerEvents(
	app: App,
	request: Request
): Promise<{ response: Response; events: number }> {
	const respond = (response: Response, events = 0) => ({ response, events });
	const req = await readIngestRequest(app, request);
	if ('response' in req) return respond(req.response);
	const { key, body } = req;
	const events = (body as { events?: unknown })?.events;
	if (!Array.isArray(events)) {
		return respond(
			json(400, {
				errors: [{ index: -1, path: 'events', message: 'the body must be {"events": [ … ]}' }]
			})
		);
	}
	if (events.length > MAX_EVENTS)
		return respond(
			problem(413, `at most ${MAX_EVENTS} events per batch, got ${events.length}`),
			events.length
		);

	try {
		const result = await ingest(app.database, key, events);
		if (result.status !== 200) return respond(json(result.status, result.body), events.length);
		if (result.items.length > 0)
			notifyAccepted(app, { items: result.items, dossiers: result.dossiers });
		metrics.eventsAccepted.inc(result.body.accepted);
		metrics.eventsDuplicate.inc(result.body.duplicates);
		return respond(json(200, result.body));
	} catch (err) {
		return respond(errorResponse(err), events.length);
	}
}
