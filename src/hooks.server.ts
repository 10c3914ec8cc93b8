import type { Handle } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { decide } from '$lib/server/auth/guard.ts';
import { forbiddenPage } from '$lib/server/auth/forbidden-page.ts';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions.ts';

function secure(response: Response): Response {
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'DENY');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	return response;
}

/**
 * Every request: the session is resolved (→ locals.user), then the route guard
 * (auth/guard.ts) decides before any load, form action or +server.ts runs;
 * security headers go on every response (the CSP comes from kit.csp in
 * svelte.config.js). SvelteKit's own origin check runs before this hook.
 */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const app = await getApp();
		event.locals.user = await validateSession(app.database, token);
		if (!event.locals.user) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	}

	const decision = decide(event.url.pathname, event.url.search, event.locals.user);
	if (!decision.allow) {
		const headers = { 'cache-control': 'no-store' };
		if (decision.status === 303) {
			// Client-side navigation fetches __data.json: answer in SvelteKit's own redirect shape.
			if (event.isDataRequest) {
				return secure(Response.json({ type: 'redirect', location: decision.location }, { headers }));
			}
			return secure(new Response(null, { status: 303, headers: { ...headers, location: decision.location } }));
		}
		const message = 'Chỉ quản trị viên được truy cập mục này.';
		const wantsHtml = !event.isDataRequest && event.request.method === 'GET' && (event.request.headers.get('accept') ?? '').includes('text/html');
		if (wantsHtml) return secure(forbiddenPage(message));
		return secure(Response.json({ message, error: 'forbidden' }, { status: 403, headers }));
	}

	return secure(await resolve(event));
};
