import { endpoint } from '$lib/server/api/routes.ts';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document (docs/api.md is its readable twin): public, cacheable. */
export const GET: RequestHandler = endpoint('/api/v1/openapi.json', 'GET');
