import { error } from '@sveltejs/kit';
import { langOf } from '$lib/client/i18n.ts';
import { getApp } from '$lib/server/app.ts';
import { reportPage, resolveReportRequest } from '$lib/server/queries/report-page.ts';
import { listSnapshots } from '$lib/server/queries/snapshots.ts';
import { notesOf } from '$lib/server/queries/notes.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const app = await getApp();
	const scope = locals.user!.scopeCode;
	const r = await resolveReportRequest(app, scope, url.searchParams, langOf(url));
	if (!r.ok) error(r.error.status, r.error.message);
	const [report, snapshots, notes] = await Promise.all([
		reportPage(app, r.value.unit, r.value.choice, scope),
		listSnapshots(app.database, r.value.unit.code, 20),
		notesOf(app.database, 'unit', r.value.unit.code)
	]);
	return {
		...report,
		snapshots,
		notes,
		me: { username: locals.user!.username, admin: locals.user!.role === 'admin' }
	};
}) satisfies PageServerLoad;
