import { postPortalCall } from '$lib/server/api/dvcqg.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => postPortalCall(await getApp(), request);
