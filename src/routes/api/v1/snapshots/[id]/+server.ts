import { getSnapshot, removeSnapshot } from '$lib/server/api/snapshots.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) =>
	getSnapshot(await getApp(), request, params.id);
export const DELETE: RequestHandler = async ({ request, params }) =>
	removeSnapshot(await getApp(), request, params.id);
