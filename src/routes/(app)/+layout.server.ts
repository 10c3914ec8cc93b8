import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Every page of the app needs a signed-in user (the wall display has its own route with a key). */
export const load = (async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return { user: { username: locals.user.username, role: locals.user.role, scopeCode: locals.user.scopeCode } };
}) satisfies LayoutServerLoad;
