import { endpoint } from '$lib/server/api/routes.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('/api/v1/snapshots/[id]', 'GET');
export const DELETE: RequestHandler = endpoint('/api/v1/snapshots/[id]', 'DELETE');
