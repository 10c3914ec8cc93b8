import { getApp } from '$lib/server/app.ts';
import { storeStatus } from '$lib/server/queries/status.ts';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const app = await getApp();
	return { status: await storeStatus(app.database) };
}) satisfies PageServerLoad;
