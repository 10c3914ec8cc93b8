import { getReceivedResolved } from '$lib/server/api/reports.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) =>
	getReceivedResolved(await getApp(), request);
