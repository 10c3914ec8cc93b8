import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { langOf } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { unsafeUrlReason } from '$lib/domain/text/safe.ts';
import { RETRY_AFTER_SECONDS } from '$lib/server/api/http.ts';
import {
	badUrlPage,
	databaseDownPage,
	forbiddenPage,
	statusResponse
} from '$lib/server/api/status-page.ts';
import { getApp } from '$lib/server/app.ts';
import { decide } from '$lib/server/auth/guard.ts';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions.ts';
import { classifyDbError, isDbError } from '$lib/server/db/errors.ts';
import { errorFields, logger } from '$lib/server/log.ts';
import { countDbError, metrics } from '$lib/server/metrics.ts';

function secure(response: Response): Response {
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'DENY');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	return response;
}

const wantsHtml = (event: RequestEvent) =>
	!event.isDataRequest &&
	event.request.method === 'GET' &&
	(event.request.headers.get('accept') ?? '').includes('text/html');

/** A caller's own request id (a proxy's X-Request-Id) when it is a plain token, else a new one. */
function requestId(request: Request): string {
	const given = request.headers.get('x-request-id');
	return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * A body no route read (a 401 before a batch was read, a refused form) is read
 * to its end and dropped: adapter-node pauses an unread request body and Node
 * then never discards it, so the keep-alive connection — and the client's
 * next request on it — would hang. adapter-node bounds it (BODY_SIZE_LIMIT).
 */
function drainBody(request: Request): void {
	const body = request.body;
	if (!body || request.bodyUsed || body.locked) return;
	const reader = body.getReader();
	const next = (): Promise<void> => reader.read().then((r) => (r.done ? undefined : next()));
	next().catch(() => {});
}

/** Health checks and scrapes come every few seconds: logged at debug level only. */
const QUIET = new Set(['/healthz', '/metrics']);

/**
 * Every request: a request id and one log line (route, status, duration);
 * a URL that is not safe text is 400 before any route sees it; the session
 * is resolved (→ locals.user) — with the database away that is a 503 page
 * that reloads itself — then the route guard (auth/guard.ts) decides before
 * any load, form action or +server.ts runs; security headers go on every
 * response (the CSP comes from kit.csp in svelte.config.js). An error that
 * `handleError` recognised (database away, a value it cannot hold) keeps its
 * own status instead of SvelteKit's 500. Pages get `<html lang>` from the
 * request's language (`?lang=en`, else Vietnamese: app.html's %lang%).
 * SvelteKit's origin check runs first.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const id = requestId(event.request);
	event.locals.requestId = id;
	event.locals.errorStatus = null;
	const response = await answer(event, resolve);
	drainBody(event.request);
	response.headers.set('x-request-id', id);
	const status = response.status;
	const seconds = (performance.now() - started) / 1000;
	const route = event.route.id ?? 'unmatched';
	metrics.httpRequests.observe(
		{ method: event.request.method, route, status: String(status) },
		seconds
	);
	const line = {
		req_id: id,
		method: event.request.method,
		route,
		status,
		ms: Math.round(seconds * 1000)
	};
	if (status >= 500) logger.warn(line, 'request');
	else if (QUIET.has(event.url.pathname)) logger.debug(line, 'request');
	else logger.info(line, 'request');
	return response;
};

async function answer(
	event: RequestEvent,
	resolve: Parameters<Handle>[0]['resolve']
): Promise<Response> {
	const lang = langOf(event.url);
	const unsafe = unsafeUrlReason(event.url);
	if (unsafe) return secure(statusResponse(badUrlPage(unsafe, lang), wantsHtml(event)));

	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		try {
			const app = await getApp();
			event.locals.user = await validateSession(app.database, token);
		} catch (err) {
			if (classifyDbError(err) !== 'unavailable') throw err;
			countDbError(err);
			return secure(statusResponse(databaseDownPage(RETRY_AFTER_SECONDS, lang), wantsHtml(event)));
		}
		if (!event.locals.user) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	}

	const decision = decide(event.url.pathname, event.url.search, event.locals.user);
	if (!decision.allow) {
		const headers = { 'cache-control': 'no-store' };
		if (decision.status === 303) {
			// Client-side navigation fetches __data.json: answer in SvelteKit's own redirect shape.
			if (event.isDataRequest) {
				return secure(
					Response.json({ type: 'redirect', location: decision.location }, { headers })
				);
			}
			return secure(
				new Response(null, { status: 303, headers: { ...headers, location: decision.location } })
			);
		}
		return secure(statusResponse(forbiddenPage(lang), wantsHtml(event)));
	}

	// `?/default` names SvelteKit's reserved action: it throws a plain Error (a 500) before any action runs.
	if (event.request.method === 'POST' && event.url.searchParams.has('/default'))
		event.locals.errorStatus = 400;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
	const status = event.locals.errorStatus;
	if (status !== null && response.status === 500) {
		const headers = new Headers(response.headers);
		if (status === 503) headers.set('retry-after', String(RETRY_AFTER_SECONDS));
		return secure(new Response(response.body, { status, statusText: '', headers }));
	}
	return secure(await withFailureStatus(event, response));
}

/**
 * A form action that fails (`fail(400, …)`) answers a client asking for JSON
 * (any client but a browser page, whose default Accept is *\/*) with 200 and
 * `{"type": "failure", "status": 400}` in the body: the HTTP status says what
 * the body says. SvelteKit's own `enhance` reads the body either way.
 */
async function withFailureStatus(event: RequestEvent, response: Response): Promise<Response> {
	if (
		event.request.method !== 'POST' ||
		response.status !== 200 ||
		event.url.pathname.startsWith('/api/')
	)
		return response;
	if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return response;
	const text = await response.text();
	let status = 200;
	try {
		const body = JSON.parse(text) as { type?: unknown; status?: unknown };
		if (
			body.type === 'failure' &&
			typeof body.status === 'number' &&
			body.status >= 400 &&
			body.status < 600
		)
			status = body.status;
	} catch {
		/* not an action result */
	}
	return new Response(text, { status, headers: response.headers });
}

/**
 * Unexpected errors of loads, actions and endpoints. The database being away
 * becomes a 503 page that says so (and reloads itself), a value the database
 * cannot hold a 400; anything else is logged with the request id — never the
 * SQL parameters — and the client sees only our own sentence and that id.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = event.locals.requestId ?? randomUUID();
	const e = ERROR_STRINGS[langOf(event.url)];
	if (status !== 500)
		return { message: status === 404 ? e.notFound : e.badRequest, code: 'http_' + status, id };
	if (event.locals.errorStatus === 400) return { message: e.badForm, code: 'bad_form', id };
	const kind = classifyDbError(error);
	if (kind !== 'internal' || isDbError(error)) countDbError(error);
	if (kind === 'unavailable') {
		event.locals.errorStatus = 503;
		logger.warn({ req_id: id, err: errorFields(error) }, 'database unavailable');
		return { message: e.databaseDownReload, code: 'db_unavailable', id };
	}
	if (kind === 'bad_input') {
		event.locals.errorStatus = 400;
		return { message: e.badInput, code: 'bad_input', id };
	}
	logger.error({ req_id: id, route: event.route.id, err: errorFields(error) }, 'unexpected error');
	return { message: e.internal, code: 'internal', id };
};
