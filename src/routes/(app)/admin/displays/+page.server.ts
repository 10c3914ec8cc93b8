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
import type { Actions, PageServerLoad } from './$types';

/** Wall-display links: each is a key of role `display` for one screen; the URL with its token is shown once. */
export const load = (async ({ locals }) => {
	requireAdmin(locals.user);
	const { database } = await getApp();
	return { displays: await listKeys(database, 'display') };
}) satisfies PageServerLoad;

const CreateDisplay = byLang((m) =>
	z.object({
		name: z
			.string()
			.trim()
			.min(2, m.displayName)
			.max(64, m.displayName)
			.regex(/^[\p{L}\p{N} ._-]+$/u, m.displayNameChars),
		unit: unitCode(m)
	})
);

export const actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(CreateDisplay[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		const missing = await unitExists(ctx, p.data.unit);
		if (missing) return missing;
		const { id, token } = await createKey(ctx.database, {
			name: p.data.name,
			role: 'display',
			scopeCode: p.data.unit
		});
		const url = `${event.url.origin}/display/${encodeURIComponent(p.data.unit)}?key=${encodeURIComponent(token)}`;
		await record(ctx, 'display.create', id, { name: p.data.name, unit: p.data.unit });
		return { created: { id, name: p.data.name, url } };
	},
	revoke: (event) =>
		revokeAction(
			event,
			(m) => m.noDisplay,
			(key) => key.role === 'display'
		)
} satisfies Actions;
