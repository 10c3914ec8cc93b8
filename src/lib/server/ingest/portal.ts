/**
 * The national portal's sync calls (docs/api.md#national-portal-sync) into the ordinary ingest:
 * read the call (domain/dvcqg/call.ts), name its units (our codes or
 * dvcqg_code), check scope and ownership for every record — also those that
 * give no event, since their status is kept — look up what is known of its
 * dossiers, translate (domain/dvcqg/translate.ts) and prepare the §3 batch,
 * whose transaction also keeps the portal statuses. Errors name the record
 * (`index` in `data`) and the portal's field.
 */
import { sql } from 'drizzle-orm';
import {
	readCall,
	portalUnitsOf,
	type CallError,
	type PortalCall
} from '../../domain/dvcqg/call.ts';
import { translateCall, type KnownDossier } from '../../domain/dvcqg/translate.ts';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { unitsByPortalCode } from '../queries/portal-codes.ts';
import { ancestorsOf } from '../queries/units.ts';
import { prepare, type IngestKey, type PreparedBatch } from './ingest.ts';
import { foreignOwners } from './ownership.ts';

/** Records per call, as events per batch in §3. */
export const MAX_RECORDS = 5000;

/** §3 field → the portal field it came from, to name it in an error. */
const PORTAL_FIELD: Record<string, string> = {
	unit: 'MaDonVi',
	dossier: 'MaHoSo',
	id: 'MaHoSo',
	procedure: 'MaTTHC',
	procedureName: 'TenTTHC',
	field: 'MaLinhVuc',
	fieldName: 'TenLinhVuc',
	dueAt: 'NgayHenTra'
};

export type PortalPrepared =
	| { ok: true; batch: PreparedBatch; records: number; origins: { index: number; field: string }[] }
	| { ok: false; status: 400 | 403 | 413; errors: CallError[]; message: string };

/** What is known of these dossiers: stored projections and the portal status last synced. */
export async function loadPortalState(
	database: Database,
	dossiers: readonly string[],
	tx?: Db
): Promise<Map<string, KnownDossier>> {
	const state = new Map<string, KnownDossier>();
	if (dossiers.length === 0) return state;
	const rows = await jsonRows<{
		code: string;
		first: string | null;
		due: string | null;
		status: KnownDossier['status'] | null;
		portal: string | null;
	}>(
		database,
		sql`select jsonb_build_object('code', x.code, 'first', d.first_due_at, 'due', d.due_at, 'status', d.status, 'portal', p.status) as j
			from (select jsonb_array_elements_text(${JSON.stringify(dossiers)}::jsonb) as code) x
			left join dossiers d on d.code = x.code
			left join portal_statuses p on p.dossier = x.code
			where d.code is not null or p.dossier is not null`,
		tx
	);
	for (const r of rows) {
		const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());
		state.set(r.code, {
			firstDueAt: iso(r.first),
			dueAt: iso(r.due),
			status: r.status ?? 'pending',
			portalStatus: r.portal
		});
	}
	return state;
}

/** Keeps the portal statuses of `dossiers` (as in `state`), in the batch's transaction. */
export function portalStatusWriter(
	database: Database,
	state: ReadonlyMap<string, KnownDossier>,
	dossiers: Iterable<string>
): (tx: Db) => Promise<void> {
	const rows = [...dossiers].flatMap((d) => {
		const s = state.get(d)?.portalStatus;
		return s ? [{ dossier: d, status: s }] : [];
	});
	return async (tx) => {
		if (rows.length === 0) return;
		await database.rows(
			sql`insert into portal_statuses (dossier, status, updated_at)
				select x.dossier, x.status, now() from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(dossier text, status text)
				on conflict (dossier) do update set status = excluded.status, updated_at = now()`,
			tx
		);
	};
}

const fail = (status: 400 | 403 | 413, errors: CallError[], message: string): PortalPrepared => ({
	ok: false,
	status,
	errors,
	message
});

/** Units named, in scope, and dossiers not owned outside it: the checks of §3 for every record of a read call. */
export async function checkPortalCall(
	database: Database,
	key: IngestKey,
	call: PortalCall
): Promise<{ units: Map<string, string> } | PortalPrepared> {
	const names = portalUnitsOf(call);
	const units = await unitsByPortalCode(database, names);
	const ancestors = await ancestorsOf(database, [...new Set(units.values())]);
	const outside: CallError[] = [];
	for (const r of call.records) {
		const name = r.unit ?? call.madonvi;
		const unit = name === null ? undefined : units.get(name);
		if (unit && !ancestors.get(unit)?.includes(key.scopeCode))
			outside.push({
				index: r.index,
				path: r.unit ? 'MaDonVi' : 'madonvi',
				message: `unit "${name}" (${unit}) is outside this key's scope (${key.scopeCode})`
			});
	}
	if (outside.length > 0) return fail(403, outside, 'Đơn vị ngoài phạm vi của khóa');
	const foreign = await foreignOwners(
		database,
		undefined,
		[...new Set(call.records.map((r) => r.dossier))],
		[],
		key.scopeCode
	);
	if (foreign.length > 0) {
		const owner = new Map(foreign.map((f) => [f.code, f.unit]));
		const errors = call.records
			.filter((r) => owner.has(r.dossier))
			.map((r) => ({
				index: r.index,
				path: 'MaHoSo',
				message: `dossier "${r.dossier}" belongs to unit "${owner.get(r.dossier)}", outside this key's scope (${key.scopeCode})`
			}));
		return fail(403, errors, 'Hồ sơ thuộc đơn vị ngoài phạm vi của khóa');
	}
	return { units };
}

/** One call, read, checked and translated into a prepared §3 batch (nothing written yet). */
export async function preparePortalCall(
	database: Database,
	key: IngestKey,
	body: unknown,
	acceptedAt: Date
): Promise<PortalPrepared> {
	const read = readCall(body, MAX_RECORDS);
	if (!read.call) {
		if (read.tooMany !== undefined)
			return fail(413, [], `at most ${MAX_RECORDS} records per call, got ${read.tooMany}`);
		return fail(400, read.errors, 'Dữ liệu không hợp lệ');
	}
	const call = read.call;
	const checked = await checkPortalCall(database, key, call);
	if (!('units' in checked)) return checked;
	const state = await loadPortalState(database, [...new Set(call.records.map((r) => r.dossier))]);
	const t = translateCall(call, checked.units, state, acceptedAt);
	if (t.errors.length > 0) return fail(400, t.errors, 'Dữ liệu không hợp lệ');
	const prepared = await prepare(database, key, t.events);
	if (!prepared.ok)
		return fail(400, mapErrors(prepared.result.body.errors, t.origins), 'Dữ liệu không hợp lệ');
	prepared.batch.alsoWrite = portalStatusWriter(database, state, t.touched);
	return { ok: true, batch: prepared.batch, records: call.records.length, origins: t.origins };
}

/** §3 errors (by event index) as errors by record and portal field. */
export function mapErrors(
	errors: readonly { index: number; path: string; message: string }[],
	origins: readonly { index: number; field: string }[]
): CallError[] {
	return errors.map((e) => {
		const o = origins[e.index];
		if (!o) return e;
		const head = e.path.split('.')[0];
		return {
			index: o.index,
			path: head === 'at' || head === '' ? o.field : (PORTAL_FIELD[head] ?? o.field),
			message: e.message
		};
	});
}
