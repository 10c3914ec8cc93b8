import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { login } from '$lib/server/auth/login.ts';
import { SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import type { Actions, PageServerLoad } from './$types';

const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export const load = (async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, error: 'Vui lòng nhập tên đăng nhập và mật khẩu.' });
		const app = await getApp();
		const session = await login(app.database, username, password);
		if (!session) return fail(400, { username, error: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
		cookies.set(SESSION_COOKIE, session.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			expires: session.expiresAt
		});
		redirect(303, safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
