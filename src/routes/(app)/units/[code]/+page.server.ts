import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { dashboard } from '$lib/server/queries/dashboard.ts';
import { getUnit, inScope } from '$lib/server/queries/units.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url, locals }) => {
	const app = await getApp();
	const unit = await getUnit(app.database, params.code);
	if (!unit) error(404, `Không có đơn vị mã ${params.code}`);
	if (!inScope(unit, locals.user!.scopeCode)) error(403, 'Đơn vị này nằm ngoài phạm vi của bạn');
	return dashboard(app, unit, url.searchParams);
}) satisfies PageServerLoad;
