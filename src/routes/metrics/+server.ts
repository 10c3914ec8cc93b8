import { getMetrics } from '$lib/server/api/metrics.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, getClientAddress }) =>
	getMetrics(request, getClientAddress());
