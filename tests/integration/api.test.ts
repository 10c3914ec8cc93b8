/** Figures, rankings, units and dossiers through the API handlers, with exact expectations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const NOW = new Date('2024-05-20T12:00:00+07:00');

describe.each(BACKENDS)('API on %s', (backend) => {
	let t: TestDb;
	let read: string;
	let read460: string;
	beforeAll(async () => {
		t = await createTestApp(backend);
		t.app.now = () => NOW;
		await importCsv(t.app, TREE_CSV);
		const ingest = await key(t.app, 'ingest', '46');
		read = await key(t.app, 'read', '46');
		read460 = await key(t.app, 'read', '460');
		const due = '2024-05-10T17:00:00+07:00';
		const events = [
			// 46001: early (resolved the day before due), rated very satisfied
			received('a1', '46001', 'A', '2024-05-06T08:00:00+07:00', {
				dueAt: due,
				digitized: true,
				onlineLevel: 'full'
			}),
			{
				id: 'a2',
				type: 'dossier.resolved',
				at: '2024-05-09T10:00:00+07:00',
				unit: '46001',
				dossier: 'A',
				resultDigitized: true
			},
			{
				id: 'a3',
				type: 'dossier.returned',
				at: '2024-05-09T11:00:00+07:00',
				unit: '46001',
				dossier: 'A'
			},
			{
				id: 'a4',
				type: 'dossier.rated',
				at: '2024-05-09T11:05:00+07:00',
				unit: '46001',
				dossier: 'A',
				level: 'very_satisfied',
				via: 'kiosk'
			},
			// 46001: on time (due day, before dueAt)
			received('b1', '46001', 'B', '2024-05-06T09:00:00+07:00', { channel: 'direct', dueAt: due }),
			{
				id: 'b2',
				type: 'dossier.resolved',
				at: '2024-05-10T16:59:00+07:00',
				unit: '46001',
				dossier: 'B'
			},
			// 46002: overdue by a minute although rescheduled with apology (judged on the first dueAt); returned before → phantom
			received('c1', '46002', 'C', '2024-05-06T09:00:00+07:00', { channel: 'postal', dueAt: due }),
			{
				id: 'c2',
				type: 'dossier.rescheduled',
				at: '2024-05-10T15:00:00+07:00',
				unit: '46002',
				dossier: 'C',
				dueAt: '2024-05-14T17:00:00+07:00',
				apology: true
			},
			{
				id: 'c3',
				type: 'dossier.returned',
				at: '2024-05-10T16:00:00+07:00',
				unit: '46002',
				dossier: 'C'
			},
			{
				id: 'c4',
				type: 'dossier.resolved',
				at: '2024-05-10T17:01:00+07:00',
				unit: '46002',
				dossier: 'C'
			},
			// 46101: pending, overdue at the end of the period; received in April → carried over into May
			received('d1', '46101', 'D', '2024-04-25T09:00:00+07:00', {
				dueAt: '2024-05-02T17:00:00+07:00'
			}),
			{
				id: 'd2',
				type: 'dossier.supplement_requested',
				at: '2024-04-26T09:00:00+07:00',
				unit: '46101',
				dossier: 'D'
			},
			{
				id: 'd3',
				type: 'dossier.supplement_requested',
				at: '2024-04-29T09:00:00+07:00',
				unit: '46101',
				dossier: 'D'
			},
			// 46101: pending within deadline at NOW; withdrawn one; rejected one
			received('e1', '46101', 'E', '2024-05-20T08:00:00+07:00', {
				dueAt: '2024-05-24T17:00:00+07:00'
			}),
			received('f1', '46101', 'F', '2024-05-07T08:00:00+07:00'),
			{
				id: 'f2',
				type: 'dossier.withdrawn',
				at: '2024-05-08T08:00:00+07:00',
				unit: '46101',
				dossier: 'F'
			},
			received('g1', '46102', 'G', '2024-05-07T08:00:00+07:00'),
			{
				id: 'g2',
				type: 'dossier.rejected',
				at: '2024-05-08T08:00:00+07:00',
				unit: '46102',
				dossier: 'G',
				reason: 'sai thẩm quyền'
			},
			// a lone kiosk rating and feedback
			{
				id: 'h1',
				type: 'dossier.rated',
				at: '2024-05-08T09:00:00+07:00',
				unit: '46102',
				level: 'unsatisfied',
				via: 'qr'
			},
			{
				id: 'i1',
				type: 'feedback.received',
				at: '2024-05-08T09:00:00+07:00',
				unit: '46102',
				feedback: 'PAKN-1',
				kind: 'conduct'
			},
			{
				id: 'i2',
				type: 'feedback.resolved',
				at: '2024-05-09T09:00:00+07:00',
				unit: '46102',
				feedback: 'PAKN-1',
				kind: 'conduct'
			}
		];
		const r = await postBatch(t.app, ingest, events);
		expect(r.status, JSON.stringify(r.json)).toBe(200);
	});
	afterAll(() => t.drop());

	it('summary of May for the province, exactly as §4', async () => {
		const r = await request(t.app, 'GET', '/api/v1/summary?unit=46&from=2024-05-01&to=2024-05-31', {
			token: read
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			unit: '46',
			from: '2024-05-01',
			to: '2024-05-31',
			received: {
				total: 7,
				new: 6,
				carriedOver: 1,
				direct: 1,
				online: 4,
				postal: 1,
				onlineFull: 1
			},
			resolved: { total: 3, early: 1, onTime: 1, overdue: 1 },
			pending: { total: 2, withinDeadline: 1, overdue: 1 },
			withdrawn: 1,
			rejected: 1,
			apologies: 1,
			digitized: { intake: 1, result: 1 },
			ratings: { total: 2, verySatisfied: 1, satisfied: 0, unsatisfied: 1 },
			feedback: { received: 1, resolved: 1 },
			rates: {
				onTime: 2 / 3,
				online: 4 / 6,
				digitizedIntake: 1 / 6,
				digitizedResult: 1 / 3,
				satisfaction: 0.5
			}
		});
	});

	it('null rates on empty denominators, a subtree, a closed period', async () => {
		const r = await request(
			t.app,
			'GET',
			'/api/v1/summary?unit=461&from=2024-04-01&to=2024-04-30',
			{ token: read }
		);
		expect(r.json.received).toMatchObject({ new: 1, carriedOver: 0, total: 1 });
		expect(r.json.pending).toEqual({ total: 1, withinDeadline: 1, overdue: 0 });
		expect(r.json.rates).toEqual({
			onTime: null,
			online: 1,
			digitizedIntake: 0,
			digitizedResult: null,
			satisfaction: null
		});
	});

	it('rejects bad parameters and foreign scopes', async () => {
		const cases: [string, string, number][] = [
			['/api/v1/summary?unit=46&from=2024-05-01', read, 400],
			['/api/v1/summary?unit=46&from=2024-02-30&to=2024-03-01', read, 400],
			['/api/v1/summary?unit=46&from=2024-05-02&to=2024-05-01', read, 400],
			['/api/v1/summary?unit=999&from=2024-05-01&to=2024-05-02', read, 404],
			['/api/v1/summary?unit=461&from=2024-05-01&to=2024-05-02', read460, 403],
			['/api/v1/summary?unit=47&from=2024-05-01&to=2024-05-02', read, 403],
			['/api/v1/summary?unit=46&from=2024-05-01&to=2024-05-02', '', 401],
			['/api/v1/rankings?parent=46&metric=speed&from=2024-05-01&to=2024-05-02', read, 400],
			['/api/v1/rankings?parent=46&metric=onTime&from=2024-05-01&to=2024-05-02&level=0', read, 400]
		];
		for (const [path, token, status] of cases)
			expect((await request(t.app, 'GET', path, { token })).status, path).toBe(status);
	});

	it('rankings: children and level 2, ordered by the Wilson lower bound, n = 0 last', async () => {
		const r = await request(
			t.app,
			'GET',
			'/api/v1/rankings?parent=46&metric=onTime&from=2024-05-01&to=2024-05-31',
			{ token: read }
		);
		expect(r.json.items.map((i: { unit: string }) => i.unit)).toEqual(['460', '461']);
		expect(r.json.items[0]).toMatchObject({
			unit: '460',
			name: 'Huyện Một',
			rank: 1,
			value: 2 / 3,
			n: 3
		});
		expect(r.json.items[0].lower).toBeCloseTo(0.2077, 3);
		expect(r.json.items[0].upper).toBeCloseTo(0.9385, 3);
		expect(r.json.items[1]).toEqual({
			unit: '461',
			name: 'Huyện Hai',
			rank: 2,
			value: null,
			n: 0,
			lower: null,
			upper: null
		});
		const l2 = await request(
			t.app,
			'GET',
			'/api/v1/rankings?parent=46&metric=onTime&from=2024-05-01&to=2024-05-31&level=2',
			{ token: read }
		);
		expect(l2.json.items.map((i: { unit: string; n: number }) => `${i.unit}:${i.n}`)).toEqual([
			'46001:2',
			'46002:1',
			'46003:0',
			'46101:0',
			'46102:0',
			'46103:0'
		]);
		const sat = await request(
			t.app,
			'GET',
			'/api/v1/rankings?parent=460&metric=satisfaction&from=2024-05-01&to=2024-05-31',
			{ token: read }
		);
		expect(sat.json.items[0]).toMatchObject({ unit: '46001', value: 1, n: 1 });
	});

	it('units: top of the scope, children with counts, geometry', async () => {
		const top = await request(t.app, 'GET', '/api/v1/units', { token: read460 });
		expect(top.json).toEqual({
			items: [{ code: '460', name: 'Huyện Một', type: 'district', parent: '46', children: 3 }]
		});
		const kids = await request(t.app, 'GET', '/api/v1/units?parent=46', { token: read });
		expect(
			kids.json.items.map((u: { code: string; children: number }) => `${u.code}/${u.children}`)
		).toEqual(['460/3', '461/3']);
		const geo = await request(t.app, 'GET', '/api/v1/units/460/geo?level=children', {
			token: read
		});
		expect(geo.json.type).toBe('FeatureCollection');
		expect(
			geo.json.features.map((f: { properties: { code: string } }) => f.properties.code)
		).toEqual(['46001', '46002', '46003']);
		expect(
			(await request(t.app, 'GET', '/api/v1/units?parent=461', { token: read460 })).status
		).toBe(403);
	});

	it('one dossier with its events, appointments and flags; 404 outside the scope', async () => {
		const r = await request(t.app, 'GET', '/api/v1/dossiers/C', { token: read });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			dossier: 'C',
			unit: '46002',
			channel: 'postal',
			status: 'resolved',
			outcome: 'overdue',
			apology: true,
			supplements: 0,
			flags: ['phantom_overdue']
		});
		expect(new Date(r.json.firstDueAt).toISOString()).toBe('2024-05-10T10:00:00.000Z');
		expect(new Date(r.json.dueAt).toISOString()).toBe('2024-05-14T10:00:00.000Z');
		expect(r.json.events.map((e: { id: string }) => e.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
		const d = await request(t.app, 'GET', '/api/v1/dossiers/D', { token: read });
		expect(d.json.flags).toEqual(['many_supplements']);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/D', { token: read460 })).status).toBe(
			404
		);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/NOPE', { token: read })).status).toBe(
			404
		);
	});

	it('overdue and at-risk lists, most overdue first, with overdueHours', async () => {
		const r = await request(t.app, 'GET', '/api/v1/overdue?unit=46&atRiskHours=120', {
			token: read
		});
		expect(r.status).toBe(200);
		expect(r.json.overdue.map((d: { dossier: string }) => d.dossier)).toEqual(['D']);
		expect(r.json.overdue[0]).toMatchObject({
			unit: '46101',
			unitName: 'Xã Dương',
			status: 'pending',
			overdueHours: 18 * 24 - 5,
			flags: ['many_supplements']
		});
		expect(
			r.json.atRisk.map((d: { dossier: string; overdueHours: number }) => [
				d.dossier,
				d.overdueHours
			])
		).toEqual([['E', -(4 * 24 + 5)]]);
		const narrow = await request(t.app, 'GET', '/api/v1/overdue?unit=46&atRiskHours=24', {
			token: read
		});
		expect(narrow.json.atRisk).toEqual([]);
		expect((await request(t.app, 'GET', '/api/v1/overdue?unit=460', { token: read })).json).toEqual(
			{ overdue: [], atRisk: [] }
		);
		expect(
			(await request(t.app, 'GET', '/api/v1/overdue?unit=46&atRiskHours=-1', { token: read }))
				.status
		).toBe(400);
		expect(
			(await request(t.app, 'GET', '/api/v1/overdue?unit=461', { token: read460 })).status
		).toBe(403);
	});

	it('readable feed: newest first, then after a seq', async () => {
		const r = await request(t.app, 'GET', '/api/v1/feed?unit=461', { token: read });
		expect(r.json.items[0]).toMatchObject({
			unitName: expect.any(String),
			type: expect.any(String)
		});
		expect(r.json.items.every((i: { unit: string }) => i.unit.startsWith('461'))).toBe(true);
		const seqs = r.json.items.map((i: { seq: number }) => i.seq);
		expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
		const after = await request(t.app, 'GET', `/api/v1/feed?unit=461&after=${seqs[2]}`, {
			token: read
		});
		expect(after.json.items.map((i: { seq: number }) => i.seq)).toEqual(seqs.slice(0, 2).reverse());
	});

	it('form II.06a: own counter first when it has dossiers, children, total equal to the summary', async () => {
		const q = '/api/v1/reports/received-resolved?unit=46&from=2024-05-01&to=2024-05-31';
		const r = await request(t.app, 'GET', q, { token: read });
		expect(r.json.rows.map((x: { unit: string }) => x.unit)).toEqual(['460', '461']);
		const s = await request(t.app, 'GET', '/api/v1/summary?unit=46&from=2024-05-01&to=2024-05-31', {
			token: read
		});
		expect(r.json.total).toEqual({
			received: s.json.received,
			resolved: s.json.resolved,
			pending: s.json.pending,
			withdrawn: s.json.withdrawn
		});
		const sum = (k: (x: any) => number) => r.json.rows.reduce((n: number, x: any) => n + k(x), 0);
		expect(sum((x) => x.received.total)).toBe(r.json.total.received.total);
		expect(sum((x) => x.pending.overdue)).toBe(r.json.total.pending.overdue);
		expect((await request(t.app, 'GET', `${q}&format=pdf`, { token: read })).status).toBe(400);
		expect((await request(t.app, 'GET', q, { token: read460 })).status).toBe(403);
	});

	it('healthz', async () => {
		const r = await request(t.app, 'GET', '/healthz');
		expect(r.status).toBe(200);
		expect(r.json.ok).toBe(true);
	});
});
