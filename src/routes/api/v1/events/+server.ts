import { postEvents } from '$lib/server/api/events.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => postEvents(await getApp(), request);
