import { fail } from '@sveltejs/kit';
import { z } from 'zod';
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

const PasswordForm = z
	.object({
		current: z.string().min(1, 'Vui lòng nhập mật khẩu hiện tại.').max(256),
		next: z
			.string()
			.min(10, 'Mật khẩu mới phải có ít nhất 10 ký tự.')
			.max(256, 'Mật khẩu mới tối đa 256 ký tự.'),
		repeat: z.string()
	})
	.refine((f) => f.next === f.repeat, {
		message: 'Hai lần nhập mật khẩu mới không khớp.',
		path: ['repeat']
	});

export const actions = {
	password: async ({ request, locals, cookies, url, getClientAddress }) => {
		const user = locals.user;
		if (!user) return fail(401, { error: 'Cần đăng nhập.' });
		const read = await readForm(request);
		if (!read.ok) return fail(400, { error: read.error });
		const { form } = read;
		const parsed = PasswordForm.safeParse({
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
					? 'Mật khẩu hiện tại không đúng.'
					: result.error === 'same'
						? 'Mật khẩu mới phải khác mật khẩu hiện tại.'
						: 'Mật khẩu mới chưa đủ mạnh (10–256 ký tự).';
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
