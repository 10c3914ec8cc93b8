import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { readForm } from '$lib/server/api/form.ts';
import { getApp } from '$lib/server/app.ts';
import { safeNext } from '$lib/server/auth/guard.ts';
import { attemptLogin } from '$lib/server/auth/login.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/sessions.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
}) satisfies PageServerLoad;

const LoginForm = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(256)
});

function minutes(seconds: number): string {
	return `${Math.max(1, Math.ceil(seconds / 60))} phút`;
}

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const read = await readForm(request);
		if (!read.ok) return fail(400, { username: '', throttled: false, error: read.error });
		const { form } = read;
		const parsed = LoginForm.safeParse({
			username: form.get('username') ?? '',
			password: form.get('password') ?? ''
		});
		const raw = form.get('username');
		const username = typeof raw === 'string' ? raw.trim().slice(0, 64) : '';
		if (!parsed.success)
			return fail(400, {
				username,
				throttled: false,
				error: 'Vui lòng nhập tên đăng nhập và mật khẩu.'
			});
		const app = await getApp();
		const result = await attemptLogin(app.database, {
			...parsed.data,
			ip: getClientAddress(),
			now: new Date()
		});
		if (!result.ok && result.reason === 'throttled') {
			setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return fail(429, {
				username,
				throttled: true,
				error: `Đăng nhập sai quá nhiều lần. Vì an toàn, vui lòng thử lại sau ${minutes(result.retryAfterSeconds)}.`
			});
		}
		if (!result.ok)
			return fail(400, {
				username,
				throttled: false,
				error: 'Tên đăng nhập hoặc mật khẩu không đúng.'
			});
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		redirect(303, safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
