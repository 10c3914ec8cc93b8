import { getApp } from '$lib/server/app.ts';
import { ANOMALY_ROWS, loadWatch, PAGE_ROWS, stateFor } from './watch.server.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const { user, state, lang } = stateFor(locals.user, url.searchParams);
	return { view: await loadWatch(await getApp(), user, state, PAGE_ROWS, ANOMALY_ROWS, lang) };
}) satisfies PageServerLoad;
