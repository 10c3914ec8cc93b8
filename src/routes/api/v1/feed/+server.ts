import { getFeed } from '$lib/server/api/feed.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getFeed(await getApp(), request);
