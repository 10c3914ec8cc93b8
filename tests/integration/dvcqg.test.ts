/**
 * POST /api/v1/dvcqg (docs/dvcqg.md): the national portal's sync calls become
 * §3 events with every §3 rule, answered in the portal's style.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import { BACKENDS, createTestApp, importCsv, key, request, type TestDb } from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';
import { importUnits } from '../../src/lib/server/units/import.ts';
import { setPortalCode } from '../../src/lib/server/queries/portal-codes.ts';

const PORTAL_CODES = `code,name,type,parent_code,dvcqg_code
46002,Xã Bình,commune,460,000.00.02.H46
`;

/** A DongBoHoSoMC record with what the figures need (strings, as the portal sends them). */
function hoSo(code: string, extra: Record<string, unknown> = {}) {
	return {
		MaHoSo: code,
		MaTTHC: '1.001612',
		TenTTHC: 'Đăng ký khai sinh',
		MaLinhVuc: 'HT',
		TenLinhVuc: 'Hộ tịch',
		KenhThucHien: '2',
		ChuHoSo: 'Nguyễn Văn A',
		SoDienThoai: '0900000000',
		Email: 'a@example.vn',
		NgayTiepNhan: '20240506090000',
		NgayHenTra: '20240510170000',
		TrangThaiHoSo: '2',
		NgayTra: '',
		NgayKetThucXuLy: '',
		TaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', IsDeleted: 'False' }],
		DanhSachLePhi: [],
		...extra
	};
}
const dongBo = (data: unknown[], madonvi = '46001') => ({
	session: 'abc',
	madonvi,
	service: 'DongBoHoSoMC',
	isUpdating: 'False',
	data
});
const tienDo = (data: unknown[], madonvi = '46001') => ({
	session: 'abc',
	madonvi,
	service: 'CapNhatTienDoHoSoMC',
	data
});

describe.each(BACKENDS)('national portal sync on %s', (backend) => {
	let t: TestDb;
	let d460: string;
	let d461: string;
	let read: string;
	const post = (body: unknown, token = d460) =>
		request(t.app, 'POST', '/api/v1/dvcqg', { token, body });
	const TIMES = ['receivedAt', 'dueAt', 'firstDueAt', 'resolvedAt', 'returnedAt'];
	/** The §7 answer, its times as ISO (UTC) for comparison. */
	const dossier = async (code: string) => {
		const d = (await request(t.app, 'GET', `/api/v1/dossiers/${code}`, { token: read })).json;
		for (const k of TIMES) if (d && typeof d[k] === 'string') d[k] = new Date(d[k]).toISOString();
		return d;
	};
	const eventCount = async () =>
		Number(
			(await jsonRows<number>(t.app.database, sql`select to_jsonb(count(*)) as j from events`))[0]
		);

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		await importCsv(t.app, PORTAL_CODES);
		d460 = await key(t.app, 'ingest', '460');
		d461 = await key(t.app, 'ingest', '461');
		read = await key(t.app, 'read', '46');
	});
	afterAll(() => t.drop());

	it('a DongBoHoSoMC call receives the dossier; sent again it changes nothing; personal data is not kept', async () => {
		const r = await post(dongBo([hoSo('DV-1')]));
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ error_code: 0, accepted: 1, duplicates: 0 });
		expect(r.json.message).toMatch(/thành công/);
		const d = await dossier('DV-1');
		expect(d).toMatchObject({
			unit: '46001',
			procedure: '1.001612',
			field: 'HT',
			channel: 'online',
			status: 'pending'
		});
		expect(d.receivedAt).toBe('2024-05-06T02:00:00.000Z');
		expect(d.firstDueAt).toBe('2024-05-10T10:00:00.000Z');
		const again = await post(dongBo([hoSo('DV-1')]));
		expect(again.json).toMatchObject({ error_code: 0, accepted: 0, duplicates: 1 });
		const stored = await jsonRows<string>(
			t.app.database,
			sql`select to_jsonb(payload::text) as j from events where dossier = 'DV-1'`
		);
		expect(stored.join(' ')).not.toMatch(/Nguyễn|0900000000|example\.vn|to-khai/);
	});

	it("the unit comes from the record's MaDonVi or the call's madonvi, as our code or a unit's dvcqg_code", async () => {
		expect((await post(dongBo([hoSo('DV-2')], '000.00.02.H46'))).status).toBe(200);
		expect((await dossier('DV-2')).unit).toBe('46002');
		expect((await post(dongBo([hoSo('DV-3', { MaDonVi: '46003' })], '000.00.02.H46'))).status).toBe(
			200
		);
		expect((await dossier('DV-3')).unit).toBe('46003');
		const unknown = await post(dongBo([hoSo('DV-4')], '999.99'));
		expect(unknown.status).toBe(400);
		expect(unknown.json).toMatchObject({
			error_code: 1,
			errors: [
				{ index: 0, path: 'madonvi', message: expect.stringMatching(/unknown unit "999.99"/) }
			]
		});
	});

	it('a unit list without dvcqg_code keeps the codes; two units never share one', async () => {
		await importCsv(t.app, TREE_CSV);
		expect((await post(dongBo([hoSo('DV-2')], '000.00.02.H46'))).json.duplicates).toBe(1);
		const clash = await importUnits(
			t.app.database,
			'clash.csv',
			'code,name,type,parent_code,dvcqg_code\n46003,Phường Cát,ward,460,000.00.02.H46\n'
		);
		expect(clash).toMatchObject({
			ok: false,
			errors: [{ line: 2, message: expect.stringMatching(/000.00.02.H46.*"46002"/) }]
		});
		const bad = await importUnits(
			t.app.database,
			'bad.csv',
			'code,name,type,parent_code,dvcqg_code\n46003,Phường Cát,ward,460,có dấu\n'
		);
		expect(bad).toMatchObject({
			ok: false,
			errors: [{ line: 2, message: expect.stringMatching(/invalid dvcqg_code/) }]
		});
		expect(await setPortalCode(t.app.database, '46003', '000.00.02.H46')).toEqual({
			ok: false,
			reason: 'taken',
			holder: '46002'
		});
	});

	it('statuses give their events once: supplement on the step into 5, resolved at NgayKetThucXuLy, returned at NgayTra', async () => {
		expect(
			(
				await post(
					dongBo([hoSo('DV-5', { TrangThaiHoSo: '5', NgayKetThucXuLy: '20240507100000' })])
				)
			).json.accepted
		).toBe(2);
		// The same status told again (a later sync of the same state) is not a second request.
		expect((await post(dongBo([hoSo('DV-5', { TrangThaiHoSo: '5' })]))).json.accepted).toBe(0);
		expect((await dossier('DV-5')).supplements).toBe(1);
		// Back to processing, then a second request: counted.
		await post(
			tienDo([
				{ MaHoSo: 'DV-5', TrangThai: '4', ThoiDiemXuLy: '20240507150000', NguoiXuLy: 'Chuyên viên' }
			])
		);
		expect(
			(await post(tienDo([{ MaHoSo: 'DV-5', TrangThai: '5', ThoiDiemXuLy: '20240508080000' }])))
				.json.accepted
		).toBe(1);
		expect((await dossier('DV-5')).supplements).toBe(2);
		expect(
			(
				await post(
					dongBo([hoSo('DV-5', { TrangThaiHoSo: '9', NgayKetThucXuLy: '20240509160000' })])
				)
			).json.accepted
		).toBe(1);
		let d = await dossier('DV-5');
		expect(d).toMatchObject({
			status: 'resolved',
			outcome: 'early',
			resolvedAt: '2024-05-09T09:00:00.000Z'
		});
		// 10 after 9: returned, and no second resolution.
		expect(
			(await post(tienDo([{ MaHoSo: 'DV-5', TrangThai: '10', ThoiDiemXuLy: '20240510090000' }])))
				.json.accepted
		).toBe(1);
		d = await dossier('DV-5');
		expect(d).toMatchObject({
			status: 'resolved',
			resolvedAt: '2024-05-09T09:00:00.000Z',
			returnedAt: '2024-05-10T02:00:00.000Z'
		});
	});

	it('a new NgayHenTra reschedules; timeliness stays judged by the first', async () => {
		await post(dongBo([hoSo('DV-6')]));
		const r = await post(dongBo([hoSo('DV-6', { NgayHenTra: '20240515170000' })]));
		expect(r.json.accepted).toBe(1);
		const d = await dossier('DV-6');
		expect(d.dueAt).toBe('2024-05-15T10:00:00.000Z');
		expect(d.firstDueAt).toBe('2024-05-10T10:00:00.000Z');
		expect(d.events.map((e: { type: string }) => e.type)).toEqual([
			'dossier.received',
			'dossier.rescheduled'
		]);
		expect(
			(await post(dongBo([hoSo('DV-6', { NgayHenTra: '20240515170000' })]))).json.accepted
		).toBe(0);
	});

	it('withdrawn (7) and rejected (3, 8) at NgayKetThucXuLy; a progress row before its dossier gives the same figures', async () => {
		await post(
			dongBo([
				hoSo('DV-7', { TrangThaiHoSo: '7', NgayKetThucXuLy: '20240507080000' }),
				hoSo('DV-8', { TrangThaiHoSo: '3', NgayKetThucXuLy: '20240506100000' })
			])
		);
		expect((await dossier('DV-7')).status).toBe('withdrawn');
		expect((await dossier('DV-8')).status).toBe('rejected');
		expect(
			(await post(tienDo([{ MaHoSo: 'DV-9', TrangThai: '9', ThoiDiemXuLy: '20240511090000' }])))
				.status
		).toBe(200);
		await post(dongBo([hoSo('DV-9', { TrangThaiHoSo: '4' })]));
		expect(await dossier('DV-9')).toMatchObject({
			status: 'resolved',
			outcome: 'overdue',
			resolvedAt: '2024-05-11T02:00:00.000Z'
		});
	});

	it('bad input is 400 naming the record and field, in the portal style, and nothing is written', async () => {
		const before = await eventCount();
		const cases: [unknown, { index: number; path: string }][] = [
			[
				dongBo([hoSo('B-1'), hoSo('B-2', { NgayTiepNhan: '20250230083000' })]),
				{ index: 1, path: 'NgayTiepNhan' }
			],
			[
				dongBo([hoSo('B-1', { NgayHenTra: '2024-05-10T17:00:00+07:00' })]),
				{ index: 0, path: 'NgayHenTra' }
			],
			[dongBo([hoSo('B-1', { TrangThaiHoSo: '11' })]), { index: 0, path: 'TrangThaiHoSo' }],
			[dongBo([hoSo('B-1', { TrangThaiHoSo: '9' })]), { index: 0, path: 'NgayKetThucXuLy' }],
			[dongBo([hoSo('B-1', { KenhThucHien: 2 })]), { index: 0, path: 'KenhThucHien' }],
			[dongBo([hoSo('B-1', { MaHoSo: 'x'.repeat(65) })]), { index: 0, path: 'MaHoSo' }],
			[dongBo([hoSo('B-1', { MaTTHC: '' })]), { index: 0, path: 'MaTTHC' }],
			[dongBo([hoSo('B-1', { MaHoSo: 'a\u0000b' })]), { index: 0, path: 'MaHoSo' }],
			[dongBo(['not a record']), { index: 0, path: '' }],
			[
				{ service: 'TraCuuHoSo', data: [] },
				{ index: -1, path: 'service' }
			],
			[
				{ service: 'DongBoHoSoMC', madonvi: '46001' },
				{ index: -1, path: 'data' }
			],
			[tienDo([{ MaHoSo: 'B-1', TrangThai: '9' }]), { index: 0, path: 'ThoiDiemXuLy' }],
			[
				tienDo([{ MaHoSo: 'B-1', TrangThai: '9', ThoiDiemXuLy: '20240511' }]),
				{ index: 0, path: 'ThoiDiemXuLy' }
			]
		];
		for (const [body, where] of cases) {
			const r = await post(body);
			expect(r.status, JSON.stringify(body).slice(0, 200)).toBe(400);
			expect(r.json.error_code).toBe(1);
			expect(r.json.errors).toContainEqual(expect.objectContaining(where));
		}
		const broken = await request(t.app, 'POST', '/api/v1/dvcqg', {
			token: d460,
			rawBody: '{"service": "DongBoHoSoMC", '
		});
		expect(broken.status).toBe(400);
		expect(broken.json.error_code).toBe(1);
		expect(await eventCount()).toBe(before);
	});

	it('scope and ownership as §3: 403 naming the record; 401 without a key; 413 over 5,000 records', async () => {
		const before = await eventCount();
		const outside = await post(dongBo([hoSo('S-1')], '46001'), d461);
		expect(outside.status).toBe(403);
		expect(outside.json).toMatchObject({ error_code: 1, errors: [{ index: 0, path: 'madonvi' }] });
		// DV-1 belongs to 46001 (district 460): 461's key cannot resolve it, nor even tell its status.
		for (const status of ['9', '4']) {
			const foreign = await post(
				tienDo([{ MaHoSo: 'DV-1', TrangThai: status, ThoiDiemXuLy: '20240508080000' }], '46101'),
				d461
			);
			expect(foreign.status).toBe(403);
			expect(foreign.json.errors).toEqual([
				{ index: 0, path: 'MaHoSo', message: expect.stringMatching(/DV-1.*46001/) }
			]);
		}
		const noKey = await request(t.app, 'POST', '/api/v1/dvcqg', { body: dongBo([hoSo('S-2')]) });
		expect(noKey.status).toBe(401);
		expect(noKey.json.error_code).toBe(1);
		const many = await post(
			tienDo(
				Array.from({ length: 5001 }, (_, i) => ({
					MaHoSo: `M-${i}`,
					TrangThai: '4',
					ThoiDiemXuLy: '20240508080000'
				}))
			)
		);
		expect(many.status).toBe(413);
		expect(await eventCount()).toBe(before);
		expect((await dossier('DV-1')).status).toBe('pending');
	});

	it('the figures of portal-fed dossiers are those of the same events sent through §3', async () => {
		const s = (
			await request(t.app, 'GET', '/api/v1/summary?unit=460&from=2024-05-01&to=2024-05-31', {
				token: read
			})
		).json;
		// DV-1, 2, 3, 5, 6, 7, 8, 9 received in May (DV-4 was refused).
		expect(s.received.new).toBe(8);
		expect(s.received.online).toBe(8);
		expect(s.resolved).toEqual({ total: 2, early: 1, onTime: 0, overdue: 1 });
		expect(s.withdrawn).toBe(1);
		expect(s.rejected).toBe(1);
	});
});
