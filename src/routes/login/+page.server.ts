import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fill, langOf } from '$lib/client/i18n.ts';
import { FORM_STRINGS } from '$lib/client/strings/forms.ts';
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

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const lang = langOf(url);
		const m = FORM_STRINGS[lang];
		const read = await readForm(request, lang);
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
				error: m.loginMissing
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
				error: fill(m.loginThrottled, {
					minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60))
				})
			});
		}
		if (!result.ok)
			return fail(400, {
				username,
				throttled: false,
				error: m.loginWrong
			});
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		redirect(303, safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
