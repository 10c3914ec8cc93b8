/**
 * The overdue watch as JSON, for the page's live refetch: the same view (scope
 * check, filters, sort, counts) as the page load, never cached.
 */
import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { ANOMALY_ROWS, loadWatch, PAGE_ROWS, stateFor } from '../watch.server.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { user, state, lang } = stateFor(locals.user, url.searchParams);
	const view = await loadWatch(await getApp(), user, state, PAGE_ROWS, ANOMALY_ROWS, lang);
	return json(view, { headers: { 'cache-control': 'no-store' } });
};
