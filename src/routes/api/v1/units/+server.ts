import { getUnits } from '$lib/server/api/units.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getUnits(await getApp(), request);
