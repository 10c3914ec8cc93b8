/**
 * GET /display/CODE/state?part=live|panels — the wall display's refreshes,
 * with the display key as `Authorization: Bearer KEY` (as the page's link).
 * `live`: today's counters and the newest flow rows (after every burst);
 * `panels`: everything but the map shapes (on `resync`, after a reconnect, and
 * every minute for the trends and the overdue picture).
 */
import { z } from 'zod';
import { langOf } from '$lib/client/i18n.ts';
import { json, problem } from '$lib/server/api/http.ts';
import { getApp } from '$lib/server/app.ts';
import { bearerToken } from '$lib/server/auth/principal.ts';
import { authorizeDisplay, displayLive, displayPanels } from '$lib/server/queries/display.ts';
import type { RequestHandler } from './$types';

const Query = z.object({ part: z.enum(['live', 'panels']) });

export const GET: RequestHandler = async ({ params, request, url }) => {
	const query = Query.safeParse({ part: url.searchParams.get('part') ?? undefined });
	if (!query.success) return problem(400, '`part` must be `live` or `panels`');
	const app = await getApp();
	const access = await authorizeDisplay(app, bearerToken(request), params.code, langOf(url));
	if (!access.ok) return problem(access.status, access.message);
	const body =
		query.data.part === 'live'
			? await displayLive(app, access.unit)
			: await displayPanels(app, access.unit);
	return json(200, body);
};
