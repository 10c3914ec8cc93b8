import { z } from 'zod';
import { byLang } from '$lib/client/strings/forms.ts';
import { getApp } from '$lib/server/app.ts';
import {
	adminContext,
	parseForm,
	record,
	refuse,
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

const CreateUser = byLang((m) =>
	z.object({
		username: z
			.string()
			.trim()
			.regex(/^[A-Za-z0-9._-]{3,64}$/, m.usernameFormat),
		role: z.enum(USER_ROLES, { error: m.userRole }),
		scope: unitCode(m),
		password: z
			.string()
			.max(256, m.passwordTooLong)
			.refine((p) => p === '' || p.length >= 10, m.passwordTooShort)
			.default('')
	})
);

const Target = byLang((m) =>
	z.object({
		username: z
			.string()
			.trim()
			.regex(/^[A-Za-z0-9._-]{3,64}$/, m.usernameFormat)
	})
);

export const actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(CreateUser[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		const { username, role, scope } = p.data;
		const missing = await unitExists(ctx, scope);
		if (missing) return missing;
		if (await findUser(ctx.database, username))
			return refuse(400, ctx.m.userExists, { username }, 'username');
		const generated = p.data.password === '';
		const password = generated ? generatePassword() : p.data.password;
		await createUser(ctx.database, { username, role, scopeCode: scope, password });
		await record(ctx, 'user.create', username, { role, scope });
		return { created: username, password: generated ? password : null };
	},
	disable: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Target[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		if (`user:${p.data.username}` === ctx.actor) return refuse(400, ctx.m.selfDisable);
		if (!(await setUserDisabled(ctx.database, p.data.username, true)))
			return refuse(404, ctx.m.noUser, { username: p.data.username });
		await record(ctx, 'user.disable', p.data.username);
		return { done: p.data.username };
	},
	enable: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Target[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		if (!(await setUserDisabled(ctx.database, p.data.username, false)))
			return refuse(404, ctx.m.noUser, { username: p.data.username });
		await record(ctx, 'user.enable', p.data.username);
		return { done: p.data.username };
	},
	reset: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Target[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		if (`user:${p.data.username}` === ctx.actor) return refuse(400, ctx.m.selfReset);
		const password = await resetPassword(ctx.database, p.data.username);
		if (!password) return refuse(404, ctx.m.noUser, { username: p.data.username });
		await record(ctx, 'user.reset_password', p.data.username);
		return { reset: p.data.username, password };
	}
} satisfies Actions;
