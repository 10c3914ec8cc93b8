/**
 * The reconciliation table of docs/domain.md#reference-reports, through the public API: the seed streams
 * are shuffled, partly re-sent, split into batches, ingested, and every figure
 * of the table is read back from GET /api/v1/summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { rebuild } from '../../src/lib/server/ingest/rebuild.ts';
import { allSeedFixtures, batches, createRng, type SeedFixture } from '../fixtures/seeds.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';

const pct1 = (x: number) => Math.round(x * 1000) / 10;

function unitsCsv(fixtures: SeedFixture[]): string {
	const rows = new Map<string, string>();
	for (const f of fixtures)
		for (const u of f.units)
			rows.set(u.code, `${u.code},${u.name},${u.type},${u.parentCode ?? ''}`);
	return ['code,name,type,parent_code', ...rows.values()].join('\n') + '\n';
}

describe.each(BACKENDS)('seed reconciliation on %s', (backend) => {
	const fixtures = allSeedFixtures(7);
	let t: TestDb;
	let read: Record<string, string>;
	const summary = async (unit: string, from: string, to: string) => {
		const province = fixtures
			.find((f) => f.units.some((u) => u.code === unit))!
			.units.find((u) => u.parentCode === null)!.code;
		const r = await request(t.app, 'GET', `/api/v1/summary?unit=${unit}&from=${from}&to=${to}`, {
			token: read[province]
		});
		expect(r.status).toBe(200);
		return r.json;
	};

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, unitsCsv(fixtures));
		read = {};
		for (const f of fixtures) {
			const province = f.units.find((u) => u.parentCode === null)!.code;
			const ingest = await key(t.app, 'ingest', province, `one-door-${province}`);
			read[province] = await key(t.app, 'read', province);
			for (const batch of batches(f.events, createRng(province.length * 31 + 5), {
				duplicateRate: 0.08,
				batchSize: 1200
			})) {
				const r = await postBatch(t.app, ingest, batch);
				expect(r.status, JSON.stringify(r.json).slice(0, 400)).toBe(200);
			}
		}
	}, 300_000);
	afterAll(() => t.drop());

	it('Phú Sơn ward, Q3/2022 (docs/domain.md#phu-son)', async () => {
		const s = await summary('14806', '2022-07-01', '2022-09-30');
		expect(s.received).toMatchObject({
			new: 389,
			online: 131,
			direct: 258,
			carriedOver: 0,
			total: 389
		});
		expect(s.resolved).toEqual({ total: 389, early: 316, onTime: 70, overdue: 3 });
		expect(pct1(s.ratings.verySatisfied / s.ratings.total)).toBe(81.6);
		expect(pct1(s.ratings.satisfied / s.ratings.total)).toBe(18.4);
		expect(s.ratings.unsatisfied).toBe(0);
	});

	it('Thanh Lòa commune, 12/12/2022–12/12/2023 (docs/domain.md#thanh-lo)', async () => {
		const s = await summary('06193', '2022-12-12', '2023-12-12');
		expect(s.received).toMatchObject({ new: 2509, online: 1810, carriedOver: 0 });
		expect(s.received.direct + s.received.postal).toBe(699);
		expect(s.resolved.total).toBe(2509);
		expect(s.resolved.early + s.resolved.onTime).toBe(2507);
		expect(s.resolved.overdue).toBe(2);
		expect(pct1(s.rates.online)).toBe(72.1);
	});

	it('Vĩnh Hòa commune, 2022 and Q1/2023 (docs/domain.md#vinh-hoa)', async () => {
		const y = await summary('11185', '2022-01-01', '2022-12-31');
		expect(y.received).toMatchObject({ new: 1421, online: 305 });
		expect(y.resolved.overdue).toBe(0);
		expect(y.pending.overdue).toBe(0);
		const q = await summary('11185', '2023-01-01', '2023-03-31');
		expect(q.received).toMatchObject({ new: 318, online: 129 });
		expect(q.resolved.overdue).toBe(0);
		expect(q.pending.overdue).toBe(0);
	});

	it('form II.06a for Bỉm Sơn town, Q3/2022, in JSON, CSV and XLSX (read back)', async () => {
		const q = '/api/v1/reports/received-resolved?unit=381&from=2022-07-01&to=2022-09-30';
		const r = await request(t.app, 'GET', q, { token: read['38'] });
		expect(r.status).toBe(200);
		const ward = r.json.rows.find((x: { unit: string }) => x.unit === '14806');
		expect(ward).toMatchObject({
			name: 'Phường Phú Sơn',
			received: { total: 389, online: 131, direct: 258, carriedOver: 0 },
			resolved: { total: 389, early: 316, onTime: 70, overdue: 3 },
			pending: { total: 0, withinDeadline: 0, overdue: 0 },
			withdrawn: 0
		});
		expect(r.json.rows.map((x: { unit: string }) => x.unit)).toEqual(['14806']);
		expect(r.json.total.received.total).toBe(389);
		const csv = await request(t.app, 'GET', `${q}&format=csv`, { token: read['38'] });
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		expect(Array.from(csv.bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
		const lines = csv.text
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toContain('Trước hạn');
		expect(lines[1]).toBe('14806,Phường Phú Sơn,389,131,258,0,389,316,70,3,0,0,0,0');
		expect(lines[2]).toBe(',Tổng cộng,389,131,258,0,389,316,70,3,0,0,0,0');
		const x = await request(t.app, 'GET', `${q}&format=xlsx`, { token: read['38'] });
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(x.bytes.buffer as ArrayBuffer);
		const ws = wb.getWorksheet('II.06a')!;
		expect(ws.getCell(4, 3).value).toBe('Số hồ sơ nhận giải quyết');
		expect(ws.getCell(5, 8).value).toBe('Trước hạn');
		const row = (ws.getRow(7).values as unknown[]).slice(1);
		expect(row).toEqual([1, 'Phường Phú Sơn', 389, 131, 258, 0, 389, 316, 70, 3, 0, 0, 0, 0]);
		expect((ws.getRow(8).values as unknown[]).slice(2)).toEqual([
			'Tổng cộng',
			389,
			131,
			258,
			0,
			389,
			316,
			70,
			3,
			0,
			0,
			0,
			0
		]);
	});

	it('every expected figure of every fixture, at commune, district and province; unchanged by rebuild', async () => {
		const check = async () => {
			for (const f of fixtures)
				for (const e of f.expected) {
					const s = await summary(e.unit, e.from, e.to);
					const { rates, ...counts } = e.summary as Record<string, any>;
					expect(s, `${f.name} ${e.unit} ${e.from}..${e.to}`).toMatchObject(counts);
					for (const [k, v] of Object.entries(rates ?? {})) {
						if (v === null) expect(s.rates[k]).toBeNull();
						else expect(s.rates[k]).toBeCloseTo(v as number, 12);
					}
				}
		};
		await check();
		await rebuild(t.app.database);
		await check();
	});
});
