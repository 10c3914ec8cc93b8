import { error } from '@sveltejs/kit';
import { langOf } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { getApp } from '$lib/server/app.ts';
import { driftOf, snapshotBody, type Snapshot } from '$lib/server/queries/snapshots.ts';
import { getUnit, inScope } from '$lib/server/queries/units.ts';
import { notesOf } from '$lib/server/queries/notes.ts';
import type { PageServerLoad } from './$types';

/** A snapshot as frozen (the report's layout from its stored content) and the drift of the live figures since. */
export const load = (async ({ params, locals, url }) => {
	const app = await getApp();
	const found = /^snp_[a-z2-7]{16}$/.test(params.id)
		? await snapshotBody(app.database, params.id)
		: null;
	const unit = found ? await getUnit(app.database, found.unit) : null;
	if (!found || !unit || !inScope(unit, locals.user!.scopeCode))
		error(404, ERROR_STRINGS[langOf(url)].noSnapshot);
	const s = JSON.parse(found.body) as Snapshot;
	const [drift, notes] = await Promise.all([
		driftOf(app, unit, s),
		notesOf(app.database, 'snapshot', s.id)
	]);
	return {
		report: s.report,
		frozen: {
			id: s.id,
			title: s.title,
			createdAt: s.createdAt,
			createdBy: s.createdBy,
			sha256: s.sha256
		},
		frozenSummary: s.summary,
		drift,
		canDelete: locals.user!.role === 'admin',
		notes,
		me: { username: locals.user!.username, admin: locals.user!.role === 'admin' }
	};
}) satisfies PageServerLoad;
