import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getApp } from '$lib/server/app.ts';
import {
	adminContext,
	parseForm,
	record,
	unitCode,
	unitExists
} from '$lib/server/auth/admin-forms.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import { USER_ROLES } from '$lib/server/auth/roles.ts';
import {
	createUser,
	findUser,
	generatePassword,
	listUsers,
	resetPassword,
	setUserDisabled
} from '$lib/server/auth/users.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const me = requireAdmin(locals.user);
	const { database } = await getApp();
	return { me: me.username, users: await listUsers(database) };
}) satisfies PageServerLoad;

const username = z
	.string()
	.trim()
	.regex(
		/^[A-Za-z0-9._-]{3,64}$/,
		'Tên đăng nhập: 3–64 ký tự gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.'
	);

const CreateUser = z.object({
	username,
	role: z.enum(USER_ROLES, { error: 'Vai trò phải là admin, supervisor hoặc unit.' }),
	scope: unitCode,
	password: z
		.string()
		.max(256, 'Mật khẩu tối đa 256 ký tự.')
		.refine(
			(p) => p === '' || p.length >= 10,
			'Mật khẩu phải có ít nhất 10 ký tự (hoặc để trống để tạo tự động).'
		)
		.default('')
});

const Target = z.object({ username });

export const actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(CreateUser, ctx.form);
		if (!p.ok) return p.failure;
		const { username, role, scope } = p.data;
		const missing = await unitExists(ctx.database, scope);
		if (missing) return missing;
		if (await findUser(ctx.database, username))
			return fail(400, { error: `Đã có người dùng "${username}".`, field: 'username' });
		const generated = p.data.password === '';
		const password = generated ? generatePassword() : p.data.password;
		await createUser(ctx.database, { username, role, scopeCode: scope, password });
		await record(ctx, 'user.create', username, { role, scope });
		return { created: username, password: generated ? password : null };
	},
	disable: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Target, ctx.form);
		if (!p.ok) return p.failure;
		if (`user:${p.data.username}` === ctx.actor)
			return fail(400, { error: 'Không thể tự khóa tài khoản của chính mình.', field: '' });
		if (!(await setUserDisabled(ctx.database, p.data.username, true)))
			return fail(404, { error: `Không có người dùng "${p.data.username}".`, field: '' });
		await record(ctx, 'user.disable', p.data.username);
		return { done: p.data.username };
	},
	enable: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Target, ctx.form);
		if (!p.ok) return p.failure;
		if (!(await setUserDisabled(ctx.database, p.data.username, false)))
			return fail(404, { error: `Không có người dùng "${p.data.username}".`, field: '' });
		await record(ctx, 'user.enable', p.data.username);
		return { done: p.data.username };
	},
	reset: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Target, ctx.form);
		if (!p.ok) return p.failure;
		if (`user:${p.data.username}` === ctx.actor)
			return fail(400, { error: 'Đổi mật khẩu của chính mình ở trang Tài khoản.', field: '' });
		const password = await resetPassword(ctx.database, p.data.username);
		if (!password)
			return fail(404, { error: `Không có người dùng "${p.data.username}".`, field: '' });
		await record(ctx, 'user.reset_password', p.data.username);
		return { reset: p.data.username, password };
	}
} satisfies Actions;
