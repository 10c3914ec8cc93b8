import { getSnapshots, postSnapshot } from '$lib/server/api/snapshots.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getSnapshots(await getApp(), request);
export const POST: RequestHandler = async ({ request }) => postSnapshot(await getApp(), request);
