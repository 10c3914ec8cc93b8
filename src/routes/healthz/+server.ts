import { health } from '$lib/server/api/health.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => health(await getApp().catch(() => null));
