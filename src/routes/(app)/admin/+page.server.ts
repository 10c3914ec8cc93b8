import { redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	requireAdmin(locals.user);
	redirect(303, `/admin/users${url.search}`);
}) satisfies PageServerLoad;
