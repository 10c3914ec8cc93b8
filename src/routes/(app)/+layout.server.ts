import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { loadCalendar } from '$lib/server/queries/calendar.ts';
import { silentCounters } from '$lib/server/queries/freshness.ts';
import type { LayoutServerLoad } from './$types';

/** Every page of the app needs a signed-in user (the wall display has its own route with a key). */
export const load = (async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const app = await getApp();
	// The header's badge: counters of the user's scope that sent nothing for 8 working hours (docs/domain.md#freshness).
	const silent = await silentCounters(
		app.database,
		locals.user.scopeCode,
		await loadCalendar(app.database),
		app.now()
	);
	return {
		user: {
			username: locals.user.username,
			role: locals.user.role,
			scopeCode: locals.user.scopeCode
		},
		silent
	};
}) satisfies LayoutServerLoad;
