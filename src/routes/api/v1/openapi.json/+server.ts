import { getOpenApi } from '$lib/server/api/openapi.ts';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document (docs/api.md is its readable twin): public, cacheable. */
export const GET: RequestHandler = async ({ request }) => getOpenApi(request);
