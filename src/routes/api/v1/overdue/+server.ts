import { endpoint } from '$lib/server/api/routes.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('/api/v1/overdue', 'GET');
