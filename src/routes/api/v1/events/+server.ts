import { endpoint } from '$lib/server/api/routes.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('/api/v1/events', 'POST');
