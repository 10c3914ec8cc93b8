import { z } from 'zod';
import { byLang } from '$lib/client/strings/forms.ts';
import { getApp } from '$lib/server/app.ts';
import {
	adminContext,
	parseForm,
	record,
	revokeAction,
	unitCode,
	unitExists
} from '$lib/server/auth/admin-forms.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import { createKey, listKeys } from '$lib/server/auth/keys.ts';
import { KEY_ROLES } from '$lib/server/auth/roles.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	requireAdmin(locals.user);
	const { database } = await getApp();
	return { keys: await listKeys(database) };
}) satisfies PageServerLoad;

const CreateKey = byLang((m) =>
	z.object({
		name: z
			.string()
			.trim()
			.min(2, m.keyName)
			.max(64, m.keyName)
			.regex(/^[\p{L}\p{N} ._-]+$/u, m.keyNameChars),
		role: z.enum(KEY_ROLES, { error: m.keyRole }),
		scope: unitCode(m)
	})
);

export const actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(CreateKey[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		const missing = await unitExists(ctx, p.data.scope);
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
	revoke: (event) => revokeAction(event, (m) => m.noKey)
} satisfies Actions;
