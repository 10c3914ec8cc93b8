import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { langOf } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { byLang, FORM_STRINGS } from '$lib/client/strings/forms.ts';
import { readForm } from '$lib/server/api/form.ts';
import { getApp } from '$lib/server/app.ts';
import { actorOf, audit } from '$lib/server/auth/audit.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/sessions.ts';
import { changePassword } from '$lib/server/auth/users.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const u = locals.user!;
	return { account: { username: u.username, role: u.role, scopeCode: u.scopeCode } };
}) satisfies PageServerLoad;

const PasswordForm = byLang((m) =>
	z
		.object({
			current: z.string().min(1, m.currentRequired).max(256),
			next: z.string().min(10, m.nextTooShort).max(256, m.nextTooLong),
			repeat: z.string()
		})
		.refine((f) => f.next === f.repeat, { message: m.repeatMismatch, path: ['repeat'] })
);

export const actions = {
	password: async ({ request, locals, cookies, url, getClientAddress }) => {
		const lang = langOf(url);
		const m = FORM_STRINGS[lang];
		const user = locals.user;
		if (!user) return fail(401, { error: ERROR_STRINGS[lang].loginRequired });
		const read = await readForm(request, lang);
		if (!read.ok) return fail(400, { error: read.error });
		const { form } = read;
		const parsed = PasswordForm[lang].safeParse({
			current: form.get('current') ?? '',
			next: form.get('next') ?? '',
			repeat: form.get('repeat') ?? ''
		});
		if (!parsed.success) return fail(400, { error: parsed.error.issues[0].message });
		const { database } = await getApp();
		const result = await changePassword(database, user.id, parsed.data.current, parsed.data.next);
		if (!result.ok) {
			const error =
				result.error === 'wrong_current'
					? m.wrongCurrent
					: result.error === 'same'
						? m.sameAsCurrent
						: m.weakPassword;
			return fail(400, { error });
		}
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		await audit(database, {
			actor: actorOf(user),
			action: 'password.change',
			target: user.username,
			ip: getClientAddress()
		});
		return { changed: true };
	}
} satisfies Actions;
