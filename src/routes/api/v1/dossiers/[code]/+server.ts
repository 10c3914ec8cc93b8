import { getDossierResponse } from '$lib/server/api/dossiers.ts';
import { getApp } from '$lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) =>
	getDossierResponse(await getApp(), request, params.code);
