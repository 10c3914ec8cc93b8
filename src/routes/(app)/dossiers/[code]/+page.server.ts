import { error } from '@sveltejs/kit';
import { fill, langOf } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { getApp } from '$lib/server/app.ts';
import { getDossierTimeline } from '$lib/server/queries/dossier.ts';
import { unitPath } from '$lib/server/queries/geo.ts';
import { notesOf } from '$lib/server/queries/notes.ts';
import type { PageServerLoad } from './$types';

/** 404 for an unknown dossier and for one outside the user's scope alike (docs/api.md#authentication). */
export const load = (async ({ params, locals, url }) => {
	const e = ERROR_STRINGS[langOf(url)];
	const user = locals.user;
	if (!user) error(401, e.loginRequired);
	const noDossier = fill(e.noDossier, { code: params.code.slice(0, 64) });
	if (params.code.length > 64) error(404, noDossier);
	const app = await getApp();
	const found = await getDossierTimeline(app.database, params.code, user.scopeCode);
	if (!found) error(404, noDossier);
	const { dossier, ancestors, timeline } = found;
	const [path, notes] = await Promise.all([
		unitPath(app.database, ancestors),
		notesOf(app.database, 'dossier', dossier.dossier)
	]);
	// Only the part of the path the user may open.
	const from = path.findIndex((p) => p.code === user.scopeCode);
	return {
		dossier,
		timeline,
		path: from >= 0 ? path.slice(from) : path,
		now: app.now().toISOString(),
		notes,
		me: { username: user.username, admin: user.role === 'admin' }
	};
}) satisfies PageServerLoad;
