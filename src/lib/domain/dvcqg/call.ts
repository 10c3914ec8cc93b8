/**
 * Reading one call of the national portal's sync (docs/api.md#national-portal-sync) strictly,
 * before anything is looked up: the envelope, and each record's fields that
 * the figures need, with an error naming the record (`index`) and the field
 * (`path`) for anything wrong. Every other field — the citizen's name, phone,
 * e-mail, identity numbers, files, fees (ChuHoSo, SoDienThoai, Email,
 * DinhDanhCHS, TaiLieuNop, DanhSachLePhi, …) — is not read and not kept.
 *
 * Values are strings, as both open implementations send them; `null` and ""
 * mean "not given" (the C# client sends nulls for missing dates).
 */
import { unsafeTextReason } from '../text/safe.ts';
import { PORTAL_CHANNELS, portalStatus } from './codes.ts';
import { parseDvcqgTime } from './time.ts';
import type { Channel } from '../events/schema.ts';

export const SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC'] as const;
export type Service = (typeof SERVICES)[number];

export type CallError = { index: number; path: string; message: string };

/** A time as the portal sent it (`raw`, part of event ids) and as an ISO instant. */
export type PortalTime = { raw: string; iso: string; ms: number };

/** A DongBoHoSoMC record: the dossier as the one-door system knows it now. */
export type DossierRecord = {
	index: number;
	unit: string | null;
	dossier: string;
	procedure: string;
	procedureName: string | null;
	field: string;
	fieldName: string | null;
	channel: Channel;
	digitized: boolean;
	status: string;
	receivedAt: PortalTime;
	dueAt: PortalTime;
	finishedAt: PortalTime | null;
	returnedAt: PortalTime | null;
};

/** A CapNhatTienDoHoSoMC row: one step of a dossier's processing. */
export type ProgressRow = {
	index: number;
	unit: string | null;
	dossier: string;
	status: string | null;
	at: PortalTime;
};

export type PortalCall =
	| { service: 'DongBoHoSoMC'; madonvi: string | null; records: DossierRecord[] }
	| { service: 'CapNhatTienDoHoSoMC'; madonvi: string | null; records: ProgressRow[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads fields of one record, collecting its errors. */
class Fields {
	readonly errors: CallError[] = [];
	private readonly o: Record<string, unknown>;
	private readonly index: number;
	constructor(o: Record<string, unknown>, index: number) {
		this.o = o;
		this.index = index;
	}
	private fail(path: string, message: string): null {
		this.errors.push({ index: this.index, path, message });
		return null;
	}
	/** A string field; null when absent, null or "" (then an error if required). */
	text(name: string, opts: { required?: boolean; max?: number } = {}): string | null {
		const v = Object.hasOwn(this.o, name) ? this.o[name] : undefined;
		if (v === undefined || v === null || v === '')
			return opts.required ? this.fail(name, 'is required') : null;
		if (typeof v !== 'string')
			return this.fail(
				name,
				`must be a string (every value of the portal's format is), not ${Array.isArray(v) ? 'an array' : typeof v}`
			);
		const reason = unsafeTextReason(v);
		if (reason) return this.fail(name, reason);
		const s = v.trim();
		if (s === '') return opts.required ? this.fail(name, 'is required') : null;
		if (opts.max !== undefined && [...s].length > opts.max)
			return this.fail(name, `must be at most ${opts.max} characters`);
		return s;
	}
	time(name: string, required = false): PortalTime | null {
		const s = this.text(name, { required });
		if (s === null) return null;
		const t = parseDvcqgTime(s);
		if (!t.ok) return this.fail(name, t.message);
		return { raw: s, iso: t.iso, ms: t.date.getTime() };
	}
	status(name: string): string | null {
		const s = this.text(name);
		if (s === null) return null;
		return portalStatus(s)
			? s
			: this.fail(name, `unknown status code "${s}" (1–10, as the portal's TrangThaiHoSo)`);
	}
}

function readDossier(
	o: Record<string, unknown>,
	index: number
): { record: DossierRecord | null; errors: CallError[] } {
	const f = new Fields(o, index);
	const unit = f.text('MaDonVi', { max: 64 });
	const dossier = f.text('MaHoSo', { required: true, max: 64 });
	const procedure = f.text('MaTTHC', { required: true, max: 64 });
	const procedureName = f.text('TenTTHC', { max: 500 });
	const field = f.text('MaLinhVuc', { required: true, max: 64 });
	const fieldName = f.text('TenLinhVuc', { max: 300 });
	const channelCode = f.text('KenhThucHien');
	const channel = channelCode === null ? 'direct' : PORTAL_CHANNELS[channelCode];
	if (channelCode !== null && !channel)
		f.errors.push({
			index,
			path: 'KenhThucHien',
			message: `must be 1 (trực tiếp), 2 (trực tuyến) or 3 (bưu chính), got "${channelCode}"`
		});
	const digit = f.text('HoSoCoThanhPhanSoHoa');
	if (digit !== null && digit !== '0' && digit !== '1')
		f.errors.push({
			index,
			path: 'HoSoCoThanhPhanSoHoa',
			message: `must be 0 or 1, got "${digit}"`
		});
	const status = f.status('TrangThaiHoSo') ?? '2';
	const receivedAt = f.time('NgayTiepNhan', true);
	const dueAt = f.time('NgayHenTra', true);
	const finishedAt = f.time('NgayKetThucXuLy');
	const returnedAt = f.time('NgayTra');
	if (status === '9' && !finishedAt && !f.errors.some((e) => e.path === 'NgayKetThucXuLy'))
		f.errors.push({
			index,
			path: 'NgayKetThucXuLy',
			message: 'is required when TrangThaiHoSo is 9 (đã xử lý xong): it is the resolution time'
		});
	if (status === '10' && !returnedAt && !f.errors.some((e) => e.path === 'NgayTra'))
		f.errors.push({
			index,
			path: 'NgayTra',
			message: 'is required when TrangThaiHoSo is 10 (đã trả kết quả): it is the return time'
		});
	if (receivedAt && dueAt && dueAt.ms < receivedAt.ms)
		f.errors.push({ index, path: 'NgayHenTra', message: 'must not be before NgayTiepNhan' });
	if (f.errors.length > 0 || !dossier || !procedure || !field || !receivedAt || !dueAt)
		return { record: null, errors: f.errors };
	return {
		record: {
			index,
			unit,
			dossier,
			procedure,
			procedureName,
			field,
			fieldName,
			channel,
			digitized: digit === '1',
			status,
			receivedAt,
			dueAt,
			finishedAt,
			returnedAt
		},
		errors: []
	};
}

function readProgress(
	o: Record<string, unknown>,
	index: number
): { record: ProgressRow | null; errors: CallError[] } {
	const f = new Fields(o, index);
	const unit = f.text('MaDonVi', { max: 64 });
	const dossier = f.text('MaHoSo', { required: true, max: 64 });
	const status = f.status('TrangThai');
	const at = f.time('ThoiDiemXuLy', true);
	if (f.errors.length > 0 || !dossier || !at) return { record: null, errors: f.errors };
	return { record: { index, unit, dossier, status, at }, errors: [] };
}

/** The call, or every error found in it (nothing is looked up yet). */
export function readCall(
	body: unknown,
	maxRecords: number
): { call: PortalCall; errors: [] } | { call: null; errors: CallError[]; tooMany?: number } {
	const top = (path: string, message: string) => ({
		call: null,
		errors: [{ index: -1, path, message }]
	});
	if (!isObject(body))
		return top('', 'the body must be a JSON object {"service": …, "madonvi": …, "data": [ … ]}');
	const service = body.service;
	if (typeof service !== 'string' || !(SERVICES as readonly string[]).includes(service))
		return top('service', `must be "DongBoHoSoMC" or "CapNhatTienDoHoSoMC"`);
	const env = new Fields(body, -1);
	const madonvi = env.text('madonvi', { max: 64 });
	const updating = env.text('isUpdating');
	if (updating !== null && !/^(true|false)$/i.test(updating))
		env.errors.push({ index: -1, path: 'isUpdating', message: 'must be "True" or "False"' });
	if (env.errors.length > 0) return { call: null, errors: env.errors };
	const data = body.data;
	if (!Array.isArray(data)) return top('data', 'must be an array of records');
	if (data.length > maxRecords) return { call: null, errors: [], tooMany: data.length };
	const errors: CallError[] = [];
	const records: (DossierRecord | ProgressRow)[] = [];
	data.forEach((o, i) => {
		if (!isObject(o))
			return errors.push({ index: i, path: '', message: 'a record must be a JSON object' });
		const r = service === 'DongBoHoSoMC' ? readDossier(o, i) : readProgress(o, i);
		if (r.record) records.push(r.record);
		errors.push(...r.errors);
	});
	if (errors.length > 0) return { call: null, errors };
	return service === 'DongBoHoSoMC'
		? {
				call: { service: 'DongBoHoSoMC', madonvi, records: records as DossierRecord[] },
				errors: []
			}
		: {
				call: { service: 'CapNhatTienDoHoSoMC', madonvi, records: records as ProgressRow[] },
				errors: []
			};
}

/** Every unit name a call uses (records' MaDonVi, else the envelope's madonvi). */
export function portalUnitsOf(call: PortalCall): string[] {
	return [
		...new Set(
			call.records.map((r) => r.unit ?? call.madonvi).filter((u): u is string => u !== null)
		)
	];
}
