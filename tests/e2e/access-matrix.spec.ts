/**
 * The access matrix (issue 6): every route found in src/routes at test time —
 * pages, form actions, endpoint methods — and every socket action, for every
 * principal (anonymous; users admin, supervisor, unit; keys ingest, read,
 * display for the province and for a ward), with a unit inside and outside
 * the principal's scope. Expected statuses come from access-policy.ts; a route
 * file without a policy entry fails the first test.
 */
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext,
	type APIResponse
} from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { POLICY, type Case, type Ctx, type Scope, type Who } from './access-policy.ts';
import { keys } from './helpers.ts';
import { accessKeys, E2E_USERS, KEY_SCOPES } from './principals.ts';

const ROUTES = new URL('../../src/routes/', import.meta.url).pathname;
const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

/** `PAGE /x`, `ACTION /x?/name`, `GET /x` … for every route file (groups like `(app)` do not show in URLs). */
function enumerateRoutes(): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(full);
				continue;
			}
			const id = `/${relative(ROUTES, dir)}`.split('/').filter((s) => s && !/^\(.+\)$/.test(s));
			const route = `/${id.join('/')}`;
			if (
				entry.name === '+page.svelte' ||
				entry.name === '+page.server.ts' ||
				entry.name === '+page.ts'
			)
				found.add(`PAGE ${route}`);
			const text = () => readFileSync(full, 'utf8');
			if (entry.name === '+page.server.ts') {
				const block = /export const actions\b[^{]*\{([\s\S]*?)\n\}/.exec(text());
				for (const m of block?.[1].matchAll(/^\t(\w+)\s*[:(]/gm) ?? [])
					found.add(`ACTION ${route}?/${m[1]}`);
			}
			if (entry.name === '+server.ts') {
				for (const m of text().matchAll(
					/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|fallback)\b/g
				))
					found.add(`${m[1]} ${route}`);
			}
		}
	};
	walk(ROUTES);
	return [...found].sort();
}

/** Units and dossiers inside / outside each scope (seeded in beforeAll). */
const UNITS: Record<string, Record<Scope, string>> = {
	'38': { in: '38', out: '40' },
	'38001': { in: '38001', out: '38002' }
};
const DOSSIERS: Record<string, Record<Scope, string>> = {
	'38': { in: 'AM-38001', out: 'AM-40' },
	'38001': { in: 'AM-38001', out: 'AM-38002' }
};

type Principal = { who: Who; ctx: APIRequestContext; headers: Record<string, string> };

async function signIn(username: string, password: string): Promise<APIRequestContext> {
	const ctx = await playwrightRequest.newContext({ baseURL: ORIGIN });
	const r = await ctx.post('/login', {
		form: { username, password },
		headers: { origin: ORIGIN, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(r.status(), `login ${username}`).toBe(303);
	return ctx;
}

const principals: Principal[] = [];

test.beforeAll(async () => {
	principals.push({
		who: { kind: 'anonymous', name: 'anonymous', scopeCode: '38' },
		ctx: await playwrightRequest.newContext({ baseURL: ORIGIN }),
		headers: {}
	});
	for (const u of Object.values(E2E_USERS)) {
		principals.push({
			who: { kind: 'user', name: u.username, role: u.role, scopeCode: u.scope },
			ctx: await signIn(u.username, u.password),
			headers: {}
		});
	}
	const access = accessKeys();
	for (const role of ['ingest', 'read', 'display'] as const) {
		for (const scope of KEY_SCOPES) {
			const token = access[role][scope];
			principals.push({
				who: { kind: 'key', name: `${role}@${scope}`, role, scopeCode: scope, token },
				ctx: await playwrightRequest.newContext({ baseURL: ORIGIN }),
				headers: { authorization: `Bearer ${token}` }
			});
		}
	}

	// Dossiers in 38001, 38002 and 40. No key reaches 40 yet: the admin makes one through the keys page.
	const admin = principals.find((p) => p.who.name === E2E_USERS.admin.username)!.ctx;
	const made = await admin.post('/admin/keys?/create', {
		form: { name: 'e2e-matrix-40', role: 'ingest', scope: '40' },
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(made.status()).toBe(200);
	const key40 = /mcl_k[a-z2-7]+\.[a-z2-7]+/.exec(await made.text())?.[0];
	expect(key40, 'the new key is shown once on the page').toBeTruthy();
	const seed = (token: string, unit: string, dossier: string) =>
		admin.post('/api/v1/events', {
			headers: { authorization: `Bearer ${token}` },
			// Resolved at once: nothing stays pending to change the other specs' counts.
			data: {
				events: [
					{
						id: `seed-${dossier}`,
						type: 'dossier.received',
						at: '2024-01-10T09:00:00+07:00',
						unit,
						dossier,
						procedure: 'KS',
						field: 'HT',
						channel: 'direct',
						processingDays: 3
					},
					{
						id: `seed-${dossier}-done`,
						type: 'dossier.resolved',
						at: '2024-01-11T09:00:00+07:00',
						unit,
						dossier
					}
				]
			}
		});
	for (const [unit, dossier] of [
		['38001', 'AM-38001'],
		['38002', 'AM-38002']
	])
		expect((await seed(keys().ingest, unit, dossier)).status()).toBe(200);
	expect((await seed(key40!, '40', 'AM-40')).status()).toBe(200);
});

test.afterAll(async () => {
	for (const p of principals) await p.ctx.dispose();
});

test('every route file has an access policy entry, and every entry a route', () => {
	const routes = enumerateRoutes();
	expect(routes.length).toBeGreaterThan(30);
	const missing = routes.filter((r) => !(r in POLICY));
	expect(
		missing,
		'routes without a policy entry in tests/e2e/access-policy.ts (add one with its guard)'
	).toEqual([]);
	const stale = Object.keys(POLICY).filter((k) => !routes.includes(k));
	expect(stale, 'policy entries for routes that no longer exist').toEqual([]);
});

async function send(p: Principal, c: Case, ctx: Ctx): Promise<APIResponse> {
	let context = p.ctx;
	if (c.fresh && p.who.kind === 'user') {
		const u = Object.values(E2E_USERS).find((x) => x.username === p.who.name)!;
		context = await signIn(u.username, u.password);
	}
	const opts = { headers: { ...p.headers, accept: 'text/html,application/json' }, maxRedirects: 0 };
	const url = c.path(ctx);
	try {
		if (c.method === 'GET') return await context.get(url, opts);
		if (c.method === 'DELETE') return await context.delete(url, opts);
		if (c.method === 'PATCH')
			return await context.patch(url, { ...opts, data: c.json!(ctx, p.who) });
		if (c.form)
			return await context.post(url, {
				...opts,
				form: c.form,
				headers: { ...opts.headers, origin: ORIGIN }
			});
		return await context.post(url, { ...opts, data: c.json!(ctx, p.who) });
	} finally {
		if (context !== p.ctx) await context.dispose();
	}
}

test('every route × every principal × in / out of scope answers as the policy says', async () => {
	test.setTimeout(240_000);
	const wrong: string[] = [];
	let checked = 0;
	for (const key of enumerateRoutes()) {
		for (const c of POLICY[key] ?? []) {
			for (const p of principals) {
				for (const scope of c.scoped ? (['in', 'out'] as const) : (['in'] as const)) {
					const ctx: Ctx = {
						unit: UNITS[p.who.scopeCode][scope],
						dossier: DOSSIERS[p.who.scopeCode][scope],
						key: p.who.kind === 'key' ? p.who.token : ''
					};
					const want = c.expect(p.who, scope);
					const res = await send(p, c, ctx);
					checked++;
					const got = res.status();
					const where = `${key} ${c.path(ctx)} as ${p.who.name} (${scope})`;
					if (got !== want) wrong.push(`${where}: got ${got}, want ${want}`);
					// A refused anonymous visitor (or API key on a page) lands on the login page, with the way back.
					else if (got === 303 && p.who.kind !== 'user' && key !== 'POST /logout') {
						const location = res.headers()['location'] ?? '';
						if (!/^\/login(\?next=%2F|$)/.test(location))
							wrong.push(`${where}: redirected to ${location}, want /login?next=…`);
					}
				}
			}
		}
	}
	expect(wrong, `${wrong.length} of ${checked} checks disagree with the policy`).toEqual([]);
	expect(checked).toBeGreaterThan(500);
});

type Ack = { ok: boolean; error?: string };

function connect(p: Principal): Promise<{ socket: Socket | null; error: string | null }> {
	const cookie =
		p.who.kind === 'user'
			? p.ctx.storageState().then((s) => s.cookies.map((c) => `${c.name}=${c.value}`).join('; '))
			: Promise.resolve('');
	return cookie.then(
		(cookieHeader) =>
			new Promise((resolve) => {
				const socket = io(ORIGIN, {
					transports: ['websocket'],
					reconnection: false,
					timeout: 5000,
					auth: p.who.kind === 'key' ? { token: p.who.token } : {},
					extraHeaders: cookieHeader ? { cookie: cookieHeader } : {}
				});
				socket.on('connect', () => resolve({ socket, error: null }));
				socket.on('connect_error', (err) => {
					socket.close();
					resolve({ socket: null, error: err.message });
				});
			})
	);
}

test('socket actions: connect, subscribe inside / outside the scope, unsubscribe', async () => {
	const wrong: string[] = [];
	for (const p of principals) {
		const may = p.who.kind === 'user' || (p.who.kind === 'key' && p.who.role !== 'ingest');
		const { socket, error } = await connect(p);
		if (!may) {
			if (socket) {
				wrong.push(`${p.who.name}: connected, want refused`);
				socket.close();
			}
			continue;
		}
		if (!socket) {
			wrong.push(`${p.who.name}: refused (${error}), want connected`);
			continue;
		}
		for (const scope of ['in', 'out'] as const) {
			const unit = UNITS[p.who.scopeCode][scope];
			const ack = (await socket.timeout(5000).emitWithAck('subscribe', { unit })) as Ack;
			if (ack.ok !== (scope === 'in'))
				wrong.push(`${p.who.name}: subscribe ${unit} (${scope}) → ${JSON.stringify(ack)}`);
			if (scope === 'out' && !/outside your scope/.test(ack.error ?? ''))
				wrong.push(`${p.who.name}: out-of-scope refusal says ${ack.error}`);
		}
		const un = (await socket.timeout(5000).emitWithAck('unsubscribe', {})) as Ack;
		if (!un.ok) wrong.push(`${p.who.name}: unsubscribe → ${JSON.stringify(un)}`);
		socket.close();
	}
	expect(wrong).toEqual([]);
});
