import { getUnitGeo } from '$lib/server/api/units.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) =>
	getUnitGeo(await getApp(), request, params.code);
