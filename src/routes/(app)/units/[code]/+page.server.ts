import { error } from '@sveltejs/kit';
import { fill, langOf } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { getApp } from '$lib/server/app.ts';
import { dashboard } from '$lib/server/queries/dashboard.ts';
import { anomalyCounts } from '$lib/server/queries/anomalies.ts';
import { comparisonRange, rangeFromQuery } from '$lib/domain/figures/presets.ts';
import { supervision } from '$lib/server/queries/supervision.ts';
import { notesOf } from '$lib/server/queries/notes.ts';
import { localDay } from '$lib/domain/calendar/days.ts';
import { getUnit, inScope } from '$lib/server/queries/units.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url, locals }) => {
	const app = await getApp();
	const e = ERROR_STRINGS[langOf(url)];
	const unit = await getUnit(app.database, params.code);
	if (!unit) error(404, fill(e.noUnit, { code: params.code }));
	if (!inScope(unit, locals.user!.scopeCode)) error(403, e.outsideScope);
	const now = app.now();
	const today = localDay(now);
	const { range } = rangeFromQuery(url.searchParams, today);
	const [d, anomalies, watch, notes] = await Promise.all([
		dashboard(app, unit, url.searchParams),
		anomalyCounts(app.database, unit.code, range.from, range.to),
		supervision(app.database, unit, range, comparisonRange(range, today), now),
		notesOf(app.database, 'unit', unit.code)
	]);
	return {
		...d,
		anomalies,
		supervision: watch,
		notes,
		me: { username: locals.user!.username, admin: locals.user!.role === 'admin' }
	};
}) satisfies PageServerLoad;
