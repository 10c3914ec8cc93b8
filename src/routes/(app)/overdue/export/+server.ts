/** CSV (UTF-8 with BOM, Vietnamese headings) of the overdue watch's current tab and filters; audited. */
import { localDay } from '$lib/domain/calendar/index.ts';
import { getApp } from '$lib/server/app.ts';
import { actorOf, audit } from '$lib/server/auth/audit.ts';
import { EXPORT_ANOMALY_ROWS, loadWatch, stateFor } from '../watch.server.ts';
import { watchCsv } from './csv.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const { user, state, lang } = stateFor(locals.user, url.searchParams);
	const app = await getApp();
	const view = await loadWatch(app, user, state, null, EXPORT_ANOMALY_ROWS, lang);
	await audit(app.database, {
		actor: actorOf(user),
		action: 'export',
		target: url.pathname + url.search,
		ip: event.getClientAddress(),
		detail: { kind: 'overdue.csv', unit: view.unit.code, tab: state.tab, rows: view.total }
	});
	const day = localDay(app.now());
	const name = `theo-doi-${state.tab}-${view.unit.code}-${day}.csv`;
	return new Response(watchCsv(view, app.now()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
