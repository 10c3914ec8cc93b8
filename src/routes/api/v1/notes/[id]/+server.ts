import { patchNote } from '$lib/server/api/notes.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = async ({ request, params }) =>
	patchNote(await getApp(), request, params.id);
