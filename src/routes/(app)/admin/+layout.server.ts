import { requireAdmin } from '$lib/server/auth/guard.ts';
import type { LayoutServerLoad } from './$types';

/** The route guard already refused non-admins; checked again for every admin page. */
export const load = (async ({ locals }) => {
	requireAdmin(locals.user);
	return {};
}) satisfies LayoutServerLoad;
