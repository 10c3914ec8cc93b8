/**
 * GET /display/CODE/state?part=live|panels — the wall display's refreshes,
 * with the display key as `Authorization: Bearer KEY` (as the page's link).
 * `live`: today's counters and the newest flow rows (after every burst);
 * `panels`: everything but the map shapes (on `resync`, after a reconnect, and
 * every minute for the trends and the overdue picture).
 */
import { z } from 'zod';
import { getApp } from '$lib/server/app.ts';
import { authorizeDisplay, displayLive, displayPanels } from '$lib/server/queries/display.ts';
import type { RequestHandler } from './$types';

const Query = z.object({ part: z.enum(['live', 'panels']) });

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
	});
}

export const GET: RequestHandler = async ({ params, request, url }) => {
	const query = Query.safeParse({ part: url.searchParams.get('part') ?? undefined });
	if (!query.success) return json(400, { error: '`part` must be `live` or `panels`' });
	const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
	const app = await getApp();
	const access = await authorizeDisplay(app, bearer, params.code);
	if (!access.ok) return json(access.status, { error: access.message });
	const body =
		query.data.part === 'live'
			? await displayLive(app, access.unit)
			: await displayPanels(app, access.unit);
	return json(200, body);
};
