/**
 * Integration-test harness: an App on a throwaway database of each back-end —
 * in-memory PGlite always, and a freshly created PostgreSQL database when
 * TEST_DATABASE_URL is set (dropped afterwards, so runs never collide) — and a
 * client that sends real Request objects through the same handlers the routes use.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createApp, type App } from '../../src/lib/server/app.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { createKey } from '../../src/lib/server/auth/keys.ts';
import type { KeyRole } from '../../src/lib/server/auth/roles.ts';
import { importUnits } from '../../src/lib/server/units/import.ts';
import { health } from '../../src/lib/server/api/health.ts';
import { API_ROUTES, type Handler, type RouteId } from '../../src/lib/server/api/routes.ts';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export type TestDb = { url?: string; app: App; drop(): Promise<void> };

export async function createTestApp(backend: Backend): Promise<TestDb> {
	if (backend === 'pglite') {
		const app = createApp(await openDatabase({ memory: true }));
		return { app, drop: () => app.close() };
	}
	const adminUrl = process.env.TEST_DATABASE_URL!;
	const name = `mcl_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const app = createApp(await openDatabase({ url: url.toString() }));
	return {
		url: url.toString(),
		app,
		async drop() {
			await app.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

export async function importCsv(app: App, csv: string): Promise<void> {
	const r = await importUnits(app.database, 'units.csv', csv);
	if (!r.ok) throw new Error(`units import failed: ${JSON.stringify(r.errors)}`);
}

export async function key(
	app: App,
	role: KeyRole,
	scopeCode: string,
	name = `${role}-${scopeCode}`
): Promise<string> {
	return (await createKey(app.database, { name, role, scopeCode })).token;
}

const BASE = 'http://test.local';

/** The API route and handler for a method and a URL path, as SvelteKit picks them (parameters decoded); null when none. */
function matchRoute(
	method: string,
	pathname: string
): { handler: Handler; params: Record<string, string> } | null {
	for (const route of Object.keys(API_ROUTES) as RouteId[]) {
		const names: string[] = [];
		const pattern = route.replace(/\[(\w+)\]/g, (_, name: string) => {
			names.push(name);
			return '([^/]+)';
		});
		const m = new RegExp(`^${pattern}$`).exec(pathname);
		const handler = m && (API_ROUTES[route] as Partial<Record<string, Handler>>)[method];
		if (handler)
			return {
				handler,
				params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]))
			};
	}
	return null;
}

/** Dispatches through the API's route table, as the SvelteKit routes do (src/lib/server/api/routes.ts). */
export async function request(
	app: App,
	method: string,
	path: string,
	opts: { token?: string; body?: unknown; rawBody?: string; session?: string } = {}
) {
	const headers: Record<string, string> = {};
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	if (opts.session) headers.cookie = `mcl_session=${opts.session}`;
	let body: string | undefined;
	if (opts.rawBody !== undefined) body = opts.rawBody;
	else if (opts.body !== undefined) body = JSON.stringify(opts.body);
	if (body !== undefined) headers['content-type'] = 'application/json';
	const req = new Request(BASE + path, { method, headers, body });
	const pathname = new URL(req.url).pathname;
	const route = matchRoute(method, pathname);
	let res: Response;
	if (route) res = await route.handler(app, req, route.params);
	else if (pathname === '/healthz') res = await health(app);
	else throw new Error(`no route for ${method} ${pathname}`);
	const bytes = new Uint8Array(await res.clone().arrayBuffer());
	const text = await res.text();
	let json: any = null;
	try {
		json = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, json, text, bytes };
}

export async function postBatch(app: App, token: string, events: unknown[]) {
	return request(app, 'POST', '/api/v1/events', { token, body: { events } });
}

/** A signed-in user's session token (for the endpoints that need a session rather than a key). */
export async function sessionFor(
	app: App,
	username: string,
	role: 'admin' | 'supervisor' | 'unit',
	scopeCode: string
): Promise<string> {
	const { createUser } = await import('../../src/lib/server/auth/users.ts');
	const { createSession } = await import('../../src/lib/server/auth/sessions.ts');
	const u = await createUser(app.database, {
		username,
		role,
		scopeCode,
		password: 'mat-khau-thu-nghiem-1'
	});
	return (await createSession(app.database, u.id)).token;
}
