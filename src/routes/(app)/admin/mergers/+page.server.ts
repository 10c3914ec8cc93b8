import { fail } from '@sveltejs/kit';
import { fill } from '$lib/client/i18n.ts';
import { adminContext, record } from '$lib/server/auth/admin-forms.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import { getApp } from '$lib/server/app.ts';
import { listMergers } from '$lib/server/queries/mergers.ts';
import { importMergers } from '$lib/server/units/mergers.ts';
import type { Actions, PageServerLoad } from './$types';

const MAX_ERRORS_SHOWN = 200;

export const load = (async ({ locals }) => {
	requireAdmin(locals.user);
	const { database } = await getApp();
	return { mergers: await listMergers(database) };
}) satisfies PageServerLoad;

export const actions = {
	/** The mapping is validated whole and applied in one transaction: nothing is written when any line is bad. */
	import: async (event) => {
		const ctx = await adminContext(event);
		const file = ctx.form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: ctx.m.mergersFileMissing, errors: [] });
		const text = await file.text();
		if (text.includes('\uFFFD')) return fail(400, { error: ctx.m.notUtf8, errors: [] });
		const result = await importMergers(ctx.database, text);
		if (!result.ok)
			return fail(400, {
				error: fill(ctx.m.fileErrors, { n: result.errors.length }),
				errors: result.errors.slice(0, MAX_ERRORS_SHOWN)
			});
		await record(ctx, 'mergers.import', file.name.slice(0, 200), {
			imported: result.imported,
			moved: result.moved
		});
		return { imported: result.imported, moved: result.moved, fileName: file.name.slice(0, 200) };
	}
} satisfies Actions;
