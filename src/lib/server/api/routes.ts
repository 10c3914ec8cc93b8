/**
 * The API's route table: each endpoint under its SvelteKit route id (the
 * folder of its `+server.ts` below src/routes, `[name]` for a parameter) with
 * a handler per method. Each `+server.ts` exports `endpoint(id, method)`, and
 * the integration tests' client (tests/integration/harness.ts) dispatches
 * through the same table, so the two never drift apart.
 */
import { getApp, type App } from '../app.ts';
import { getDossierResponse } from './dossiers.ts';
import { postPortalCall } from './dvcqg.ts';
import { postEvents } from './events.ts';
import { getOpenApi } from './openapi.ts';
import { getFeed } from './feed.ts';
import { getFreshness, getRankings, getScoreboard, getSummary } from './figures.ts';
import { getNotes, patchNote, postNote } from './notes.ts';
import { getOverdue } from './overdue.ts';
import { getReminderFile, postReminder } from './reminders.ts';
import { getReceivedResolved } from './reports.ts';
import { getSnapshot, getSnapshots, postSnapshot, removeSnapshot } from './snapshots.ts';
import { getUnitGeo, getUnits } from './units.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Handler = (
	app: App,
	request: Request,
	params: Record<string, string>
) => Promise<Response>;

export const API_ROUTES = {
	'/api/v1/openapi.json': { GET: async (_app, request) => getOpenApi(request) },
	'/api/v1/events': { POST: postEvents },
	'/api/v1/dvcqg': { POST: postPortalCall },
	'/api/v1/summary': { GET: getSummary },
	'/api/v1/rankings': { GET: getRankings },
	'/api/v1/scoreboard': { GET: getScoreboard },
	'/api/v1/freshness': { GET: getFreshness },
	'/api/v1/units': { GET: getUnits },
	'/api/v1/units/[code]/geo': { GET: (app, request, p) => getUnitGeo(app, request, p.code) },
	'/api/v1/dossiers/[code]': {
		GET: (app, request, p) => getDossierResponse(app, request, p.code)
	},
	'/api/v1/overdue': { GET: getOverdue },
	'/api/v1/feed': { GET: getFeed },
	'/api/v1/reports/received-resolved': { GET: getReceivedResolved },
	'/api/v1/notes': { GET: getNotes, POST: postNote },
	'/api/v1/notes/[id]': { PATCH: (app, request, p) => patchNote(app, request, p.id) },
	'/api/v1/reminders': { POST: postReminder },
	'/api/v1/reminders/[id]': { GET: (app, request, p) => getReminderFile(app, request, p.id) },
	'/api/v1/snapshots': { GET: getSnapshots, POST: postSnapshot },
	'/api/v1/snapshots/[id]': {
		GET: (app, request, p) => getSnapshot(app, request, p.id),
		DELETE: (app, request, p) => removeSnapshot(app, request, p.id)
	}
} satisfies Record<string, Partial<Record<Method, Handler>>>;

export type RouteId = keyof typeof API_ROUTES;

/** A `+server.ts` export: the table's handler for that route and method, on the running app. */
export function endpoint<R extends RouteId>(
	route: R,
	method: keyof (typeof API_ROUTES)[R] & Method
) {
	const handler = API_ROUTES[route][method] as Handler;
	return async (event: { request: Request; params: Record<string, string> }) =>
		handler(await getApp(), event.request, event.params);
}
