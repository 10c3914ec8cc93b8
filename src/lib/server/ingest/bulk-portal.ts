/**
 * `cli events import --format dvcqg FILE`: a province's history as the
 * national portal's sync calls (docs/api.md#national-portal-sync), one call a line — the same
 * bulk import (bulk.ts: validate the whole file first, batches, checkpoints,
 * resumable), with each call read and translated as POST /api/v1/dvcqg does.
 *
 * Calls are translated in file order, each batch against the database as the
 * batches before it left it (what is known of its dossiers, their portal
 * status), so a resumed import translates the rest exactly as an unbroken
 * one would. Errors name the line and `data[i].Field`.
 */
import {
	readCall,
	portalUnitsOf,
	type CallError,
	type PortalCall
} from '../../domain/dvcqg/call.ts';
import { translateCall } from '../../domain/dvcqg/translate.ts';
import type { Database } from '../db/index.ts';
import { unitsByPortalCode } from '../queries/portal-codes.ts';
import { ancestorsOf } from '../queries/units.ts';
import type { LineError } from './bulk.ts';
import { prepare, type IngestKey, type PreparedBatch } from './ingest.ts';
import { foreignOwners } from './ownership.ts';
import { loadPortalState, mapErrors, MAX_RECORDS, portalStatusWriter } from './portal.ts';

const where = (line: number, e: CallError): LineError => ({
	line,
	path: e.index < 0 ? e.path : `data[${e.index}]${e.path ? `.${e.path}` : ''}`,
	message: e.message
});

/** Pass 1 over a file of calls: each call read strictly, then every unit name and dossier checked against the key's scope. */
export class PortalFileCheck {
	readonly errors: LineError[] = [];
	private readonly unitLine = new Map<string, number>();
	private dossiers = new Map<string, number>();
	private readonly key: IngestKey;
	private readonly database: Database;
	records = 0;
	constructor(database: Database, key: IngestKey) {
		this.database = database;
		this.key = key;
	}
	/** One line's call (already JSON); returns how many records it holds. */
	async line(n: number, raw: unknown): Promise<void> {
		const r = readCall(raw, MAX_RECORDS);
		if (!r.call) {
			if (r.tooMany !== undefined)
				this.errors.push({
					line: n,
					path: 'data',
					message: `at most ${MAX_RECORDS} records per call, got ${r.tooMany}`
				});
			this.errors.push(...r.errors.map((e) => where(n, e)));
			return;
		}
		this.records += r.call.records.length;
		for (const u of portalUnitsOf(r.call)) if (!this.unitLine.has(u)) this.unitLine.set(u, n);
		for (const rec of r.call.records)
			if (!this.dossiers.has(rec.dossier)) this.dossiers.set(rec.dossier, n);
		if (r.call.records.some((rec) => rec.unit === null) && r.call.madonvi === null)
			this.errors.push({
				line: n,
				path: 'madonvi',
				message: 'the receiving unit is required: MaDonVi in the record or madonvi in the call'
			});
		if (this.dossiers.size >= 20_000) await this.owners();
	}
	private async owners(): Promise<void> {
		const foreign = await foreignOwners(
			this.database,
			undefined,
			[...this.dossiers.keys()],
			[],
			this.key.scopeCode
		);
		for (const f of foreign)
			this.errors.push({
				line: this.dossiers.get(f.code)!,
				path: 'MaHoSo',
				message: `dossier "${f.code}" belongs to unit "${f.unit}", outside this key's scope (${this.key.scopeCode})`
			});
		this.dossiers = new Map();
	}
	/** The checks that need the whole file; the unit names resolved. */
	async finish(): Promise<Map<string, string>> {
		await this.owners();
		const units = await unitsByPortalCode(this.database, [...this.unitLine.keys()]);
		const ancestors = await ancestorsOf(this.database, [...new Set(units.values())]);
		for (const [name, line] of this.unitLine) {
			const unit = units.get(name);
			if (!unit)
				this.errors.push({
					line,
					path: 'madonvi',
					message: `unknown unit "${name}" (neither one of our unit codes nor a unit's dvcqg_code)`
				});
			else if (!ancestors.get(unit)?.includes(this.key.scopeCode))
				this.errors.push({
					line,
					path: 'madonvi',
					message: `unit "${name}" (${unit}) is outside this key's scope (${this.key.scopeCode})`
				});
		}
		this.errors.sort((a, b) => a.line - b.line);
		return units;
	}
}

/** A batch of calls (in file order) as one prepared §3 batch, and each event's line; or the errors by line. */
export async function preparePortalLines(
	database: Database,
	key: IngestKey,
	lines: readonly { n: number; raw: unknown }[],
	units: ReadonlyMap<string, string>,
	acceptedAt: Date
): Promise<
	{ ok: true; batch: PreparedBatch; lineOf: number[] } | { ok: false; errors: LineError[] }
> {
	const calls: { n: number; call: PortalCall }[] = [];
	const errors: LineError[] = [];
	for (const { n, raw } of lines) {
		const r = readCall(raw, MAX_RECORDS);
		if (r.call) calls.push({ n, call: r.call });
		else errors.push(...r.errors.map((e) => where(n, e)));
	}
	if (errors.length > 0) return { ok: false, errors };
	const state = await loadPortalState(database, [
		...new Set(calls.flatMap((c) => c.call.records.map((r) => r.dossier)))
	]);
	const events: Record<string, unknown>[] = [];
	const origins: { n: number; index: number; field: string }[] = [];
	const touched = new Set<string>();
	for (const { n, call } of calls) {
		const t = translateCall(call, units, state, acceptedAt);
		errors.push(...t.errors.map((e) => where(n, e)));
		events.push(...t.events);
		origins.push(...t.origins.map((o) => ({ n, ...o })));
		for (const d of t.touched) touched.add(d);
	}
	if (errors.length > 0) return { ok: false, errors };
	const prepared = await prepare(database, key, events, { yieldEvery: 2000 });
	if (!prepared.ok) {
		const mapped = mapErrors(prepared.result.body.errors, origins);
		return {
			ok: false,
			errors: mapped.map((e, i) => where(origins[prepared.result.body.errors[i].index]?.n ?? 0, e))
		};
	}
	prepared.batch.alsoWrite = portalStatusWriter(database, state, touched);
	return { ok: true, batch: prepared.batch, lineOf: origins.map((o) => o.n) };
}
