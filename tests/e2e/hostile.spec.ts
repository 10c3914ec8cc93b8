/**
 * Hostile requests over real HTTP, through the hooks (docs/api.md#input-rules, the
 * hardening issue's table): NUL in paths and parameters of pages and the API,
 * a session cookie with broken percent-encoding, malformed login posts (the
 * form is shown again), chunked bodies over 5 MB (413, and the keep-alive
 * connection stays usable), a big body refused before it was read. Never a
 * 5xx, never a stack trace.
 */
import { expect, test } from '@playwright/test';
import http from 'node:http';
import { keys, localNow } from './helpers.ts';

const port = Number(process.env.E2E_PORT ?? 4173);
const base = `http://127.0.0.1:${port}`;

type Answer = { status: number; text: string; headers: http.IncomingHttpHeaders; socket: number };

/** One request on `agent` (keep-alive, one socket), the body sent chunked when `chunked`. */
function send(
	agent: http.Agent,
	path: string,
	opts: { method?: string; headers?: Record<string, string>; body?: string; chunked?: boolean } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const headers = { ...opts.headers };
		if (opts.body !== undefined && !opts.chunked)
			headers['content-length'] = String(Buffer.byteLength(opts.body));
		const req = http.request(
			{ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', agent, headers },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () =>
					resolve({
						status: res.statusCode!,
						text,
						headers: res.headers,
						socket: req.socket?.localPort ?? 0
					})
				);
			}
		);
		req.on('error', reject);
		if (opts.body === undefined) return void req.end();
		if (!opts.chunked) return void req.end(opts.body);
		const body = opts.body;
		void (async () => {
			for (let i = 0; i < body.length; i += 65536) {
				if (!req.write(body.slice(i, i + 65536))) await new Promise((r) => req.once('drain', r));
			}
			req.end();
		})();
	});
}

const event = (i: number, extra: Record<string, unknown> = {}) => ({
	id: `hostile-${Date.now()}-${i}`,
	type: 'dossier.received',
	at: localNow(0).iso,
	unit: '38001',
	dossier: `HOSTILE-${Date.now()}-${i}`,
	procedure: 'KS',
	field: 'HT',
	channel: 'direct',
	processingDays: 2,
	...extra
});

test('NUL and broken encodings in paths, parameters and cookies are 4xx on every kind of route', async () => {
	const k = keys();
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const read = { authorization: `Bearer ${k.read}` };
	const cases: [string, Record<string, string>?][] = [
		['/units/%00'],
		['/dossiers/%00'],
		['/reports?unit=%00'],
		['/overdue?unit=%00'],
		[`/display/%00?key=${k.display}`],
		[`/display/38?key=%00`],
		['/api/v1/summary?unit=%00&from=2024-01-01&to=2024-01-31', read],
		['/api/v1/summary?unit=38&from=0001-01-01&to=2025-12-31', read],
		['/api/v1/summary?unit=38&from=2025-01-01&to=9999-12-31', read],
		['/api/v1/reports/received-resolved?unit=38&from=0001-01-01&to=2025-12-31&format=xlsx', read],
		['/api/v1/reports/received-resolved?unit=38&from=2025-01-01&to=9999-12-31&format=csv', read],
		['/api/v1/rankings?parent=%00&metric=onTime&from=2024-01-01&to=2024-01-31', read],
		['/api/v1/units?parent=%00', read],
		['/api/v1/units/%00/geo', read],
		['/api/v1/overdue?unit=%00', read],
		['/api/v1/feed?unit=38&after=99999999999999999999', read],
		['/api/v1/feed?unit=%00', read],
		['/api/v1/dossiers/V-1%00', read],
		['/api/v1/dossiers/%E0%A4%A', read],
		['/units/38%E0%A4%A'],
		['/api/v1/summary?unit=38&from=2024-01-01&to=2024-01-31', { cookie: 'mcl_session=%E0%A4%A' }],
		['/api/v1/summary?unit=38&from=2024-01-01&to=2024-01-31', { cookie: 'mcl_session=a%00.b' }],
		['/units/38', { cookie: 'mcl_session=%E0%A4%A' }]
	];
	for (const [path, headers] of cases) {
		const r = await send(agent, path, { headers: { accept: 'text/html', ...headers } });
		expect(r.status, `${path} → ${r.status}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(300);
		expect(r.status, `${path} → ${r.status}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
		expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/);
	}
	// The bad cookie is no session: the API says 401, a page sends to the login.
	expect(
		(
			await send(agent, '/api/v1/summary?unit=38&from=2024-01-01&to=2024-01-31', {
				headers: { cookie: 'mcl_session=%E0%A4%A' }
			})
		).status
	).toBe(401);
	agent.destroy();
});

test('malformed login posts are 400/415 and a browser gets the form again', async () => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const origin = { origin: base, accept: 'text/html' };
	const cases: [string, Record<string, string>, string, number[]][] = [
		[
			'/login',
			{ 'content-type': 'application/x-www-form-urlencoded' },
			'username=a%00b&password=x',
			[400]
		],
		['/login', { 'content-type': 'text/plain' }, 'username=a&password=b', [400]],
		['/login', {}, 'username=a&password=b', [415]],
		[
			'/login',
			{ 'content-type': 'multipart/form-data; boundary=zzz' },
			'not a multipart body',
			[400]
		],
		[
			'/login?/default',
			{ 'content-type': 'application/x-www-form-urlencoded' },
			'username=a&password=b',
			[400]
		]
	];
	for (const [path, headers, body, statuses] of cases) {
		const r = await send(agent, path, { method: 'POST', headers: { ...origin, ...headers }, body });
		expect(statuses, `${path} ${JSON.stringify(headers)} → ${r.status}`).toContain(r.status);
		expect(r.text, path).toContain('name="username"');
	}
	// A script (Accept: */*) gets SvelteKit's JSON failure, with the same status.
	const json = await send(agent, '/login', {
		method: 'POST',
		headers: { origin: base, 'content-type': 'text/plain' },
		body: 'x'
	});
	expect(json.status).toBe(400);
	agent.destroy();
});

test('a body over 5 MB is 413 also chunked, and the next batch on the same connection goes through', async () => {
	const k = keys();
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const auth = { authorization: `Bearer ${k.ingest}`, 'content-type': 'application/json' };
	const huge = (mb: number) =>
		JSON.stringify({ events: [event(0, { procedureName: 'x'.repeat(mb * 1024 * 1024) })] });
	for (const [label, body, chunked] of [
		['chunked 5.5 MB', huge(5.5), true],
		['declared 5.7 MB', huge(5.7), false],
		['chunked 7 MB', huge(7), true]
	] as const) {
		const refused = await send(agent, '/api/v1/events', {
			method: 'POST',
			headers: auth,
			body,
			chunked
		});
		expect(refused.status, label).toBe(413);
		const started = Date.now();
		const next = await send(agent, '/api/v1/events', {
			method: 'POST',
			headers: auth,
			body: JSON.stringify({ events: [event(1)] })
		});
		expect(next.status, `${label}, then a small batch`).toBe(200);
		expect(Date.now() - started, label).toBeLessThan(2000);
	}
	// A refused key with a big unread body: the connection is not left hanging either.
	const unread = await send(agent, '/api/v1/events', {
		method: 'POST',
		headers: { ...auth, authorization: 'Bearer nope' },
		body: huge(4)
	});
	expect(unread.status).toBe(401);
	const after = await send(agent, '/api/v1/events', {
		method: 'POST',
		headers: auth,
		body: JSON.stringify({ events: [event(2)] })
	});
	expect(after.status).toBe(200);
	expect(after.socket).toBe(unread.socket);
	agent.destroy();
});

test('hostile events over HTTP are 400 naming index and path, never 500', async () => {
	const k = keys();
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const auth = { authorization: `Bearer ${k.ingest}`, 'content-type': 'application/json' };
	const cases: [Record<string, unknown>, string][] = [
		[{ procedureName: 'a\u0000b' }, 'procedureName'],
		[{ dossier: 'a\ud800b' }, 'dossier'],
		[{ type: 'toString' }, 'type'],
		[{ type: 'constructor' }, 'type'],
		[{ at: '0000-01-01T00:00:00Z' }, 'at'],
		[{ processingDays: undefined, dueAt: '9999-12-31T23:59:59-12:00' }, 'dueAt'],
		[{ at: '2025-02-29T09:00:00Z' }, 'at'],
		[{ at: '2024-02-30T09:00:00+07:00' }, 'at'],
		[{ at: '2024-05-06T09:00:00+14:01' }, 'at']
	];
	for (const [extra, path] of cases) {
		const body = JSON.stringify({ events: [event(0), event(1, extra)] });
		const r = await send(agent, '/api/v1/events', { method: 'POST', headers: auth, body });
		expect(r.status, `${JSON.stringify(extra)} → ${r.text.slice(0, 200)}`).toBe(400);
		expect(JSON.parse(r.text).errors[0]).toMatchObject({ index: 1, path });
	}
	agent.destroy();
});

test('signed-in pages and their endpoints answer hostile query parameters without a 5xx', async ({
	page
}) => {
	test.setTimeout(120_000);
	const { login } = await import('./helpers.ts');
	await login(page, '/units/38');
	await expect(page).toHaveURL(/\/units\/38/);
	const k = keys();
	const PAGES = [
		'/units/38',
		'/overdue',
		'/overdue/data',
		'/overdue/export',
		'/reports',
		'/dossiers/X-1',
		'/account',
		'/admin/audit',
		'/admin/calendar',
		'/admin/units',
		`/display/38`,
		'/display/38/state'
	];
	const PARAMS = [
		'p',
		'from',
		'to',
		'metric',
		'lang',
		'unit',
		'tab',
		'atRiskHours',
		'child',
		'field',
		'procedure',
		'channel',
		'flag',
		'sort',
		'dir',
		'year',
		'rotate',
		'level',
		'parent',
		'format',
		'next',
		'part',
		'q',
		'action',
		'actor',
		'page'
	];
	const VALUES = [
		'',
		'\u0001',
		'0001-01-01',
		'9999-12-31',
		'2025-02-29',
		'-1',
		'1e400',
		'99999999999999999999',
		'NaN',
		'toString',
		'__proto__',
		"'; select 1; --",
		'../..',
		'x'.repeat(3000),
		'38',
		'2024-13-45',
		'custom',
		'%',
		'\ufffd'
	];
	const check = async (url: string) => {
		const r = await page.request.get(url, { headers: { accept: 'text/html' }, maxRedirects: 0 });
		expect(r.status(), `${url.slice(0, 160)} → ${r.status()}`).toBeLessThan(500);
	};
	for (const path of PAGES) {
		const keyParam = path.startsWith('/display') ? `key=${encodeURIComponent(k.display)}&` : '';
		for (const v of VALUES) {
			const q = new URLSearchParams();
			for (const name of PARAMS) q.set(name, v);
			await check(`${path}?${keyParam}${q}`);
		}
		for (const name of PARAMS) {
			for (const v of ['0001-01-01', '1e400', 'toString', '\u0001'])
				await check(`${path}?${keyParam}${new URLSearchParams({ [name]: v })}`);
		}
	}
});

test('admin form actions answer hostile fields without a 5xx', async ({ page }) => {
	const { login } = await import('./helpers.ts');
	await login(page, '/admin/users');
	await expect(page).toHaveURL(/\/admin\/users/);
	const ACTIONS = [
		'/admin/users?/create',
		'/admin/users?/disable',
		'/admin/users?/enable',
		'/admin/users?/reset',
		'/admin/keys?/create',
		'/admin/keys?/revoke',
		'/admin/displays?/create',
		'/admin/displays?/revoke',
		'/admin/calendar?/set',
		'/admin/calendar?/remove',
		'/admin/units?/preview',
		'/admin/units?/import',
		'/admin/mergers?/import',
		'/account?/password'
	];
	const FIELDS = [
		'username',
		'password',
		'role',
		'scope',
		'name',
		'id',
		'day',
		'kind',
		'note',
		'current',
		'next',
		'repeat',
		'unit',
		'token'
	];
	const VALUES = [
		'0001-01-01',
		'9999-12-31',
		'2025-02-29',
		'toString',
		'__proto__',
		'x'.repeat(3000),
		'-1',
		'1e400',
		"'; select 1; --",
		'\u0001'
	];
	for (const action of ACTIONS) {
		for (const v of VALUES) {
			const form = Object.fromEntries(FIELDS.map((f) => [f, v]));
			const r = await page.request.post(action, {
				form,
				headers: { origin: base, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(
				r.status(),
				`${action} with ${JSON.stringify(v).slice(0, 20)} → ${r.status()}`
			).toBeLessThan(500);
		}
	}
});
