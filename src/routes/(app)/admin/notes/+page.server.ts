import { z } from 'zod';
import { getApp } from '$lib/server/app.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import { searchNotes } from '$lib/server/queries/notes.ts';
import type { PageServerLoad } from './$types';

const Query = z.string().trim().max(100).catch('');

/** Every note of the admin's scope, newest first, searchable by text, author or target. */
export const load = (async ({ locals, url }) => {
	const user = requireAdmin(locals.user);
	// eslint-disable-next-line no-control-regex -- NUL is removed from the search text
	const q = Query.parse(url.searchParams.get('q') ?? '').replace(/\u0000/g, '');
	return { q, notes: await searchNotes((await getApp()).database, user.scopeCode, q) };
}) satisfies PageServerLoad;
