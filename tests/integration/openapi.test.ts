/**
 * The OpenAPI document (GET /api/v1/openapi.json, src/lib/server/api/openapi.ts) against the code:
 * it looks like OpenAPI 3.1 and every $ref resolves; it lists exactly the routes found under
 * src/routes/api at test time (a new route without an entry fails here); and every operation's
 * example is accepted by its request schema AND by the real handler, whose answer matches the
 * response schema, while its invalid example is refused by both (400).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	getOpenApi,
	OPERATIONS,
	type ExampleRequest,
	type Operation
} from '../../src/lib/server/api/openapi.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	request,
	sessionFor,
	type TestDb
} from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';

const ROUTES = new URL('../../src/routes/', import.meta.url).pathname;
const METHODS = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;

/** `GET /api/v1/dossiers/{code}` for every method exported by a +server.ts under `dir`. */
function routesUnder(dir: string): string[] {
	const found: string[] = [];
	const walk = (d: string) => {
		for (const entry of readdirSync(d, { withFileTypes: true })) {
			const full = join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+server.ts') {
				const path = `/${relative(ROUTES, d)}`
					.split('/')
					.filter((s) => s && !/^\(.+\)$/.test(s))
					.map((s) => s.replace(/^\[(\w+)\]$/, '{$1}'))
					.join('/');
				for (const m of readFileSync(full, 'utf8').matchAll(METHODS))
					found.push(`${m[1]} /${path}`);
			}
		}
	};
	walk(dir);
	return found.sort();
}

async function fetchDocument(): Promise<any> {
	const res = getOpenApi(new Request('http://test.local/api/v1/openapi.json'));
	expect(res.status).toBe(200);
	return res.json();
}

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1, public and cacheable, with every reference resolved', async () => {
		const res = getOpenApi(new Request('http://test.local/api/v1/openapi.json'));
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('cache-control')).toMatch(/public/);
		const etag = res.headers.get('etag');
		expect(etag).toMatch(/^"[0-9a-f]+"$/);
		const again = getOpenApi(
			new Request('http://test.local/api/v1/openapi.json', { headers: { 'if-none-match': etag! } })
		);
		expect(again.status).toBe(304);

		const doc = await res.json();
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.info).toMatchObject({ title: expect.any(String), version: '1' });
		const ids = new Set<string>();
		const schemes = Object.keys(doc.components.securitySchemes);
		for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
			expect(path.startsWith('/')).toBe(true);
			const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			for (const [method, op] of Object.entries(item)) {
				expect(['get', 'post', 'patch', 'delete', 'put']).toContain(method);
				expect(ids.has(op.operationId), op.operationId).toBe(false);
				ids.add(op.operationId);
				expect(Object.keys(op.responses).length).toBeGreaterThan(0);
				for (const [status, r] of Object.entries<any>(op.responses)) {
					expect(status).toMatch(/^[1-5]\d\d$/);
					expect(typeof r.description).toBe('string');
				}
				const params = (op.parameters ?? []) as { name: string; in: string }[];
				expect(
					params
						.filter((p) => p.in === 'path')
						.map((p) => p.name)
						.sort(),
					`${method} ${path}`
				).toEqual(inPath);
				for (const req of op.security)
					for (const s of Object.keys(req)) expect(schemes).toContain(s);
				expect(op.description).toMatch(/docs\/api\.md#[a-z0-9-]+/);
			}
		}
		const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
		expect(refs.length).toBeGreaterThan(20);
		for (const ref of refs) {
			expect(ref).toMatch(/^#\/components\/schemas\//);
			expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
		}
	});

	it('lists exactly the routes under src/routes/api (and health and metrics)', async () => {
		const doc = await fetchDocument();
		const listed = Object.entries<Record<string, unknown>>(doc.paths)
			.flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
			.sort();
		const api = routesUnder(join(ROUTES, 'api'));
		expect(api.length).toBeGreaterThan(20);
		expect(listed.filter((r) => r.includes(' /api/'))).toEqual(api);
		const others = listed.filter((r) => !r.includes(' /api/'));
		expect(others).toEqual(['GET /healthz', 'GET /metrics']);
		for (const r of others) expect(routesUnder(ROUTES)).toContain(r);
	});

	it('names the docs section of every operation, and the section exists', () => {
		const api = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
		const anchors = new Set(
			[...api.matchAll(/^#+ (.+)$/gm)].map((m) =>
				m[1]
					.trim()
					.toLowerCase()
					.replace(/[^\p{L}\p{N} _-]/gu, '')
					.replace(/ /g, '-')
			)
		);
		for (const op of OPERATIONS)
			expect(anchors, `${op.id}: docs/api.md#${op.doc}`).toContain(op.doc);
	});
});

/** The schema an example's input is checked against: the body, else the query. */
function requestSchemaAccepts(op: Operation, ex: ExampleRequest): boolean {
	const body = op.body ? op.body.safeParse(ex.body).success : true;
	const query = op.query ? op.query.safeParse(ex.query ?? {}).success : true;
	return body && query;
}

describe.each(BACKENDS)('the OpenAPI examples against the handlers on %s', (backend) => {
	let t: TestDb;
	const creds: Record<string, { token?: string; session?: string }> = {};
	/** Ids the examples create (snapshot, note, reminder), filled into later paths. */
	const made: Record<string, string> = {};
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		creds.ingest = { token: await key(t.app, 'ingest', '46') };
		creds.read = { token: await key(t.app, 'read', '46') };
		creds.user = { session: await sessionFor(t.app, 'giam-sat', 'supervisor', '46') };
		creds.admin = { session: await sessionFor(t.app, 'quan-tri', 'admin', '46') };
		creds.public = {};
	});
	afterAll(async () => {
		await t?.drop();
	});

	const pathOf = (op: Operation, ex: ExampleRequest): string => {
		const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
			encodeURIComponent(
				(op.path.startsWith('/api/v1/snapshots/') && name === 'id'
					? made.snapshot
					: op.path.startsWith('/api/v1/notes/')
						? made.note
						: op.path.startsWith('/api/v1/reminders/')
							? made.reminder
							: undefined) ?? op.pathParams![name].example
			)
		);
		const q = new URLSearchParams(ex.query ?? {}).toString();
		return q ? `${path}?${q}` : path;
	};
	const send = (op: Operation, ex: ExampleRequest) =>
		request(t.app, op.method.toUpperCase(), pathOf(op, ex), {
			...creds[op.access],
			...(ex.body !== undefined ? { body: ex.body } : {})
		});

	// In the document's order: the events come first, the snapshot is deleted last.
	for (const op of OPERATIONS.filter((o) => o.access !== 'metrics' && o.id !== 'getOpenApi')) {
		it(`${op.method.toUpperCase()} ${op.path}: the example is accepted, the answer has the documented shape`, async () => {
			expect(requestSchemaAccepts(op, op.example), 'the request schema accepts the example').toBe(
				true
			);
			const res = await send(op, op.example);
			expect(res.status, res.text).toBe(op.ok);
			const schema = op.responses[op.ok].schema;
			if (schema) {
				const parsed = schema.safeParse(res.json);
				expect(parsed.error?.issues ?? [], res.text.slice(0, 500)).toEqual([]);
			}
			if (op.id === 'postSnapshot') made.snapshot = res.json.id;
			if (op.id === 'postNote') made.note = res.json.id;
			if (op.id === 'postReminder') made.reminder = res.json.id;

			if (op.invalid) {
				expect(
					requestSchemaAccepts(op, op.invalid),
					'the request schema refuses the invalid example'
				).toBe(false);
				const bad = await send(op, op.invalid);
				expect(bad.status, bad.text).toBe(400);
				const errorSchema = op.responses[400]?.schema;
				if (errorSchema) expect(errorSchema.safeParse(bad.json).success, bad.text).toBe(true);
			}
		});
	}
});
