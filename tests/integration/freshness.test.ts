/**
 * GET /api/v1/freshness (docs/domain.md#freshness) and GET /api/v1/scoreboard (§9) through the API: freshness per child
 * from what the ingest transaction keeps (the same after rebuild), lags of events whose `at` lies hours in the
 * past, a child that never sent; the scoreboard on a hand-computed scenario with supplements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuild } from '../../src/lib/server/ingest/rebuild.ts';
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

const iso = (ms: number) => new Date(ms).toISOString();

describe.each(BACKENDS)('freshness and scoreboard on %s', (backend) => {
	let t: TestDb;
	let ingest: string;
	let read: string;
	let read460: string;
	const get = (path: string, token = read) => request(t.app, 'GET', path, { token });

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		ingest = await key(t.app, 'ingest', '46');
		read = await key(t.app, 'read', '46');
		read460 = await key(t.app, 'read', '460');
	});
	afterAll(() => t.drop());

	it('per child: last event, acceptance, events in 24 h, nearest-rank lag; a child that never sent is silent', async () => {
		const now = Date.now();
		const h = 3600_000;
		const r = await postBatch(t.app, ingest, [
			received('f-1', '46001', 'F-1', iso(now - 2 * h), { dueAt: iso(now + 48 * h) }),
			received('f-2', '46002', 'F-2', iso(now - 2 * h - 60_000), { dueAt: iso(now + 48 * h) }),
			received('f-3', '46002', 'F-3', iso(now - 10 * 60_000), { dueAt: iso(now + 48 * h) }),
			received('f-4', '46003', 'F-4', iso(now - 10 * 24 * h), { dueAt: iso(now + 48 * h) })
		]);
		expect(r.status).toBe(200);
		const f = await get('/api/v1/freshness?unit=46');
		expect(f.status).toBe(200);
		expect(f.json.unit).toBe('46');
		expect(f.json.now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);
		const [d460, d461] = f.json.items;
		expect(d460).toMatchObject({ unit: '460', name: 'Huyện Một', events24h: 4, silent: false });
		expect(new Date(d460.lastEventAt).getTime()).toBe(new Date(iso(now - 10 * 60_000)).getTime());
		expect(Math.abs(new Date(d460.lastAcceptedAt).getTime() - Date.now())).toBeLessThan(60_000);
		// Lags ≈ 10 min, 2 h, 2 h 1 min, 10 days: p50 is the 2nd smallest, p95 the largest.
		expect(d460.lagSeconds.n).toBe(4);
		expect(Math.abs(d460.lagSeconds.p50 - 7200)).toBeLessThan(60);
		expect(Math.abs(d460.lagSeconds.p95 - 864000)).toBeLessThan(60);
		expect(d461).toEqual({
			unit: '461',
			name: 'Huyện Hai',
			lastEventAt: null,
			lastAcceptedAt: null,
			events24h: 0,
			lagSeconds: null,
			silent: true
		});
		const deeper = await get('/api/v1/freshness?unit=460', read460);
		expect(
			deeper.json.items.map((i: { unit: string; events24h: number }) => [i.unit, i.events24h])
		).toEqual([
			['46001', 1],
			['46002', 2],
			['46003', 1]
		]);
		await rebuild(t.app.database);
		expect((await get('/api/v1/freshness?unit=46')).json.items).toEqual(f.json.items);
	});

	it('is scoped and strict like §4', async () => {
		expect((await get('/api/v1/freshness?unit=46', read460)).status).toBe(403);
		expect((await get('/api/v1/freshness?unit=99999')).status).toBe(404);
		expect((await get('/api/v1/freshness')).status).toBe(400);
		expect((await request(t.app, 'GET', '/api/v1/freshness?unit=46')).status).toBe(401);
		expect((await get('/api/v1/scoreboard?unit=46&from=2024-02-30&to=2024-03-01')).status).toBe(
			400
		);
		expect(
			(await get('/api/v1/scoreboard?unit=46&from=2024-01-01&to=2024-03-01', read460)).status
		).toBe(403);
	});

	it('the scoreboard of a hand-computed month: progress with a twice-supplemented dossier, online, satisfaction', async () => {
		const at = (d: number, hh = 9) =>
			`2024-04-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:00:00+07:00`;
		const ev = [
			// 461's April: 4 received (2 online); D1 early, D2 on time but supplemented twice, D3 late, D4 pending past due at the end.
			received('s-1', '46101', 'S-1', at(1), { dueAt: at(5, 17), channel: 'online' }),
			received('s-2', '46101', 'S-2', at(2), { dueAt: at(6, 17), channel: 'online' }),
			received('s-3', '46102', 'S-3', at(3), { dueAt: at(4, 17), channel: 'direct' }),
			received('s-4', '46102', 'S-4', at(4), { dueAt: at(8, 17), channel: 'direct' }),
			{ id: 's-1r', type: 'dossier.resolved', at: at(3), unit: '46101', dossier: 'S-1' },
			{
				id: 's-2b1',
				type: 'dossier.supplement_requested',
				at: at(3),
				unit: '46101',
				dossier: 'S-2'
			},
			{
				id: 's-2b2',
				type: 'dossier.supplement_requested',
				at: at(4),
				unit: '46101',
				dossier: 'S-2'
			},
			{ id: 's-2r', type: 'dossier.resolved', at: at(6, 10), unit: '46101', dossier: 'S-2' },
			{ id: 's-3r', type: 'dossier.resolved', at: at(9), unit: '46102', dossier: 'S-3' },
			{
				id: 's-1v',
				type: 'dossier.rated',
				at: at(3, 10),
				unit: '46101',
				dossier: 'S-1',
				level: 'very_satisfied'
			},
			{
				id: 's-2v',
				type: 'dossier.rated',
				at: at(6, 11),
				unit: '46101',
				dossier: 'S-2',
				level: 'unsatisfied'
			}
		];
		expect((await postBatch(t.app, ingest, ev)).status).toBe(200);
		const b = await get('/api/v1/scoreboard?unit=461&from=2024-04-01&to=2024-04-30');
		expect(b.status).toBe(200);
		// Handled 4: in time only S-1 (S-2 on time but twice supplemented, S-3 late, S-4 pending overdue) → 1/4.
		expect(b.json).toEqual({
			unit: '461',
			from: '2024-04-01',
			to: '2024-04-30',
			progress: { points: 5, max: 20, value: 0.25, n: 4 },
			online: { points: 6, max: 6, value: 0.5, n: 4 },
			satisfaction: { points: 6 * (0.5 / 0.9), max: 6, value: 0.5, n: 2 },
			total: { points: 5 + 6 + 6 * (0.5 / 0.9), max: 32 }
		});
		const s = (await get('/api/v1/summary?unit=461&from=2024-04-01&to=2024-04-30')).json;
		expect(s.resolved).toEqual({ total: 3, early: 1, onTime: 1, overdue: 1 });
		// An empty period: every group without data, total 0 of 0.
		const empty = (await get('/api/v1/scoreboard?unit=461&from=2023-01-01&to=2023-01-31')).json;
		expect(empty.total).toEqual({ points: 0, max: 0 });
		expect(empty.progress).toEqual({ points: null, max: 20, value: null, n: 0 });
	});
});

describe.each(BACKENDS)('overdue attribution on %s', (backend) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
	});
	afterAll(() => t.drop());

	it('splits the dossiers judged overdue into the data and the processing, per unit, from counters and the phantom index', async () => {
		const { attributions } = await import('../../src/lib/server/queries/attribution.ts');
		const { getUnit } = await import('../../src/lib/server/queries/units.ts');
		const ingest = await key(t.app, 'ingest', '46');
		const d = (n: number, h = 9) =>
			`2024-03-${String(n).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+07:00`;
		const ev = (dossier: string, unit: string, kind: string, at: string) => ({
			id: `${dossier}-${kind}`,
			type: `dossier.${kind}`,
			at,
			unit,
			dossier
		});
		const r = await postBatch(t.app, ingest, [
			// 46101: late by processing (resolved after the appointment, returned after it).
			received('p-1', '46101', 'P-1', d(1), { dueAt: d(4, 17) }),
			ev('P-1', '46101', 'resolved', d(6)),
			ev('P-1', '46101', 'returned', d(7)),
			// 46101: returned in time, resolution recorded late (phantom): the data's.
			received('p-2', '46101', 'P-2', d(1), { dueAt: d(4, 17) }),
			ev('P-2', '46101', 'returned', d(3)),
			ev('P-2', '46101', 'resolved', d(8)),
			// 46102: returned after the appointment, resolution recorded after the return: the data's.
			received('p-3', '46102', 'P-3', d(1), { dueAt: d(4, 17) }),
			ev('P-3', '46102', 'returned', d(6)),
			ev('P-3', '46102', 'resolved', d(9)),
			// 46102: still pending past its appointment: processing; returned in time but never resolved: the data's.
			received('p-4', '46102', 'P-4', d(1), { dueAt: d(4, 17) }),
			received('p-5', '46102', 'P-5', d(1), { dueAt: d(4, 17) }),
			ev('P-5', '46102', 'returned', d(2)),
			// 46103: resolved in time: not judged overdue.
			received('p-6', '46103', 'P-6', d(1), { dueAt: d(4, 17) }),
			ev('P-6', '46103', 'resolved', d(2))
		]);
		expect(r.status).toBe(200);
		const u461 = (await getUnit(t.app.database, '461'))!;
		const kids = ['46101', '46102', '46103'].map((code) => ({ code, depth: u461.depth + 1 }));
		const a = await attributions(
			t.app.database,
			[u461, ...kids],
			'2024-03-01',
			'2024-03-31',
			new Date('2024-04-15T09:00:00+07:00')
		);
		expect(a.get('461')).toEqual({
			judged: 5,
			sync: 3,
			processing: 2,
			resolvedLate: 3,
			syncedLate: 0,
			openOverdue: 2
		});
		expect(a.get('46101')).toMatchObject({ judged: 2, sync: 1, processing: 1 });
		expect(a.get('46102')).toMatchObject({ judged: 3, sync: 2, processing: 1 });
		expect(a.get('46103')).toMatchObject({ judged: 0, sync: 0 });
	});
});
