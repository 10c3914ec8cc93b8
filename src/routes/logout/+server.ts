import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { audit, actorOf } from '$lib/server/auth/audit.ts';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import type { RequestHandler } from './$types';

/** POST only (a link or image cannot log anyone out); the session row is deleted, not just the cookie. */
export const POST: RequestHandler = async ({ locals, cookies, getClientAddress }) => {
	if (locals.user) {
		const { database } = await getApp();
		await invalidateSession(database, locals.user.sessionId);
		await audit(database, {
			actor: actorOf(locals.user),
			action: 'logout',
			target: locals.user.username,
			ip: getClientAddress()
		});
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
