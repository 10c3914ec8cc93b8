import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { verifyKey } from '$lib/server/auth/keys.ts';
import { displayData } from '$lib/server/queries/display.ts';
import { getUnit, inScope } from '$lib/server/queries/units.ts';
import type { PageServerLoad } from './$types';

/** A wall display: `/display/CODE?key=KEY` with a display (or read) key whose scope holds CODE; no login. */
export const load = (async ({ params, url, setHeaders }) => {
	const token = url.searchParams.get('key');
	if (!token) error(401, 'Thiếu khóa trưng bày (?key=…)');
	const app = await getApp();
	const key = await verifyKey(app.database, token);
	if (!key || (key.role !== 'display' && key.role !== 'read')) error(401, 'Khóa trưng bày không hợp lệ hoặc đã bị thu hồi');
	const unit = await getUnit(app.database, params.code);
	if (!unit || !inScope(unit, key.scopeCode)) error(403, 'Khóa này không được xem đơn vị này');
	setHeaders({ 'cache-control': 'no-store' });
	const interval = Number(url.searchParams.get('rotate') ?? 20);
	return { ...(await displayData(app, unit)), key: token, rotateSeconds: Number.isFinite(interval) && interval >= 5 ? interval : 20 };
}) satisfies PageServerLoad;
