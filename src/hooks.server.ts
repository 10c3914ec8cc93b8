import type { Handle } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions.ts';

/** Session resolution for every request, and security headers (the CSP comes from kit.csp in svelte.config.js). */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const app = await getApp();
		event.locals.user = await validateSession(app.database, token);
		if (!event.locals.user) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	}
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};
