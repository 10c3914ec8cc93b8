/**
 * The access policy the matrix checks: for every route (page, form action,
 * endpoint method) the request to send and the status each principal must get
 * for a unit inside and outside its scope. A route file without an entry here
 * fails tests/e2e/access-matrix.spec.ts — add the route's entry with its guard.
 */
export type Scope = 'in' | 'out';
export type Who =
	| { kind: 'anonymous'; name: 'anonymous'; scopeCode: '38' }
	| { kind: 'user'; name: string; role: 'admin' | 'supervisor' | 'unit'; scopeCode: string }
	| {
			kind: 'key';
			name: string;
			role: 'ingest' | 'read' | 'display';
			scopeCode: string;
			token: string;
	  };

/** What a request is built from: the principal's unit and dossier for the scope case, and its key (display links carry it in the URL). */
export type Ctx = { unit: string; dossier: string; key: string };

export type Case = {
	method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
	path: (c: Ctx) => string;
	/** Sent as a form (POST to a form action or /login); JSON for the API. */
	form?: Record<string, string>;
	json?: (c: Ctx, who: Who) => unknown;
	/** Whether the route takes a unit (then both scope cases run). */
	scoped: boolean;
	expect: (who: Who, scope: Scope) => number;
	/** Use a throwaway session (the request ends it). */
	fresh?: boolean;
};

const isUser = (w: Who) => w.kind === 'user';
const isReaderKey = (w: Who) => w.kind === 'key' && (w.role === 'read' || w.role === 'display');

/** A page or endpoint behind the login: anonymous and API keys go to /login; users see their scope only. */
const page =
	(inStatus = 200, outStatus = 403) =>
	(w: Who, s: Scope) =>
		isUser(w) ? (s === 'in' ? inStatus : outStatus) : 303;
/** /admin/**: the hook answers 403 to signed-in non-admins, before any route code. */
const admin =
	(status = 200) =>
	(w: Who) =>
		w.kind === 'user' ? (w.role === 'admin' ? status : 403) : 303;
/** The public API: 401 without a credential, 403 for an ingest key (write-only), the scope otherwise. */
const api =
	(outStatus = 403) =>
	(w: Who, s: Scope) =>
		w.kind === 'anonymous'
			? 401
			: w.kind === 'key' && w.role === 'ingest'
				? 403
				: s === 'in'
					? 200
					: outStatus;
/** Wall displays: a read or display key whose scope holds the unit; no login, a session alone is not enough. */
const display = (w: Who, s: Scope) => (isReaderKey(w) ? (s === 'in' ? 200 : 403) : 401);

const DAY = 'from=2024-01-01&to=2024-01-31';
const u = (c: Ctx) => encodeURIComponent(c.unit);
const get = (path: (c: Ctx) => string, expect: Case['expect'], scoped = true): Case => ({
	method: 'GET',
	path,
	expect,
	scoped
});
const action = (path: string, expect: Case['expect']): Case => ({
	method: 'POST',
	path: () => path,
	form: {},
	expect,
	scoped: false
});

export const POLICY: Record<string, Case[]> = {
	// Public before login.
	'PAGE /login': [
		get(
			() => '/login',
			(w) => (isUser(w) ? 303 : 200),
			false
		)
	],
	// An empty form is refused by validation (and is not a failed login); a signed-in user is sent on by the page's load.
	'ACTION /login?/default': [action('/login', (w) => (isUser(w) ? 303 : 400))],
	'POST /logout': [
		{
			method: 'POST',
			path: () => '/logout',
			form: {},
			expect: () => 303,
			scoped: false,
			fresh: true
		}
	],
	'GET /healthz': [
		get(
			() => '/healthz',
			() => 200,
			false
		)
	],
	// Loopback callers (the e2e server listens on 127.0.0.1) may scrape without METRICS_TOKEN.
	'GET /metrics': [
		get(
			() => '/metrics',
			() => 200,
			false
		)
	],
	'PAGE /display/[code]': [
		get((c) => `/display/${u(c)}${c.key ? `?key=${encodeURIComponent(c.key)}` : ''}`, display)
	],
	'GET /display/[code]/state': [get((c) => `/display/${u(c)}/state?part=live`, display)],

	// Pages behind the login, scoped to the user's unit subtree.
	'PAGE /': [
		get(
			() => '/',
			() => 303,
			false
		)
	],
	'PAGE /units/[code]': [get((c) => `/units/${u(c)}`, page())],
	'PAGE /dossiers/[code]': [
		get((c) => `/dossiers/${encodeURIComponent(c.dossier)}`, page(200, 404))
	],
	'PAGE /overdue': [get((c) => `/overdue?unit=${u(c)}`, page())],
	'GET /overdue/data': [get((c) => `/overdue/data?unit=${u(c)}`, page())],
	'GET /overdue/export': [get((c) => `/overdue/export?unit=${u(c)}`, page())],
	'PAGE /reports': [get((c) => `/reports?unit=${u(c)}`, page())],
	// A snapshot that does not exist: 404 for every signed-in user (the scoped cases run in tests/integration/snapshots.test.ts).
	'PAGE /reminders/[id]': [get(() => '/reminders/rem_aaaaaaaaaaaaa', page(404, 404), false)],
	'PAGE /snapshots/[id]': [get(() => '/snapshots/snp_aaaaaaaaaaaaaaaa', page(404, 404), false)],
	'PAGE /account': [get(() => '/account', page(), false)],
	'ACTION /account?/password': [action('/account?/password', page(400))],

	// Administration: admins only (the forms answer 400 to an admin's empty submission: validated, nothing written).
	'PAGE /admin': [get(() => '/admin', admin(303), false)],
	'PAGE /admin/users': [get(() => '/admin/users', admin(), false)],
	'ACTION /admin/users?/create': [action('/admin/users?/create', admin(400))],
	'ACTION /admin/users?/disable': [action('/admin/users?/disable', admin(400))],
	'ACTION /admin/users?/enable': [action('/admin/users?/enable', admin(400))],
	'ACTION /admin/users?/reset': [action('/admin/users?/reset', admin(400))],
	'PAGE /admin/keys': [get(() => '/admin/keys', admin(), false)],
	'ACTION /admin/keys?/create': [action('/admin/keys?/create', admin(400))],
	'ACTION /admin/keys?/revoke': [action('/admin/keys?/revoke', admin(400))],
	'PAGE /admin/displays': [get(() => '/admin/displays', admin(), false)],
	'ACTION /admin/displays?/create': [action('/admin/displays?/create', admin(400))],
	'ACTION /admin/displays?/revoke': [action('/admin/displays?/revoke', admin(400))],
	'PAGE /admin/units': [get(() => '/admin/units', admin(), false)],
	'ACTION /admin/units?/preview': [action('/admin/units?/preview', admin(400))],
	'ACTION /admin/units?/import': [action('/admin/units?/import', admin(400))],
	'ACTION /admin/units?/portal': [action('/admin/units?/portal', admin(400))],
	'PAGE /admin/mergers': [get(() => '/admin/mergers', admin(), false)],
	'ACTION /admin/mergers?/import': [action('/admin/mergers?/import', admin(400))],
	'PAGE /admin/audit': [get(() => '/admin/audit', admin(), false)],
	'PAGE /admin/notes': [get(() => '/admin/notes?q=x', admin(), false)],
	'PAGE /admin/calendar': [get(() => '/admin/calendar', admin(), false)],
	'ACTION /admin/calendar?/set': [action('/admin/calendar?/set', admin(400))],
	'ACTION /admin/calendar?/remove': [action('/admin/calendar?/remove', admin(400))],

	// The public API (docs/api.md): keys or a session.
	'POST /api/v1/events': [
		{
			method: 'POST',
			path: () => '/api/v1/events',
			json: (c, w) => {
				const dossier = `AM-EV-${w.name}-${c.unit}`;
				return {
					events: [
						{
							id: `am-${dossier}`,
							type: 'dossier.received',
							at: '2024-01-15T09:00:00+07:00',
							unit: c.unit,
							dossier,
							procedure: 'KS',
							field: 'HT',
							channel: 'direct',
							processingDays: 3
						},
						{
							id: `am-${dossier}-done`,
							type: 'dossier.resolved',
							at: '2024-01-16T09:00:00+07:00',
							unit: c.unit,
							dossier
						}
					]
				};
			},
			scoped: true,
			// Only ingest keys write; a session or a read/display key does not.
			expect: (w, s) =>
				w.kind === 'key' ? (w.role === 'ingest' ? (s === 'in' ? 200 : 403) : 403) : 401
		}
	],
	'POST /api/v1/dvcqg': [
		{
			method: 'POST',
			path: () => '/api/v1/dvcqg',
			json: (c, w) => ({
				service: 'DongBoHoSoMC',
				madonvi: c.unit,
				isUpdating: 'False',
				data: [
					{
						MaHoSo: `AM-DV-${w.name}-${c.unit}`,
						MaTTHC: 'KS',
						MaLinhVuc: 'HT',
						NgayTiepNhan: '20240115090000',
						NgayHenTra: '20240118170000',
						TrangThaiHoSo: '10',
						NgayKetThucXuLy: '20240116090000',
						NgayTra: '20240116100000'
					}
				]
			}),
			scoped: true,
			expect: (w, s) =>
				w.kind === 'key' ? (w.role === 'ingest' ? (s === 'in' ? 200 : 403) : 403) : 401
		}
	],
	// The OpenAPI document is public (no credential needed, nothing scoped).
	'GET /api/v1/openapi.json': [
		get(
			() => '/api/v1/openapi.json',
			() => 200,
			false
		)
	],
	'GET /api/v1/summary': [get((c) => `/api/v1/summary?unit=${u(c)}&${DAY}`, api())],
	// Snapshots (§11): only a signed-in user creates one (keys 403), in scope; reading as §4; deleting is an admin's.
	'POST /api/v1/snapshots': [
		{
			method: 'POST',
			path: () => '/api/v1/snapshots',
			json: (c) => ({
				unit: c.unit,
				from: '2024-01-01',
				to: '2024-01-31',
				title: 'Ma trận truy cập'
			}),
			scoped: true,
			expect: (w, s) =>
				w.kind === 'anonymous' ? 401 : w.kind === 'key' ? 403 : s === 'in' ? 201 : 403
		}
	],
	// Notes and reminders: signed-in users only (keys 403), on what lies in their scope.
	'GET /api/v1/notes': [
		get(
			(c) => `/api/v1/notes?kind=unit&target=${u(c)}`,
			(w, s) => (w.kind === 'anonymous' ? 401 : w.kind === 'key' ? 403 : s === 'in' ? 200 : 404)
		)
	],
	'POST /api/v1/notes': [
		{
			method: 'POST',
			path: () => '/api/v1/notes',
			json: (c) => ({ kind: 'unit', target: c.unit, text: 'Ghi chú của ma trận truy cập' }),
			scoped: true,
			expect: (w, s) =>
				w.kind === 'anonymous' ? 401 : w.kind === 'key' ? 403 : s === 'in' ? 201 : 404
		}
	],
	'PATCH /api/v1/notes/[id]': [
		{
			method: 'PATCH',
			path: () => '/api/v1/notes/note_aaaaaaaaaaaaa',
			json: () => ({ text: 'x' }),
			scoped: false,
			expect: (w) => (w.kind === 'anonymous' ? 401 : w.kind === 'key' ? 403 : 404)
		}
	],
	'POST /api/v1/reminders': [
		{
			method: 'POST',
			path: () => '/api/v1/reminders',
			json: (c) => ({
				unit: c.unit,
				channel: 'phone',
				text: 'Nhắc thử',
				dossiers: ['KHONG-CO-HO-SO']
			}),
			scoped: true,
			// A dossier that is not there: 400 in scope (nothing recorded), 403 outside it.
			expect: (w, s) =>
				w.kind === 'anonymous' ? 401 : w.kind === 'key' ? 403 : s === 'in' ? 400 : 403
		}
	],
	'GET /api/v1/reminders/[id]': [
		get(
			() => '/api/v1/reminders/rem_aaaaaaaaaaaaa',
			(w) => (w.kind === 'anonymous' ? 401 : w.kind === 'key' ? 403 : 404),
			false
		)
	],
	'GET /api/v1/snapshots': [get((c) => `/api/v1/snapshots?unit=${u(c)}`, api())],
	'GET /api/v1/snapshots/[id]': [
		get(
			() => '/api/v1/snapshots/snp_aaaaaaaaaaaaaaaa',
			(w) => (w.kind === 'anonymous' ? 401 : w.kind === 'key' && w.role === 'ingest' ? 403 : 404),
			false
		)
	],
	'DELETE /api/v1/snapshots/[id]': [
		{
			method: 'DELETE',
			path: () => '/api/v1/snapshots/snp_aaaaaaaaaaaaaaaa',
			scoped: false,
			expect: (w) =>
				w.kind === 'anonymous' ? 401 : w.kind === 'user' && w.role === 'admin' ? 404 : 403
		}
	],
	'GET /api/v1/scoreboard': [get((c) => `/api/v1/scoreboard?unit=${u(c)}&${DAY}`, api())],
	'GET /api/v1/freshness': [get((c) => `/api/v1/freshness?unit=${u(c)}`, api())],
	'GET /api/v1/rankings': [
		get((c) => `/api/v1/rankings?parent=${u(c)}&metric=onTime&${DAY}`, api())
	],
	'GET /api/v1/units': [get((c) => `/api/v1/units?parent=${u(c)}`, api())],
	'GET /api/v1/units/[code]/geo': [get((c) => `/api/v1/units/${u(c)}/geo`, api())],
	'GET /api/v1/feed': [get((c) => `/api/v1/feed?unit=${u(c)}`, api())],
	'GET /api/v1/overdue': [get((c) => `/api/v1/overdue?unit=${u(c)}`, api())],
	'GET /api/v1/dossiers/[code]': [
		get((c) => `/api/v1/dossiers/${encodeURIComponent(c.dossier)}`, api(404))
	],
	'GET /api/v1/reports/received-resolved': [
		get((c) => `/api/v1/reports/received-resolved?unit=${u(c)}&${DAY}&format=json`, api()),
		get((c) => `/api/v1/reports/received-resolved?unit=${u(c)}&${DAY}&format=csv`, api())
	]
};
