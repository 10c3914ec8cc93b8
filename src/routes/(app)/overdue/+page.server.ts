import { getApp } from '$lib/server/app.ts';
import { loadWatch, stateFor } from './watch.server.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const { user, state } = stateFor(locals.user, url.searchParams);
	return { view: await loadWatch(await getApp(), user, state) };
}) satisfies PageServerLoad;
