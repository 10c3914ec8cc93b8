import { endpoint } from '$lib/server/api/routes.ts';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = endpoint('/api/v1/notes/[id]', 'PATCH');
