import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The overview is the page of the user's own top unit. */
export const load = (async ({ locals, url }) => {
	redirect(303, `/units/${encodeURIComponent(locals.user!.scopeCode)}${url.search}`);
}) satisfies PageServerLoad;
