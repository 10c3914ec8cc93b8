import type { Handle } from '@sveltejs/kit';

/** Security headers on every response (the CSP itself comes from kit.csp in svelte.config.js). */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};
