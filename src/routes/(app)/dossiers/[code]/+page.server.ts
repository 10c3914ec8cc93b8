import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { getDossier } from '$lib/server/queries/dossier.ts';
import { unitPath } from '$lib/server/queries/geo.ts';
import { getUnit } from '$lib/server/queries/units.ts';
import { notesOf } from '$lib/server/queries/notes.ts';
import { dossierTimeline } from './timeline.server.ts';
import type { PageServerLoad } from './$types';

/** 404 for an unknown dossier and for one outside the user's scope alike (docs/api.md#authentication). */
export const load = (async ({ params, locals }) => {
	const user = locals.user;
	if (!user) error(401, 'Cần đăng nhập');
	if (params.code.length > 64) error(404, 'Không có hồ sơ này trong phạm vi của bạn');
	const app = await getApp();
	const dossier = await getDossier(app.database, params.code, user.scopeCode);
	if (!dossier) error(404, `Không có hồ sơ mã ${params.code} trong phạm vi của bạn`);
	const unit = await getUnit(app.database, dossier.unit);
	const [timeline, path, notes] = await Promise.all([
		dossierTimeline(app.database, dossier.dossier),
		unit ? unitPath(app.database, unit.ancestors) : [],
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
