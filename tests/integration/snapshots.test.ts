/**
 * Snapshots (docs/domain.md#snapshots): frozen figures that late events do not change (the same bytes on every request),
 * their SHA-256 of the canonical content, the drift of the live figures since with the dossiers that caused
 * it, scope and roles on every endpoint, bad input as 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { canonicalJson } from '../../src/lib/domain/report/canonical.ts';
import { driftOf } from '../../src/lib/server/queries/snapshots.ts';
import { getUnit } from '../../src/lib/server/queries/units.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb,
	sessionFor
} from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';

const at = (d: number, h = 9) =>
	`2024-05-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+07:00`;

describe.each(BACKENDS)('snapshots on %s', (backend) => {
	let t: TestDb;
	let ingest: string;
	let read46: string;
	let read461: string;
	let supervisor: string;
	let other: string;
	let admin: string;
	const session = (username: string, role: 'admin' | 'supervisor' | 'unit', scopeCode: string) =>
		sessionFor(t.app, username, role, scopeCode);
	const create = (body: unknown, s = supervisor) =>
		request(t.app, 'POST', '/api/v1/snapshots', { session: s, body });

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		ingest = await key(t.app, 'ingest', '46');
		read46 = await key(t.app, 'read', '46');
		read461 = await key(t.app, 'read', '461');
		supervisor = await session('hdnd', 'supervisor', '46');
		other = await session('huyenhai', 'unit', '461');
		admin = await session('quantri', 'admin', '46');
		const r = await postBatch(t.app, ingest, [
			received('a-1', '46001', 'A-1', at(2), { dueAt: at(6, 17) }),
			received('a-2', '46002', 'A-2', at(3), { dueAt: at(7, 17) }),
			{ id: 'a-1s', type: 'dossier.resolved', at: at(4), unit: '46001', dossier: 'A-1' }
		]);
		expect(r.status).toBe(200);
	});
	afterAll(() => t.drop());

	it('freezes the §4 summary and §8 table; late events change the live figures, not the snapshot; the drift names them', async () => {
		const c = await create({
			unit: '460',
			from: '2024-05-01',
			to: '2024-05-31',
			title: 'Thông báo giám sát số 12'
		});
		expect(c.status).toBe(201);
		expect(c.json).toMatchObject({
			id: expect.stringMatching(/^snp_/),
			url: `/snapshots/${c.json.id}`,
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		const first = await request(t.app, 'GET', `/api/v1/snapshots/${c.json.id}`, { token: read46 });
		expect(first.status).toBe(200);
		const s = first.json;
		expect(s).toMatchObject({
			id: c.json.id,
			unit: '460',
			from: '2024-05-01',
			to: '2024-05-31',
			title: 'Thông báo giám sát số 12',
			createdBy: 'hdnd',
			createdAt: c.json.createdAt
		});
		expect(s.summary.resolved.total).toBe(1);
		expect(s.table.total.received.total).toBe(2);
		expect(s.table.rows.map((r: { unit: string }) => r.unit)).toEqual(['46001', '46002', '46003']);
		const { id: _id, sha256: digest, ...content } = s;
		expect(encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(content))))).toBe(
			digest
		);
		expect(digest).toBe(c.json.sha256);

		// A late-synchronised resolution of May, accepted after the snapshot.
		expect(
			(
				await postBatch(t.app, ingest, [
					{ id: 'a-2s', type: 'dossier.resolved', at: at(6), unit: '46002', dossier: 'A-2' }
				])
			).status
		).toBe(200);
		const live = await request(
			t.app,
			'GET',
			'/api/v1/summary?unit=460&from=2024-05-01&to=2024-05-31',
			{ token: read46 }
		);
		expect(live.json.resolved.total).toBe(2);
		const again = await request(t.app, 'GET', `/api/v1/snapshots/${c.json.id}`, {
			session: supervisor
		});
		expect(again.text).toBe(first.text);
		expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
		const drift = await driftOf(t.app, (await getUnit(t.app.database, '460'))!, s);
		expect(drift.live.resolved.total).toBe(2);
		expect(drift.dossiers.map((d) => [d.dossier, d.events.map((e) => e.type)])).toEqual([
			['A-2', ['dossier.resolved']]
		]);
		// Its exports come from the frozen table: May's resolved column still reads 1.
		const csv = await request(t.app, 'GET', `/api/v1/snapshots/${c.json.id}?format=csv`, {
			token: read46
		});
		expect(csv.status).toBe(200);
		expect(csv.text.split('\n')[0]).toMatch(/^\ufeff?Mã đơn vị/);
		const liveCsv = await request(
			t.app,
			'GET',
			'/api/v1/reports/received-resolved?unit=460&from=2024-05-01&to=2024-05-31&format=csv',
			{ token: read46 }
		);
		expect(csv.text).not.toBe(liveCsv.text);
		const xlsx = await request(t.app, 'GET', `/api/v1/snapshots/${c.json.id}?format=xlsx`, {
			token: read46
		});
		expect(xlsx.bytes.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
		expect(
			(await request(t.app, 'GET', `/api/v1/snapshots/${c.json.id}?format=pdf`, { token: read46 }))
				.status
		).toBe(400);
	});

	it('lists the subtree newest first, to readers of the scope only', async () => {
		const second = await create({
			unit: '46',
			from: '2024-05-01',
			to: '2024-05-31',
			title: 'Tỉnh tháng 5'
		});
		expect(second.status).toBe(201);
		const list = await request(t.app, 'GET', '/api/v1/snapshots?unit=46', { token: read46 });
		expect(list.json.items.map((i: { title: string }) => i.title)).toEqual([
			'Tỉnh tháng 5',
			'Thông báo giám sát số 12'
		]);
		expect(Object.keys(list.json.items[0]).sort()).toEqual([
			'createdAt',
			'createdBy',
			'from',
			'id',
			'title',
			'to',
			'unit'
		]);
		expect(
			(await request(t.app, 'GET', '/api/v1/snapshots?unit=460', { token: read46 })).json.items
		).toHaveLength(1);
		expect(
			(await request(t.app, 'GET', '/api/v1/snapshots?unit=46', { token: read461 })).status
		).toBe(403);
		expect(
			(await request(t.app, 'GET', `/api/v1/snapshots/${second.json.id}`, { token: read461 }))
				.status
		).toBe(404);
		expect(
			(await request(t.app, 'GET', `/api/v1/snapshots/${second.json.id}`, { session: other }))
				.status
		).toBe(404);
		expect(
			(await request(t.app, 'GET', '/api/v1/snapshots/snp_aaaaaaaaaaaaaaaa', { token: read46 }))
				.status
		).toBe(404);
		expect(
			(await request(t.app, 'GET', '/api/v1/snapshots/..%2F..', { token: read46 })).status
		).toBe(404);
	});

	it('keys cannot create, out of scope is 403, bad input 400 — and nothing is stored', async () => {
		const count = async () =>
			(await request(t.app, 'GET', '/api/v1/snapshots?unit=46', { token: read46 })).json.items
				.length;
		const before = await count();
		const good = { unit: '460', from: '2024-05-01', to: '2024-05-31', title: 'x' };
		expect(
			(await request(t.app, 'POST', '/api/v1/snapshots', { token: read46, body: good })).status
		).toBe(403);
		expect(
			(await request(t.app, 'POST', '/api/v1/snapshots', { token: ingest, body: good })).status
		).toBe(403);
		expect((await request(t.app, 'POST', '/api/v1/snapshots', { body: good })).status).toBe(401);
		expect((await create(good, other)).status).toBe(403);
		for (const bad of [
			{ ...good, from: '2024-06-01' },
			{ ...good, to: '2024-02-30' },
			{ ...good, title: '' },
			{ ...good, title: 'a\u0000b' },
			{ ...good, title: 'x'.repeat(201) },
			{ ...good, unit: 5 },
			[],
			'snapshot'
		]) {
			const r = await create(bad);
			expect(r.status, JSON.stringify(bad)).toBe(400);
		}
		expect(
			(
				await request(t.app, 'POST', '/api/v1/snapshots', {
					session: supervisor,
					rawBody: '{"unit":'
				})
			).status
		).toBe(400);
		expect((await create({ ...good, unit: '99999' })).status).toBe(404);
		expect(await count()).toBe(before);
	});

	it('only an admin deletes one', async () => {
		const c = await create({ unit: '460', from: '2024-05-01', to: '2024-05-31', title: 'Xóa thử' });
		expect(
			(await request(t.app, 'DELETE', `/api/v1/snapshots/${c.json.id}`, { session: supervisor }))
				.status
		).toBe(403);
		expect(
			(await request(t.app, 'DELETE', `/api/v1/snapshots/${c.json.id}`, { token: read46 })).status
		).toBe(403);
		expect(
			(await request(t.app, 'DELETE', `/api/v1/snapshots/${c.json.id}`, { session: admin })).status
		).toBe(204);
		expect(
			(await request(t.app, 'GET', `/api/v1/snapshots/${c.json.id}`, { token: read46 })).status
		).toBe(404);
	});
});
