/** Every error path of docs/api.md#ingest: nothing is ever half-written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';

async function eventCount(t: TestDb) {
	const [r] = await jsonRows<{ n: number }>(
		t.app.database,
		sql`select jsonb_build_object('n', (select count(*) from events) + (select count(*) from dossiers) + (select count(*) from rollups)) as j`
	);
	return Number(r.n);
}

describe.each(BACKENDS)('ingest errors on %s', (backend) => {
	let t: TestDb;
	let ingestKey: string;
	let readKey: string;
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		ingestKey = await key(t.app, 'ingest', '460');
		readKey = await key(t.app, 'read', '46');
	});
	afterAll(() => t.drop());

	const good = (i: number) => received(`ev-${i}`, '46001', `D-${i}`, '2024-05-06T09:00:00+07:00');

	it('401 without a key or with a wrong one, 403 for a read key', async () => {
		expect((await postBatch(t.app, '', [good(1)])).status).toBe(401);
		expect((await postBatch(t.app, 'mcl_kxxxx.yyyy', [good(1)])).status).toBe(401);
		const forged = ingestKey.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
		expect((await postBatch(t.app, forged, [good(1)])).status).toBe(401);
		expect((await postBatch(t.app, readKey, [good(1)])).status).toBe(403);
		expect(await eventCount(t)).toBe(0);
	});

	it('400 on malformed bodies', async () => {
		const bad = await request(t.app, 'POST', '/api/v1/events', {
			token: ingestKey,
			rawBody: '{"events": ['
		});
		expect(bad.status).toBe(400);
		expect(bad.json.errors[0].message).toMatch(/invalid JSON/);
		const notArray = await request(t.app, 'POST', '/api/v1/events', {
			token: ingestKey,
			body: { events: {} }
		});
		expect(notArray.status).toBe(400);
		expect(notArray.json.errors[0].path).toBe('events');
	});

	it('names every bad event with its index and path', async () => {
		const events = [
			good(1),
			{ ...good(2), channel: 'fax' },
			{ ...good(3), dueAt: undefined },
			{ ...good(4), at: '2024-05-06 09:00' },
			{
				id: 'x',
				type: 'dossier.exploded',
				at: '2024-05-06T09:00:00Z',
				unit: '46001',
				dossier: 'D'
			},
			{ id: 'r', type: 'dossier.rated', at: '2024-05-06T09:00:00Z', unit: '46001', level: 'meh' },
			{ id: 'y', type: 'dossier.resolved', at: '2024-05-06T09:00:00Z', unit: '46001' }
		];
		const r = await postBatch(t.app, ingestKey, events);
		expect(r.status).toBe(400);
		const found = r.json.errors.map((e: { index: number; path: string }) => `${e.index}:${e.path}`);
		expect(found).toEqual(['1:channel', '2:dueAt', '3:at', '4:type', '5:level', '6:dossier']);
		for (const e of r.json.errors) expect(typeof e.message).toBe('string');
		expect(await eventCount(t)).toBe(0);
	});

	it('one bad event among 4,999 good ones: 400 and nothing written', async () => {
		const events: unknown[] = Array.from({ length: 4999 }, (_, i) => good(i));
		events.splice(2500, 0, { ...good(9999), processingDays: 0.3, dueAt: undefined });
		expect(events.length).toBe(5000);
		const r = await postBatch(t.app, ingestKey, events);
		expect(r.status).toBe(400);
		expect(r.json.errors).toEqual([
			{ index: 2500, path: 'processingDays', message: expect.any(String) }
		]);
		expect(await eventCount(t)).toBe(0);
	});

	it('400 for an unknown unit, 403 for a unit outside the key scope, nothing written', async () => {
		const unknown = await postBatch(t.app, ingestKey, [good(1), { ...good(2), unit: '99999' }]);
		expect(unknown.status).toBe(400);
		expect(unknown.json.errors).toEqual([
			{ index: 1, path: 'unit', message: expect.stringContaining('unknown unit') }
		]);
		const outside = await postBatch(t.app, ingestKey, [
			good(1),
			{ ...good(2), unit: '46101' },
			{ ...good(3), unit: '47001' }
		]);
		expect(outside.status).toBe(403);
		expect(outside.json.errors.map((e: { index: number }) => e.index)).toEqual([1, 2]);
		expect(await eventCount(t)).toBe(0);
	});

	it('413 over 5,000 events or 5 MB', async () => {
		const many = Array.from({ length: 5001 }, (_, i) => good(i));
		expect((await postBatch(t.app, ingestKey, many)).status).toBe(413);
		const huge = [{ ...good(1), procedureName: 'x'.repeat(5 * 1024 * 1024) }];
		expect((await postBatch(t.app, ingestKey, huge)).status).toBe(413);
		expect(await eventCount(t)).toBe(0);
	});

	it('a full batch of 5,000 fits; sending it twice is safe', async () => {
		const events = Array.from({ length: 5000 }, (_, i) => good(i));
		const first = await postBatch(t.app, ingestKey, events);
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({ accepted: 5000, duplicates: 0 });
		const again = await postBatch(t.app, ingestKey, events);
		expect(again.json).toMatchObject({ accepted: 0, duplicates: 5000 });
		expect(again.json.lastSeq).toBe(first.json.lastSeq);
		const inBatch = await postBatch(t.app, ingestKey, [good(7000), good(7000)]);
		expect(inBatch.json).toMatchObject({ accepted: 1, duplicates: 1 });
		expect(inBatch.json.lastSeq).toBeGreaterThan(first.json.lastSeq);
		const s = await request(t.app, 'GET', '/api/v1/summary?unit=46&from=2024-05-01&to=2024-05-31', {
			token: readKey
		});
		expect(s.json.received.new).toBe(5001);
	});

	it('503 with Retry-After when the database refuses writes, nothing written', async () => {
		const before = await eventCount(t);
		let ro = t.app;
		if (backend === 'postgres') {
			const name = new URL(t.url!).pathname.slice(1);
			await t.app.database.rows(
				sql.raw(`alter database ${name} set default_transaction_read_only = on`)
			);
			ro = createApp(await openDatabase({ url: t.url, migrate: false }));
		} else {
			await t.app.database.rows(sql`set default_transaction_read_only = on`);
		}
		try {
			const r = await postBatch(ro, ingestKey, [good(8000)]);
			expect(r.status).toBe(503);
			expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
		} finally {
			if (backend === 'postgres') {
				await ro.close();
				const name = new URL(t.url!).pathname.slice(1);
				await t.app.database.rows(
					sql.raw(`alter database ${name} set default_transaction_read_only = off`)
				);
			} else {
				await t.app.database.rows(sql`set default_transaction_read_only = off`);
			}
		}
		expect(await eventCount(t)).toBe(before);
	});
});
