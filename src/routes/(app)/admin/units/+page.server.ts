import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { byLang } from '$lib/client/strings/forms.ts';
import { getApp } from '$lib/server/app.ts';
import { fill } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { adminContext, parseForm, record, unitCode } from '$lib/server/auth/admin-forms.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import { portalCodesOf, setPortalCode } from '$lib/server/queries/portal-codes.ts';
import { getUnit, listUnits, topUnitCodes } from '$lib/server/queries/units.ts';
import { DVCQG_CODE_PATTERN } from '$lib/domain/units/fields.ts';
import { importUnits } from '$lib/server/units/import.ts';
import { MAX_ERRORS_SHOWN, previewUnits, uploadedText } from './preview.server.ts';
import type { Actions, PageServerLoad } from './$types';

const Parent = z
	.string()
	.trim()
	.max(32)
	.regex(/^[A-Za-z0-9._-]*$/)
	.catch('');

/** Browse the tree one level at a time (`?parent=CODE`), with the path back to the top. */
export const load = (async ({ locals, url }) => {
	requireAdmin(locals.user);
	const { database } = await getApp();
	const parentCode = Parent.parse(url.searchParams.get('parent') ?? '');
	const parent = parentCode ? await getUnit(database, parentCode) : null;
	const children = parent
		? await listUnits(database, { parent: parent.code })
		: await listUnits(database, { codes: await topUnitCodes(database) });
	const portal = await portalCodesOf(
		database,
		children.map((c) => c.code)
	);
	const rows = children.map((c) => ({ ...c, dvcqgCode: portal.get(c.code) ?? null }));
	const trail = parent
		? await Promise.all(
				parent.ancestors.map(async (code) => ({
					code,
					name: (await getUnit(database, code))?.name ?? code
				}))
			)
		: [];
	return {
		parent: parent ? { code: parent.code, name: parent.name, type: parent.type } : null,
		missing: parentCode && !parent ? parentCode : null,
		children: rows,
		trail
	};
}) satisfies PageServerLoad;

const PortalForm = byLang((m) =>
	z.object({
		code: unitCode(m),
		dvcqg_code: z
			.string()
			.trim()
			.max(64, m.dvcqgTooLong)
			.refine((v) => v === '' || DVCQG_CODE_PATTERN.test(v), m.dvcqgChars)
	})
);

export const actions = {
	/** A unit's code on the national portal (MaDonVi), for POST /api/v1/dvcqg; empty clears it. */
	portal: async (event) => {
		const ctx = await adminContext(event);
		const parsed = parseForm(PortalForm[ctx.lang], ctx.form);
		if (!parsed.ok) return parsed.failure;
		const { code, dvcqg_code } = parsed.data;
		const value = dvcqg_code === '' ? null : dvcqg_code;
		const r = await setPortalCode(ctx.database, code, value);
		if (!r.ok) {
			const error =
				r.reason === 'unknown'
					? fill(ERROR_STRINGS[ctx.lang].noUnit, { code })
					: fill(ctx.m.dvcqgTaken, { code: value ?? '', holder: String(r.holder) });
			return fail(400, { error, field: 'dvcqg_code', portalUnit: code });
		}
		await record(ctx, 'units.dvcqg_code', code, { dvcqgCode: value });
		return { portalSaved: code };
	},
	/** Step 1: parse and validate; nothing is written. */
	preview: async (event) => {
		const ctx = await adminContext(event);
		const file = await uploadedText(ctx.form, ctx.m);
		if (!file.ok) return fail(400, { error: file.error });
		return { preview: await previewUnits(ctx.database, file.name, file.text) };
	},
	/** Step 2: the same file again, validated again inside the import's transaction. */
	import: async (event) => {
		const ctx = await adminContext(event);
		const file = await uploadedText(ctx.form, ctx.m);
		if (!file.ok) return fail(400, { error: file.error });
		const result = await importUnits(ctx.database, file.name, file.text);
		if (!result.ok) {
			const preview = await previewUnits(ctx.database, file.name, file.text);
			const errors = {
				errorCount: result.errors.length,
				errors: result.errors.slice(0, MAX_ERRORS_SHOWN)
			};
			return fail(400, {
				error: fill(ctx.m.fileErrors, { n: result.errors.length }),
				preview: { ...preview, ...errors }
			});
		}
		await record(ctx, 'units.import', file.name, {
			imported: result.imported,
			moved: result.moved,
			rebuilt: result.rebuilt
		});
		return { imported: result.imported, moved: result.moved, fileName: file.name };
	}
} satisfies Actions;
