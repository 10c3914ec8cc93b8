import { postReminder } from '$lib/server/api/reminders.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => postReminder(await getApp(), request);
