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
import { createKey, listKeys, revokeKey } from '$lib/server/auth/keys.ts';
import { KEY_ROLES } from '$lib/server/auth/roles.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	requireAdmin(locals.user);
	const { database } = await getApp();
	return { keys: await listKeys(database) };
}) satisfies PageServerLoad;

const CreateKey = z.object({
	name: z
		.string()
		.trim()
		.min(2, 'Tên khóa: 2–64 ký tự.')
		.max(64, 'Tên khóa: 2–64 ký tự.')
		.regex(
			/^[\p{L}\p{N} ._-]+$/u,
			'Tên khóa chỉ gồm chữ, số, dấu cách, dấu chấm, gạch ngang, gạch dưới.'
		),
	role: z.enum(KEY_ROLES, { error: 'Vai trò khóa phải là ingest, read hoặc display.' }),
	scope: unitCode
});

const Revoke = z.object({
	id: z
		.string()
		.trim()
		.regex(/^k[a-z0-9]{16}$/, 'Mã khóa không hợp lệ.')
});

export const actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(CreateKey, ctx.form);
		if (!p.ok) return p.failure;
		const missing = await unitExists(ctx.database, p.data.scope);
		if (missing) return missing;
		const { id, token } = await createKey(ctx.database, {
			name: p.data.name,
			role: p.data.role,
			scopeCode: p.data.scope
		});
		await record(ctx, 'key.create', id, {
			name: p.data.name,
			role: p.data.role,
			scope: p.data.scope
		});
		return { created: { id, name: p.data.name, token } };
	},
	revoke: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Revoke, ctx.form);
		if (!p.ok) return p.failure;
		const key = await revokeKey(ctx.database, p.data.id);
		if (!key) return fail(404, { error: 'Không có khóa này, hoặc khóa đã bị thu hồi.', field: '' });
		await record(ctx, 'key.revoke', key.id, {
			name: key.name,
			role: key.role,
			scope: key.scopeCode
		});
		return { revoked: key.id };
	}
} satisfies Actions;
