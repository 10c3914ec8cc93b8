/** The national portal's sync format (docs/dvcqg.md), read and translated without a database. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCall, type PortalCall } from '../../src/lib/domain/dvcqg/call.ts';
import { PORTAL_STATUSES, portalStatus } from '../../src/lib/domain/dvcqg/codes.ts';
import { formatDvcqgTime, parseDvcqgTime } from '../../src/lib/domain/dvcqg/time.ts';
import { translateCall, type KnownDossier } from '../../src/lib/domain/dvcqg/translate.ts';

const ACCEPTED = new Date('2024-05-20T03:00:00Z');
const UNITS = new Map([
	['46001', '46001'],
	['000.00.01.H46', '46001']
]);

function record(extra: Record<string, unknown> = {}) {
	return {
		MaHoSo: 'H-1',
		MaTTHC: 'P',
		MaLinhVuc: 'F',
		NgayTiepNhan: '20240506090000',
		NgayHenTra: '20240510170000',
		...extra
	};
}
function call(
	service: 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC',
	data: unknown[],
	madonvi = '46001'
): PortalCall {
	const r = readCall({ service, madonvi, data }, 5000);
	if (!r.call) throw new Error(JSON.stringify(r.errors));
	return r.call;
}
const translate = (c: PortalCall, state = new Map<string, KnownDossier>()) =>
	translateCall(c, UNITS, state, ACCEPTED);
const kinds = (events: Record<string, unknown>[]) => events.map((e) => `${e.type}@${e.at}`);

describe('portal times', () => {
	it('are yyyyMMddHHmmss in Vietnam time, strictly', () => {
		expect(parseDvcqgTime('20240506090000')).toMatchObject({
			ok: true,
			iso: '2024-05-06T09:00:00+07:00'
		});
		for (const bad of [
			'2024050609000',
			'20240230090000',
			'20240506250000',
			'19891231235959',
			'2024-05-06 09:00',
			' 20240506090000',
			'２０２４０５０６０９００００'
		]) {
			expect(parseDvcqgTime(bad).ok, bad).toBe(false);
		}
	});
	it('round-trip through formatting', () => {
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('1990-01-02T00:00:00Z'),
					max: new Date('2100-12-30T00:00:00Z'),
					noInvalidDate: true
				}),
				(d) => {
					const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
					const r = parseDvcqgTime(formatDvcqgTime(whole));
					return r.ok && r.date.getTime() === whole.getTime();
				}
			)
		);
	});
});

describe('the code table', () => {
	it('has the ten statuses of the portal, each with one effect', () => {
		expect(PORTAL_STATUSES.map((s) => s.code)).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10'
		]);
		expect(portalStatus('5')?.effect).toBe('supplement');
		expect(portalStatus('8')?.effect).toBe('rejected');
		expect(portalStatus('0')).toBeUndefined();
		expect(portalStatus('toString')).toBeUndefined();
	});
});

describe('reading a call', () => {
	it('names the record and field of every problem, and ignores what it does not need', () => {
		const r = readCall(
			{
				service: 'DongBoHoSoMC',
				madonvi: '46001',
				data: [
					record({ ChuHoSo: 'Nguyễn Văn A', TaiLieuNop: [{}] }),
					record({ NgayHenTra: '20240505090000' }),
					record({ KenhThucHien: '4', HoSoCoThanhPhanSoHoa: 'yes' })
				]
			},
			5000
		);
		expect(r.call).toBeNull();
		expect(r.errors).toEqual([
			{ index: 1, path: 'NgayHenTra', message: 'must not be before NgayTiepNhan' },
			expect.objectContaining({ index: 2, path: 'KenhThucHien' }),
			expect.objectContaining({ index: 2, path: 'HoSoCoThanhPhanSoHoa' })
		]);
	});
	it('reads null and "" as not given, and the channel as direct when absent', () => {
		const c = call('DongBoHoSoMC', [
			record({ KenhThucHien: null, NgayTra: '', NgayKetThucXuLy: null, TrangThaiHoSo: '' })
		]);
		expect(c.records[0]).toMatchObject({
			channel: 'direct',
			status: '2',
			finishedAt: null,
			returnedAt: null
		});
	});
	it('refuses too many records and non-objects', () => {
		expect(
			readCall({ service: 'DongBoHoSoMC', data: new Array(3).fill(record()) }, 2)
		).toMatchObject({ call: null, tooMany: 3 });
		expect(readCall([], 10).errors[0]).toMatchObject({ index: -1, path: '' });
		expect(
			readCall({ service: 'DongBoHoSoMC', isUpdating: 'maybe', data: [] }, 10).errors[0]
		).toMatchObject({ path: 'isUpdating' });
	});
});

describe('translating a call', () => {
	it('a new dossier is one receipt, due at NgayHenTra, online from KenhThucHien 2, digitised from HoSoCoThanhPhanSoHoa 1', () => {
		const t = translate(
			call('DongBoHoSoMC', [record({ KenhThucHien: '2', HoSoCoThanhPhanSoHoa: '1' })])
		);
		expect(t.errors).toEqual([]);
		expect(t.events).toEqual([
			expect.objectContaining({
				type: 'dossier.received',
				at: '2024-05-06T09:00:00+07:00',
				dueAt: '2024-05-10T17:00:00+07:00',
				unit: '46001',
				dossier: 'H-1',
				channel: 'online',
				digitized: true
			})
		]);
	});
	it('is deterministic: the same call gives the same ids (so a resend is a duplicate)', () => {
		const c = call('DongBoHoSoMC', [
			record({ TrangThaiHoSo: '10', NgayKetThucXuLy: '20240509100000', NgayTra: '20240510080000' })
		]);
		const a = translate(c).events.map((e) => e.id);
		const b = translateCall(c, UNITS, new Map(), new Date('2030-01-01T00:00:00Z')).events.map(
			(e) => e.id
		);
		expect(a).toEqual(b);
		expect(new Set(a).size).toBe(3);
	});
	it('10 gives resolved at NgayKetThucXuLy and returned at NgayTra; 9 then 10 resolves once', () => {
		const state = new Map<string, KnownDossier>();
		const t1 = translate(
			call('DongBoHoSoMC', [record({ TrangThaiHoSo: '9', NgayKetThucXuLy: '20240509100000' })]),
			state
		);
		expect(kinds(t1.events)).toEqual([
			'dossier.received@2024-05-06T09:00:00+07:00',
			'dossier.resolved@2024-05-09T10:00:00+07:00'
		]);
		const t2 = translate(
			call('CapNhatTienDoHoSoMC', [
				{ MaHoSo: 'H-1', TrangThai: '10', ThoiDiemXuLy: '20240510080000' }
			]),
			state
		);
		expect(kinds(t2.events)).toEqual(['dossier.returned@2024-05-10T08:00:00+07:00']);
	});
	it('codes without a time of their own take NgayKetThucXuLy, else the time of the call', () => {
		const a = translate(
			call('DongBoHoSoMC', [record({ TrangThaiHoSo: '7', NgayKetThucXuLy: '20240507080000' })])
		);
		expect(kinds(a.events)[1]).toBe('dossier.withdrawn@2024-05-07T08:00:00+07:00');
		const b = translate(call('DongBoHoSoMC', [record({ TrangThaiHoSo: '8' })]));
		expect(kinds(b.events)[1]).toBe(`dossier.rejected@${ACCEPTED.toISOString()}`);
	});
	it('a supplement request is the step into 5, not every sync that repeats it', () => {
		const state = new Map<string, KnownDossier>();
		const rows = (status: string, at: string) =>
			call('CapNhatTienDoHoSoMC', [{ MaHoSo: 'H-1', TrangThai: status, ThoiDiemXuLy: at }]);
		translate(call('DongBoHoSoMC', [record()]), state);
		expect(translate(rows('5', '20240507080000'), state).events).toHaveLength(1);
		expect(translate(rows('5', '20240507090000'), state).events).toHaveLength(0);
		expect(translate(rows('4', '20240507100000'), state).events).toHaveLength(0);
		expect(translate(rows('5', '20240508080000'), state).events).toHaveLength(1);
		expect(state.get('H-1')?.portalStatus).toBe('5');
	});
	it('a new NgayHenTra reschedules (at the call, or at the finish when earlier); the receipt keeps the first due date', () => {
		const state = new Map<string, KnownDossier>();
		translate(call('DongBoHoSoMC', [record()]), state);
		const t = translate(
			call('DongBoHoSoMC', [record({ NgayHenTra: '20240515170000', MaTTHC: 'P2' })]),
			state
		);
		expect(t.events.map((e) => [e.type, e.dueAt])).toEqual([
			['dossier.received', '2024-05-10T17:00:00+07:00'],
			['dossier.rescheduled', '2024-05-15T17:00:00+07:00']
		]);
		expect(t.events[1].at).toBe(ACCEPTED.toISOString());
		const done = translate(
			call('DongBoHoSoMC', [
				record({
					NgayHenTra: '20240516170000',
					TrangThaiHoSo: '9',
					NgayKetThucXuLy: '20240512100000'
				})
			]),
			state
		);
		expect(done.events.find((e) => e.type === 'dossier.rescheduled')?.at).toBe(
			'2024-05-12T10:00:00+07:00'
		);
	});
	it('names the unit through madonvi or MaDonVi, by our code or dvcqg_code, and refuses an unknown one', () => {
		expect(translate(call('DongBoHoSoMC', [record()], '000.00.01.H46')).events[0].unit).toBe(
			'46001'
		);
		const t = translate(
			call('DongBoHoSoMC', [record({ MaDonVi: 'X' }), record({ MaHoSo: 'H-2' })], 'Y')
		);
		expect(t.errors.map((e) => [e.index, e.path])).toEqual([
			[0, 'MaDonVi'],
			[1, 'madonvi']
		]);
	});
	it('every status of every record order gives at most one terminal event per change of state', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...PORTAL_STATUSES.map((s) => s.code)), {
					minLength: 1,
					maxLength: 12
				}),
				(codes) => {
					const state = new Map<string, KnownDossier>();
					translate(call('DongBoHoSoMC', [record()]), state);
					let terminals = 0;
					let last: string | null = null;
					let changes = 0;
					codes.forEach((code, i) => {
						const t = translate(
							call('CapNhatTienDoHoSoMC', [
								{
									MaHoSo: 'H-1',
									TrangThai: code,
									ThoiDiemXuLy: `202405${String(7 + i).padStart(2, '0')}080000`
								}
							]),
							state
						);
						terminals += t.events.filter((e) =>
							['dossier.resolved', 'dossier.withdrawn', 'dossier.rejected'].includes(
								e.type as string
							)
						).length;
						const effect = portalStatus(code)!.effect;
						const now =
							effect === 'returned'
								? 'resolved'
								: ['resolved', 'withdrawn', 'rejected'].includes(effect)
									? effect
									: last;
						if (now !== last) changes++;
						last = now;
					});
					return terminals === changes;
				}
			)
		);
	});
});
