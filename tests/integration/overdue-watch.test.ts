/**
 * The overdue list (docs/api.md#overdue-list) ordering, and the /overdue page's server side:
 * tabs, filters, sort, counts per child unit, scope checks and the CSV export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchCsv } from '../../src/routes/(app)/overdue/export/csv.ts';
import { loadWatch, stateFor } from '../../src/routes/(app)/overdue/watch.server.ts';
import { parseState, type WatchState } from '../../src/routes/(app)/overdue/view.ts';
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
const user = (scopeCode: string) => ({
	kind: 'user' as const,
	id: 'u',
	username: 'u',
	role: 'supervisor' as const,
	scopeCode,
	sessionId: 's'
});

function state(q: Record<string, string>, scope = '46'): WatchState {
	return stateFor(user(scope), new URLSearchParams(q)).state;
}

describe.each(BACKENDS)('overdue watch on %s', (backend) => {
	let t: TestDb;
	let read: string;
	beforeAll(async () => {
		t = await createTestApp(backend);
		t.app.now = () => NOW;
		await importCsv(t.app, TREE_CSV);
		const ingest = await key(t.app, 'ingest', '46');
		read = await key(t.app, 'read', '46');
		const events = [
			// Overdue: first due 15/5, 18/5 (rescheduled with apology to 25/5: still judged on 18/5), 18/5 same instant (code breaks the tie), 20/5 11:00
			received('a', '46001', 'A', '2024-05-10T08:00:00+07:00', {
				dueAt: '2024-05-18T17:00:00+07:00',
				channel: 'direct'
			}),
			{
				id: 'a2',
				type: 'dossier.rescheduled',
				at: '2024-05-17T08:00:00+07:00',
				unit: '46001',
				dossier: 'A',
				dueAt: '2024-05-25T17:00:00+07:00',
				apology: true
			},
			received('b', '46101', 'B', '2024-05-08T08:00:00+07:00', {
				dueAt: '2024-05-15T17:00:00+07:00',
				procedure: 'P-DD',
				procedureName: 'Đăng ký đất đai',
				field: 'DD',
				fieldName: 'Đất đai'
			}),
			received('c', '46002', 'C', '2024-05-10T08:00:00+07:00', {
				dueAt: '2024-05-18T17:00:00+07:00'
			}),
			received('d', '46101', 'D', '2024-05-13T08:00:00+07:00', {
				dueAt: '2024-05-20T11:00:00+07:00',
				channel: 'postal'
			}),
			// At risk: due in 5 h and in 30 h; resolved ones never appear
			received('e', '46102', 'E', '2024-05-15T08:00:00+07:00', {
				dueAt: '2024-05-20T17:00:00+07:00'
			}),
			received('f', '46001', 'F', '2024-05-15T08:00:00+07:00', {
				dueAt: '2024-05-21T18:00:00+07:00'
			}),
			received('g', '46001', 'G', '2024-05-08T08:00:00+07:00', {
				dueAt: '2024-05-15T17:00:00+07:00'
			}),
			{
				id: 'g2',
				type: 'dossier.resolved',
				at: '2024-05-16T08:00:00+07:00',
				unit: '46001',
				dossier: 'G'
			},
			// The province's own counter
			received('h', '46', 'H', '2024-05-10T08:00:00+07:00', { dueAt: '2024-05-19T08:00:00+07:00' })
		];
		const r = await postBatch(t.app, ingest, events);
		expect(r.status, JSON.stringify(r.json)).toBe(200);
	});
	afterAll(() => t.drop());

	it('GET /api/v1/overdue: most overdue first by the first appointment, code breaking ties', async () => {
		const r = await request(t.app, 'GET', '/api/v1/overdue?unit=46&atRiskHours=48', {
			token: read
		});
		expect(r.status).toBe(200);
		const pairs = (l: { dossier: string; overdueHours: number }[]) =>
			l.map((d) => [d.dossier, d.overdueHours]);
		expect(pairs(r.json.overdue)).toEqual([
			['B', 4 * 24 + 19],
			['A', 24 + 19],
			['C', 24 + 19],
			['H', 28],
			['D', 1]
		]);
		expect(r.json.overdue[1]).toMatchObject({
			apology: true,
			dueAt: expect.stringMatching(/^2024-05-25T10:00:00/)
		});
		expect(pairs(r.json.atRisk)).toEqual([
			['E', -5],
			['F', -30]
		]);
		const narrow = await request(t.app, 'GET', '/api/v1/overdue?unit=46&atRiskHours=6', {
			token: read
		});
		expect(narrow.json.atRisk.map((d: { dossier: string }) => d.dossier)).toEqual(['E']);
	});

	it('tabs, counts per child, filters and sorts', async () => {
		const v = await loadWatch(t.app, user('46'), state({ atRiskHours: '48' }));
		expect(v.unit.code).toBe('46');
		// G was resolved a day late without an apology letter: flagged no_apology
		expect(v.counts).toEqual({ overdue: 5, atRisk: 2, anomalies: 1, sync: 0 });
		expect(v.items.map((i) => i.dossier)).toEqual(['B', 'A', 'C', 'H', 'D']);
		expect(v.perChild.map((c) => [c.code, c.own, c.overdue, c.atRisk])).toEqual([
			['46', true, 1, 0],
			['460', false, 2, 1],
			['461', false, 2, 1]
		]);
		// child filter narrows the list and the tab counts, not the per-unit table
		const c = await loadWatch(t.app, user('46'), state({ atRiskHours: '48', child: '461' }));
		expect(c.items.map((i) => i.dossier)).toEqual(['B', 'D']);
		expect(c.counts).toEqual({ overdue: 2, atRisk: 1, anomalies: 0, sync: 0 });
		expect(
			(
				await loadWatch(t.app, user('46'), state({ tab: 'anomalies', flag: 'no_apology' }))
			).items.map((i) => i.dossier)
		).toEqual(['G']);
		expect(c.perChild.find((p) => p.code === '460')!.overdue).toBe(2);
		// field / procedure / channel
		expect(
			(await loadWatch(t.app, user('46'), state({ field: 'DD' }))).items.map((i) => i.dossier)
		).toEqual(['B']);
		expect(
			(
				await loadWatch(t.app, user('46'), state({ procedure: 'P-KS', channel: 'direct' }))
			).items.map((i) => i.dossier)
		).toEqual(['A']);
		expect((await loadWatch(t.app, user('46'), state({ channel: 'postal' }))).counts.overdue).toBe(
			1
		);
		// sorts
		expect(
			(await loadWatch(t.app, user('46'), state({ sort: 'overdueHours', dir: 'asc' }))).items.map(
				(i) => i.dossier
			)
		).toEqual(['D', 'H', 'A', 'C', 'B']);
		expect(
			(await loadWatch(t.app, user('46'), state({ sort: 'unit' }))).items.map((i) => i.unitName)
		).toEqual(['Tỉnh Thử Nghiệm', 'Xã An', 'Xã Bình', 'Xã Dương', 'Xã Dương']);
		expect(
			(await loadWatch(t.app, user('46'), state({ sort: 'dueAt', dir: 'desc' }))).items.map(
				(i) => i.dossier
			)
		).toEqual(['D', 'H', 'A', 'C', 'B']);
		// at-risk tab, default 24 h
		const r = await loadWatch(t.app, user('46'), state({ tab: 'atRisk' }));
		expect(r.items.map((i) => i.dossier)).toEqual(['E']);
		// options come from the tab's whole list
		expect(v.options.fields.map((o) => [o.code, o.n])).toEqual([
			['HT', 4],
			['DD', 1]
		]);
	});

	it('scope and bad parameters', async () => {
		const sub = await loadWatch(t.app, user('460'), state({}, '460'));
		expect(sub.items.map((i) => i.dossier)).toEqual(['A', 'C']);
		await expect(
			loadWatch(t.app, user('460'), state({ unit: '461' }, '460'))
		).rejects.toMatchObject({ status: 403 });
		await expect(loadWatch(t.app, user('46'), state({ unit: '999' }))).rejects.toMatchObject({
			status: 404
		});
		await expect(loadWatch(t.app, user('46'), state({ child: '46001' }))).rejects.toMatchObject({
			status: 400
		});
		expect(() => stateFor(null, new URLSearchParams())).toThrow();
		const bad: Record<string, string>[] = [
			{ tab: 'late' },
			{ atRiskHours: '-1' },
			{ atRiskHours: 'x' },
			{ sort: 'name' },
			{ flag: 'odd' },
			{ channel: 'fax' },
			{ from: '2024-02-30' },
			{ from: '2024-05-02', to: '2024-05-01' }
		];
		for (const q of bad) {
			const p = parseState(new URLSearchParams(q));
			expect(p.ok, JSON.stringify(q)).toBe(false);
		}
		expect(parseState(new URLSearchParams({ tab: '', atRiskHours: '', flag: '' }))).toMatchObject({
			ok: true,
			state: { tab: 'overdue', atRiskHours: 24, sort: 'overdueHours', dir: 'desc' }
		});
	});

	it('CSV: BOM, Vietnamese headings, every filtered row', async () => {
		const v = await loadWatch(t.app, user('46'), state({ child: '460' }), null);
		const csv = watchCsv(v, NOW);
		expect(
			csv.startsWith(
				'\uFEFFSTT,Mã hồ sơ,Mã đơn vị,Đơn vị,Mã thủ tục,Thủ tục,Lĩnh vực,Kênh,Tiếp nhận lúc,Hạn trả lần đầu,Hạn trả hiện tại,Số giờ quá hạn,'
			)
		).toBe(true);
		const lines = csv.trimEnd().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toBe(
			'1,A,46001,Xã An,P-KS,Đăng ký khai sinh,Hộ tịch,Trực tiếp,10/05/2024 08:00,18/05/2024 17:00,25/05/2024 17:00,"43,0",Có (1),0,Đang giải quyết,'
		);
		const risk = watchCsv(await loadWatch(t.app, user('46'), state({ tab: 'atRisk' }), null), NOW);
		expect(risk.split('\r\n')[0]).toContain('Còn lại (giờ)');
		expect(risk.split('\r\n')[1]).toContain(',"5,0",');
	});
});
