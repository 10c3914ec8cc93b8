/**
 * The overdue watch as JSON, for the page's live refetch: the same view (scope
 * check, filters, sort, counts) as the page load, never cached.
 */
import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { loadWatch, stateFor } from '../watch.server.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { user, state } = stateFor(locals.user, url.searchParams);
	const view = await loadWatch(await getApp(), user, state);
	return json(view, { headers: { 'cache-control': 'no-store' } });
};
