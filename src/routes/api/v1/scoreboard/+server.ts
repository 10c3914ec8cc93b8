import { getScoreboard } from '$lib/server/api/figures.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getScoreboard(await getApp(), request);
