/**
 * Unit mergers: after `old_code → new_code` mappings are imported, the new
 * unit's figures include its predecessors' history (a period before the merger
 * aggregates them, a period spanning it is continuous), the province does not
 * change, bad mappings write nothing, and a later unit list keeps the merger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuild } from '../../src/lib/server/ingest/rebuild.ts';
import { loadMergers, mergersAround } from '../../src/lib/server/queries/mergers.ts';
import { importMergers } from '../../src/lib/server/units/mergers.ts';
import { getUnit } from '../../src/lib/server/queries/units.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';

const UNITS = `code,name,type,parent_code
77,Tỉnh Thử Nghiệm,province,
771,Huyện Cũ,district,77
77001,Xã Đông,commune,771
77002,Xã Tây,commune,771
77003,Xã Nam,commune,771
77100,Xã Hợp Nhất,commune,77
`;

let n = 0;
function dossier(unit: string, receivedAt: string, resolvedAt: string | null, channel = 'direct') {
	const code = `M-${++n}`;
	const events: unknown[] = [
		{
			id: `${code}-r`,
			type: 'dossier.received',
			at: receivedAt,
			unit,
			dossier: code,
			procedure: 'P1',
			field: 'F1',
			channel,
			dueAt: '2025-07-20T17:00:00+07:00'
		}
	];
	if (resolvedAt)
		events.push({ id: `${code}-d`, type: 'dossier.resolved', at: resolvedAt, unit, dossier: code });
	return events;
}

describe.each(BACKENDS)('unit mergers on %s', (backend) => {
	let t: TestDb;
	let read: string;
	const summary = async (unit: string, from: string, to: string) => {
		const r = await request(t.app, 'GET', `/api/v1/summary?unit=${unit}&from=${from}&to=${to}`, {
			token: read
		});
		expect(r.status, r.text).toBe(200);
		return r.json;
	};
	const before: Record<string, any> = {};

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, UNITS);
		read = await key(t.app, 'read', '77');
		const ingest = await key(t.app, 'ingest', '77');
		const events = [
			...dossier('77001', '2025-06-02T08:00:00+07:00', '2025-06-05T09:00:00+07:00', 'online'),
			...dossier('77001', '2025-06-10T08:00:00+07:00', null),
			...dossier('77002', '2025-06-12T08:00:00+07:00', '2025-06-13T09:00:00+07:00'),
			...dossier('77002', '2025-06-25T08:00:00+07:00', '2025-07-03T10:00:00+07:00'),
			...dossier('77003', '2025-06-20T08:00:00+07:00', '2025-06-21T10:00:00+07:00'),
			...dossier('77100', '2025-07-02T08:00:00+07:00', '2025-07-04T10:00:00+07:00', 'online'),
			...dossier('77100', '2025-07-08T08:00:00+07:00', null)
		];
		expect((await postBatch(t.app, ingest, events)).status).toBe(200);
		for (const u of ['77', '77001', '77002', '77100'])
			before[u] = await summary(u, '2025-06-01', '2025-07-31');
		before.juneA = await summary('77001', '2025-06-01', '2025-06-30');
		before.juneB = await summary('77002', '2025-06-01', '2025-06-30');
	}, 120_000);
	afterAll(() => t.drop());

	it('rejects a bad mapping with line numbers and writes nothing', async () => {
		const r = await importMergers(
			t.app.database,
			'old_code,new_code,effective_date\n77001,77100,2025-07-01\n77009,77100,2025-07-01\n77002,77002,2025-07-01\n77001,77100,2025-07-01\n77003,77100,1/7/2025\n'
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
		expect(r.errors[0].message).toMatch(/unknown old_code "77009"/);
		expect(r.errors[2].message).toMatch(/already mapped on line 2/);
		const cycle = await importMergers(t.app.database, '771,77001,2025-07-01\n');
		expect(cycle.ok).toBe(false);
		if (!cycle.ok) expect(cycle.errors[0].message).toMatch(/cycle/);
		expect(await loadMergers(t.app.database)).toEqual([]);
		expect((await getUnit(t.app.database, '77001'))?.parent).toBe('771');
	});

	it('a new unit over a period before the merger aggregates its predecessors', async () => {
		expect((await summary('77100', '2025-06-01', '2025-06-30')).received.new).toBe(0);
		const r = await importMergers(
			t.app.database,
			'old_code,new_code,effective_date\n77001,77100,2025-07-01\n77002,77100,2025-07-01\n'
		);
		expect(r).toEqual({ ok: true, imported: 2, moved: 2 });
		const june = await summary('77100', '2025-06-01', '2025-06-30');
		expect(june.received.new).toBe(before.juneA.received.new + before.juneB.received.new);
		expect(june.received.online).toBe(1);
		expect(june.resolved).toEqual({
			total: before.juneA.resolved.total + before.juneB.resolved.total,
			early: before.juneA.resolved.early + before.juneB.resolved.early,
			onTime: before.juneA.resolved.onTime + before.juneB.resolved.onTime,
			overdue: before.juneA.resolved.overdue + before.juneB.resolved.overdue
		});
		expect(june.pending.total).toBe(before.juneA.pending.total + before.juneB.pending.total);
	});

	it('a period spanning the merger is continuous, and the province does not change', async () => {
		const span = await summary('77100', '2025-06-01', '2025-07-31');
		expect(span.received.new).toBe(
			before['77001'].received.new + before['77002'].received.new + before['77100'].received.new
		);
		expect(span.resolved.total).toBe(
			before['77001'].resolved.total +
				before['77002'].resolved.total +
				before['77100'].resolved.total
		);
		const july = await summary('77100', '2025-07-01', '2025-07-31');
		// the June dossiers of the predecessors still open on 1 July are carried over into the new unit
		expect(july.received.carriedOver).toBe(2);
		expect(await summary('77', '2025-06-01', '2025-07-31')).toEqual(before['77']);
		const report = await request(
			t.app,
			'GET',
			'/api/v1/reports/received-resolved?unit=77100&from=2025-06-01&to=2025-07-31&format=json',
			{ token: read }
		);
		expect(report.json.rows.map((row: { unit: string }) => row.unit)).toEqual([
			'77100',
			'77001',
			'77002'
		]);
		expect(report.json.total.received.total).toBe(span.received.total);
	});

	it('ranks and maps a merged unit only while it existed', async () => {
		const ranked = async (from: string, to: string) => {
			const r = await request(
				t.app,
				'GET',
				`/api/v1/rankings?parent=77100&metric=onTime&from=${from}&to=${to}`,
				{ token: read }
			);
			expect(r.status, r.text).toBe(200);
			return r.json.items.map((i: { unit: string; n: number }) => [i.unit, i.n]);
		};
		// June: the predecessors were still counters of their own
		expect((await ranked('2025-06-01', '2025-06-30')).sort()).toEqual([
			['77001', 1],
			['77002', 1]
		]);
		// a period spanning the merger still shows what they did before it
		expect((await ranked('2025-06-15', '2025-07-31')).sort()).toEqual([
			['77001', 0],
			['77002', 1]
		]);
		// after the merger they are gone from the ranking and from the map
		expect(await ranked('2025-07-01', '2025-07-31')).toEqual([]);
		const geo = await request(t.app, 'GET', '/api/v1/units/77100/geo?level=children', {
			token: read
		});
		expect(geo.status, geo.text).toBe(200);
		expect(geo.json.features).toEqual([]);
		const province = await request(
			t.app,
			'GET',
			'/api/v1/rankings?parent=77&metric=onTime&from=2025-07-01&to=2025-07-31',
			{ token: read }
		);
		expect(province.json.items.map((i: { unit: string }) => i.unit).sort()).toEqual([
			'771',
			'77100'
		]);
	});

	it('keeps the merger through a rebuild and a later unit list, and says who merged into whom', async () => {
		const span = await summary('77100', '2025-06-01', '2025-07-31');
		await rebuild(t.app.database);
		expect(await summary('77100', '2025-06-01', '2025-07-31')).toEqual(span);
		await importCsv(t.app, UNITS);
		expect((await getUnit(t.app.database, '77001'))?.parent).toBe('77100');
		expect(await summary('77100', '2025-06-01', '2025-07-31')).toEqual(span);
		const around = await mergersAround(t.app.database, '77100');
		expect(around.predecessors.map((p) => [p.oldCode, p.oldName, p.effectiveDate])).toEqual([
			['77001', 'Xã Đông', '2025-07-01'],
			['77002', 'Xã Tây', '2025-07-01']
		]);
		expect((await mergersAround(t.app.database, '77002')).successor?.newName).toBe('Xã Hợp Nhất');
	});
});
