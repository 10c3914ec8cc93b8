/**
 * Anomaly flags counted per unit subtree and period (the unit page's panel) and
 * listed (the overdue watch's anomalies tab): the population is the dossiers
 * RECEIVED in the period, at UTC+7 day boundaries, by receiving unit's subtree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyCounts, anomalyList } from '../../src/lib/server/queries/anomalies.ts';
import { loadWatch } from '../../src/routes/(app)/overdue/watch.server.ts';
import { parseState } from '../../src/routes/(app)/overdue/view.ts';
import { BACKENDS, createTestApp, importCsv, key, postBatch, type TestDb } from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';

const NOW = new Date('2024-06-05T12:00:00+07:00');
const admin = {
	kind: 'user' as const,
	id: 'u1',
	username: 'tinh',
	role: 'admin' as const,
	scopeCode: '46',
	sessionId: 's'
};

describe.each(BACKENDS)('anomalies on %s', (backend) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestApp(backend);
		t.app.now = () => NOW;
		await importCsv(t.app, TREE_CSV);
		const ingest = await key(t.app, 'ingest', '46');
		const ingest47 = await key(t.app, 'ingest', '47');
		const events = [
			// P1: returned on time, resolution recorded late → phantom_overdue; resolved overdue without apology → no_apology
			received('p1', '46001', 'P1', '2024-05-06T08:00:00+07:00'),
			{
				id: 'p1r',
				type: 'dossier.returned',
				at: '2024-05-10T10:00:00+07:00',
				unit: '46001',
				dossier: 'P1'
			},
			{
				id: 'p1s',
				type: 'dossier.resolved',
				at: '2024-05-13T09:00:00+07:00',
				unit: '46001',
				dossier: 'P1'
			},
			// P2: returned before the appointment, never resolved → phantom_overdue only (still pending, overdue)
			received('p2', '46002', 'P2', '2024-05-07T08:00:00+07:00'),
			{
				id: 'p2r',
				type: 'dossier.returned',
				at: '2024-05-09T10:00:00+07:00',
				unit: '46002',
				dossier: 'P2'
			},
			// N1: overdue, rescheduled WITHOUT apology → no_apology
			received('n1', '46101', 'N1', '2024-05-08T08:00:00+07:00'),
			{
				id: 'n1h',
				type: 'dossier.rescheduled',
				at: '2024-05-10T09:00:00+07:00',
				unit: '46101',
				dossier: 'N1',
				dueAt: '2024-05-15T17:00:00+07:00'
			},
			{
				id: 'n1s',
				type: 'dossier.resolved',
				at: '2024-05-12T09:00:00+07:00',
				unit: '46101',
				dossier: 'N1'
			},
			// N2: overdue with an apology letter → no flag
			received('n2', '46101', 'N2', '2024-05-08T09:00:00+07:00'),
			{
				id: 'n2h',
				type: 'dossier.rescheduled',
				at: '2024-05-10T09:00:00+07:00',
				unit: '46101',
				dossier: 'N2',
				dueAt: '2024-05-15T17:00:00+07:00',
				apology: true
			},
			{
				id: 'n2s',
				type: 'dossier.resolved',
				at: '2024-05-12T09:00:00+07:00',
				unit: '46101',
				dossier: 'N2'
			},
			// S1: two supplementation requests → many_supplements; S2: one → nothing
			received('s1', '46102', 'S1', '2024-05-02T08:00:00+07:00', { channel: 'direct' }),
			{
				id: 's1a',
				type: 'dossier.supplement_requested',
				at: '2024-05-03T08:00:00+07:00',
				unit: '46102',
				dossier: 'S1'
			},
			{
				id: 's1b',
				type: 'dossier.supplement_requested',
				at: '2024-05-06T08:00:00+07:00',
				unit: '46102',
				dossier: 'S1'
			},
			{
				id: 's1c',
				type: 'dossier.resolved',
				at: '2024-05-09T08:00:00+07:00',
				unit: '46102',
				dossier: 'S1'
			},
			received('s2', '46102', 'S2', '2024-05-02T08:00:00+07:00'),
			{
				id: 's2a',
				type: 'dossier.supplement_requested',
				at: '2024-05-03T08:00:00+07:00',
				unit: '46102',
				dossier: 'S2'
			},
			// Day boundaries (UTC+7): 31/5 23:30 is May; 1/6 00:00 is June. Both with two supplements.
			received('b1', '46003', 'B1', '2024-05-31T23:30:00+07:00', {
				dueAt: '2024-06-07T17:00:00+07:00'
			}),
			{
				id: 'b1a',
				type: 'dossier.supplement_requested',
				at: '2024-06-01T08:00:00+07:00',
				unit: '46003',
				dossier: 'B1'
			},
			{
				id: 'b1b',
				type: 'dossier.supplement_requested',
				at: '2024-06-02T08:00:00+07:00',
				unit: '46003',
				dossier: 'B1'
			},
			received('b2', '46003', 'B2', '2024-06-01T00:00:00+07:00', {
				dueAt: '2024-06-07T17:00:00+07:00'
			}),
			{
				id: 'b2a',
				type: 'dossier.supplement_requested',
				at: '2024-06-01T08:00:00+07:00',
				unit: '46003',
				dossier: 'B2'
			},
			{
				id: 'b2b',
				type: 'dossier.supplement_requested',
				at: '2024-06-02T08:00:00+07:00',
				unit: '46003',
				dossier: 'B2'
			},
			// OLD: April, many supplements → outside May
			received('o1', '46001', 'OLD', '2024-04-20T08:00:00+07:00', {
				dueAt: '2024-04-25T17:00:00+07:00'
			}),
			{
				id: 'o1a',
				type: 'dossier.supplement_requested',
				at: '2024-04-21T08:00:00+07:00',
				unit: '46001',
				dossier: 'OLD'
			},
			{
				id: 'o1b',
				type: 'dossier.supplement_requested',
				at: '2024-04-22T08:00:00+07:00',
				unit: '46001',
				dossier: 'OLD'
			},
			{
				id: 'o1c',
				type: 'dossier.resolved',
				at: '2024-04-24T08:00:00+07:00',
				unit: '46001',
				dossier: 'OLD'
			}
		];
		const r = await postBatch(t.app, ingest, events);
		expect(r.status, JSON.stringify(r.json)).toBe(200);
		// Another province's phantom overdue never counts for 46.
		const other = [
			received('x1', '47001', 'X1', '2024-05-06T08:00:00+07:00'),
			{
				id: 'x1r',
				type: 'dossier.returned',
				at: '2024-05-09T10:00:00+07:00',
				unit: '47001',
				dossier: 'X1'
			}
		];
		expect((await postBatch(t.app, ingest47, other)).status).toBe(200);
	});
	afterAll(() => t.drop());

	it('counts the flags of dossiers received in the period, per subtree', async () => {
		expect(await anomalyCounts(t.app.database, '46', '2024-05-01', '2024-05-31')).toEqual({
			received: 7,
			flagged: 5,
			phantom_overdue: 2,
			no_apology: 2,
			many_supplements: 2,
			late_sync: 0
		});
		expect(await anomalyCounts(t.app.database, '460', '2024-05-01', '2024-05-31')).toEqual({
			received: 3,
			flagged: 3,
			phantom_overdue: 2,
			no_apology: 1,
			many_supplements: 1,
			late_sync: 0
		});
		expect(await anomalyCounts(t.app.database, '46101', '2024-05-01', '2024-05-31')).toMatchObject({
			received: 2,
			flagged: 1,
			no_apology: 1,
			phantom_overdue: 0
		});
		expect(await anomalyCounts(t.app.database, '46', '2024-06-01', '2024-06-30')).toMatchObject({
			received: 1,
			many_supplements: 1,
			phantom_overdue: 0
		});
		expect(await anomalyCounts(t.app.database, '46', '2024-04-01', '2024-04-30')).toMatchObject({
			received: 1,
			many_supplements: 1
		});
		expect(await anomalyCounts(t.app.database, '47', '2024-05-01', '2024-05-31')).toMatchObject({
			received: 1,
			phantom_overdue: 1
		});
		expect(await anomalyCounts(t.app.database, '46103', '2024-05-01', '2024-05-31')).toEqual({
			received: 0,
			flagged: 0,
			phantom_overdue: 0,
			no_apology: 0,
			many_supplements: 0,
			late_sync: 0
		});
	});

	it('lists flagged dossiers newest received first, with lateness against the first appointment', async () => {
		const all = await anomalyList(t.app.database, '46', { from: null, to: null }, NOW);
		expect(all.truncated).toBe(false);
		expect(all.items.map((d) => d.dossier)).toEqual(['B2', 'B1', 'N1', 'P2', 'P1', 'S1', 'OLD']);
		const cut = await anomalyList(t.app.database, '46', { from: null, to: null }, NOW, 7);
		expect([cut.truncated, cut.items.length]).toEqual([false, 7]);
		const cutShort = await anomalyList(t.app.database, '46', { from: null, to: null }, NOW, 3);
		expect([cutShort.truncated, cutShort.items.map((d) => d.dossier)]).toEqual([
			true,
			['B2', 'B1', 'N1']
		]);
		const may = (
			await anomalyList(t.app.database, '46', { from: '2024-05-01', to: '2024-05-31' }, NOW)
		).items;
		expect(may.map((d) => d.dossier)).toEqual(['B1', 'N1', 'P2', 'P1', 'S1']);
		const p1 = may.find((d) => d.dossier === 'P1')!;
		// resolved 13/5 09:00, due 10/5 17:00 → 64 h late
		expect(p1).toMatchObject({
			unitName: 'Xã An',
			flags: ['phantom_overdue', 'no_apology'],
			overdueHours: 64
		});
		// P2 is still pending: late until now (5/6 12:00) → 25 days 19 h
		expect(may.find((d) => d.dossier === 'P2')!.overdueHours).toBe(25 * 24 + 19);
		// S1 resolved early: negative
		expect(may.find((d) => d.dossier === 'S1')!.overdueHours).toBe(-(24 + 9));
	});

	it('the anomalies tab of the watch equals the panel counts, link for link', async () => {
		const counts = await anomalyCounts(t.app.database, '46', '2024-05-01', '2024-05-31');
		for (const flag of ['phantom_overdue', 'no_apology', 'many_supplements'] as const) {
			const p = parseState(
				new URLSearchParams({
					tab: 'anomalies',
					flag,
					unit: '46',
					from: '2024-05-01',
					to: '2024-05-31'
				})
			);
			if (!p.ok) throw new Error(p.error);
			const v = await loadWatch(t.app, admin, p.state);
			expect(v.counts.anomalies, flag).toBe(counts[flag]);
			expect(v.items.every((i) => i.flags.includes(flag))).toBe(true);
			expect(v.perChild.reduce((n, c) => n + c.anomalies, 0)).toBe(counts[flag]);
		}
		const p = parseState(new URLSearchParams({ tab: 'anomalies', unit: '46', child: '461' }));
		if (!p.ok) throw new Error(p.error);
		const v = await loadWatch(t.app, admin, p.state);
		expect(v.items.map((i) => i.dossier)).toEqual(['N1', 'S1']);
		expect(v.perChild.map((c) => [c.code, c.anomalies])).toEqual([
			['460', 5],
			['461', 2]
		]);
		expect(v.anomaliesTruncated).toBe(false);
		// a list cut short says so: its counts are lower bounds
		const short = await loadWatch(t.app, admin, p.state, 500, 3);
		expect([
			short.anomaliesTruncated,
			short.anomalyLimit,
			short.perChild.reduce((n, c) => n + c.anomalies, 0)
		]).toEqual([true, 3, 3]);
	});
});
