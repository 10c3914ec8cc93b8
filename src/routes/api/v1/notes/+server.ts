import { getNotes, postNote } from '$lib/server/api/notes.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getNotes(await getApp(), request);
export const POST: RequestHandler = async ({ request }) => postNote(await getApp(), request);
