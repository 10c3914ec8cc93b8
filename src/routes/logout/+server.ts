import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.user) await invalidateSession((await getApp()).database, locals.user.sessionId);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
