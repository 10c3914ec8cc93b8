import { getOverdue } from '$lib/server/api/overdue.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getOverdue(await getApp(), request);
