import { getReminderFile } from '$lib/server/api/reminders.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) =>
	getReminderFile(await getApp(), request, params.id);
